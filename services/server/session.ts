import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Browser sessions of the headless server. The page never holds the API token: `b3ai serve` prints
 * (or opens) a one-time link `/?auth=<code>`; the code works once, for a few minutes, and is
 * exchanged for an HttpOnly, SameSite=Strict cookie on this host (no Domain, Path=/), which the API
 * accepts instead of the bearer token.
 */
export interface SessionOptions {
  /** How long a sign-in code works (default 10 minutes). */
  codeTtlMs?: number;
  /** How long a session lasts without use (default 12 hours). */
  idleTtlMs?: number;
  now?: () => number;
}

/** Codes waiting to be used at once, at most: minting more drops the oldest. */
const MAX_CODES = 32;
const MAX_SESSIONS = 256;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export class Sessions {
  private readonly codes: Array<{ hash: Buffer; expires: number }> = [];
  /** sha256(session id) → expiry; the id itself is kept only in the browser's cookie. */
  private readonly sessions = new Map<string, number>();
  private readonly codeTtl: number;
  private readonly idleTtl: number;
  private readonly now: () => number;

  constructor(o: SessionOptions = {}) {
    this.codeTtl = o.codeTtlMs ?? 10 * 60_000;
    this.idleTtl = o.idleTtlMs ?? 12 * 60 * 60_000;
    this.now = o.now ?? Date.now;
  }

  /** A new one-time sign-in code and when it expires. */
  mintCode(): { code: string; expiresAt: number } {
    const code = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.codeTtl;
    this.codes.push({ hash: digest(code), expires: expiresAt });
    while (this.codes.length > MAX_CODES) this.codes.shift();
    return { code, expiresAt };
  }

  /**
   * Use a code: a new session id when it is one of ours and fresh (it then stops working), else
   * null. Every pending code is compared, in constant time, whatever matches.
   */
  redeem(code: string): string | null {
    const now = this.now();
    const given = digest(code);
    let hit = -1;
    this.codes.forEach((c, i) => {
      if (timingSafeEqual(c.hash, given) && c.expires > now) hit = i;
    });
    for (let i = this.codes.length - 1; i >= 0; i--) {
      if (i === hit || this.codes[i]!.expires <= now) this.codes.splice(i, 1);
    }
    if (hit < 0) return null;
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(digest(id).toString('hex'), now + this.idleTtl);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return id;
  }

  /** Whether a session id is live; a live one is extended (idle timeout). */
  valid(id: string | undefined): boolean {
    if (!id || id.length > 100) return false;
    const key = digest(id).toString('hex');
    const expires = this.sessions.get(key);
    if (expires === undefined) return false;
    const now = this.now();
    if (expires <= now) {
      this.sessions.delete(key);
      return false;
    }
    this.sessions.set(key, now + this.idleTtl);
    return true;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(digest(id).toString('hex'));
  }
}

/** The cookie's name: per port, since browsers share cookies between ports of one host. */
export function sessionCookieName(port: number): string {
  return `b3ai_session_${port}`;
}

/** `Set-Cookie` for a session: HttpOnly, SameSite=Strict, this host only (no Domain), every path. */
export function sessionCookie(port: number, id: string, maxAgeS: number): string {
  return `${sessionCookieName(port)}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}`;
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The header the browser UI sends with every API call. A page on another origin cannot send a
 * custom header without a CORS preflight, which this server never answers, so a request carrying
 * the session cookie without it (a form post, an <img>, a page on another port of localhost —
 * same-site for SameSite) is refused.
 */
export const CLIENT_HEADER = 'x-b3ai-client';

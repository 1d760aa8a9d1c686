import type { SourceErrorCode } from '../errors';

export type CircuitState = 'closed' | 'open' | 'half-open';

/** What the lead persists (SQLite) and hands back to `CircuitBreaker.restore`. */
export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  /** Epoch ms (per `now`) when the circuit last opened; null while it never has since closing. */
  openedAt: number | null;
  lastFailureCode: string | null;
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long an open circuit refuses before letting one probe through (default 5 min). */
  cooldownMs?: number;
  now?: () => number;
}

export type Allowance = { ok: true } | { ok: false; retryInMs: number };

/** Failures that say the site is unwell: these count toward opening the circuit. */
export const TRIPPING_CODES: ReadonlySet<string> = new Set<SourceErrorCode>([
  'TIMEOUT',
  'UNAVAILABLE',
  'RATE_LIMITED',
  'BLOCKED',
]);

/**
 * Failures that prove the site answered (the ticker does not exist, the page has no rows, our
 * parser is stale, our credentials are refused): as good as a success for the circuit. Any other
 * code (INVALID_INPUT, CANCELLED, ...) says nothing about the site and leaves the circuit as is.
 */
export const ANSWERED_CODES: ReadonlySet<string> = new Set<SourceErrorCode>([
  'NOT_FOUND',
  'EMPTY_DATA',
  'LAYOUT_CHANGED',
  'UNAUTHORIZED',
]);

/**
 * Per-source circuit breaker, a pure state machine (time comes from `now`). Closed: everything
 * goes. `failureThreshold` consecutive tripping failures open it: requests are refused for
 * `cooldownMs`. Then it is half-open: exactly one probe goes through, and until that probe
 * reports every other request is refused; the probe's success closes the circuit, its tripping
 * failure opens it for another cooldown.
 */
export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private lastFailureCode: string | null = null;
  private probeOut = false;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(opts: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, Math.floor(opts.failureThreshold ?? 5));
    this.cooldownMs = Math.max(0, opts.cooldownMs ?? 5 * 60_000);
    this.now = opts.now ?? Date.now;
  }

  static restore(snapshot: CircuitSnapshot, opts: CircuitBreakerOptions = {}): CircuitBreaker {
    const b = new CircuitBreaker(opts);
    const state: CircuitState = ['closed', 'open', 'half-open'].includes(snapshot.state)
      ? snapshot.state
      : 'closed';
    b.consecutiveFailures = Math.max(0, Math.floor(Number(snapshot.consecutiveFailures) || 0));
    b.lastFailureCode = typeof snapshot.lastFailureCode === 'string' ? snapshot.lastFailureCode : null;
    b.openedAt =
      typeof snapshot.openedAt === 'number' && Number.isFinite(snapshot.openedAt) ? snapshot.openedAt : null;
    // An open circuit without a date restarts its cooldown now; a half-open one lost its probe
    // with the process that sent it, so the next request may probe again.
    if (state === 'open' && b.openedAt === null) b.openedAt = b.now();
    b.state = state;
    return b;
  }

  get current(): CircuitState {
    return this.state;
  }

  /** May a request go now? Moving from open to half-open hands out the one probe. */
  allow(): Allowance {
    if (this.state === 'closed') return { ok: true };
    if (this.state === 'open') {
      const waited = this.now() - (this.openedAt ?? Number.NEGATIVE_INFINITY);
      if (waited < this.cooldownMs) return { ok: false, retryInMs: Math.ceil(this.cooldownMs - waited) };
      this.state = 'half-open';
    }
    if (this.probeOut) {
      // The probe's verdict is pending; if it fails the circuit opens for a whole cooldown.
      return { ok: false, retryInMs: this.cooldownMs };
    }
    this.probeOut = true;
    return { ok: true };
  }

  success(): void {
    this.state = 'closed';
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.probeOut = false;
  }

  failure(code: string): void {
    if (ANSWERED_CODES.has(code)) {
      this.success();
      return;
    }
    if (!TRIPPING_CODES.has(code)) {
      // Nothing learnt about the site; a probe that ended so frees the slot for another.
      this.probeOut = false;
      return;
    }
    this.consecutiveFailures++;
    this.lastFailureCode = code;
    if (this.state === 'half-open') {
      this.open();
    } else if (this.state === 'closed' && this.consecutiveFailures >= this.failureThreshold) {
      this.open();
    }
    // Already open (a late report from a request let through earlier): keep the cooldown as is.
  }

  snapshot(): CircuitSnapshot {
    return {
      state: this.state,
      consecutiveFailures: this.consecutiveFailures,
      openedAt: this.openedAt,
      lastFailureCode: this.lastFailureCode,
    };
  }

  private open(): void {
    this.state = 'open';
    this.openedAt = this.now();
    this.probeOut = false;
  }
}

import type { ErrorCode } from '../../contract';

/** First automatic check this long after start (the app settles first), then once a day. */
export const START_DELAY_MS = 2 * 60_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60_000;

export interface OfferInput {
  /** Electron's `app.isPackaged`. */
  packaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * Updates are offered to packaged builds only: a run from source updates with git, a Linux
 * package manager's deb updates with apt (electron-updater can only replace an AppImage in place,
 * or install a .deb with pkexec), and B3AI_DISABLE_UPDATES=1 turns them off.
 */
export type OfferCode = 'source' | 'disabled' | 'package-manager';

export function updateOffer(o: OfferInput): {
  supported: boolean;
  reason: string | null;
  code: OfferCode | null;
} {
  if (!o.packaged)
    return { supported: false, reason: 'this is a build from source (update it with git)', code: 'source' };
  if (o.env['B3AI_DISABLE_UPDATES'] === '1')
    return { supported: false, reason: 'B3AI_DISABLE_UPDATES=1', code: 'disabled' };
  if (o.platform === 'linux' && !o.env['APPIMAGE'] && !o.env['B3AI_DEB_UPDATES'])
    return {
      supported: false,
      reason: 'installed from a package: your package manager updates it',
      code: 'package-manager',
    };
  return { supported: true, reason: null, code: null };
}

/**
 * When the next automatic check is due: `startDelay` after start at the earliest, else a day after
 * the last check (kept across restarts). Null when automatic checks are off.
 */
export function nextCheckAt(o: {
  autoCheck: boolean;
  startedAt: number;
  lastCheckAt: number | null;
  startDelayMs?: number;
  intervalMs?: number;
}): number | null {
  if (!o.autoCheck) return null;
  const earliest = o.startedAt + (o.startDelayMs ?? START_DELAY_MS);
  const due = o.lastCheckAt === null ? earliest : o.lastCheckAt + (o.intervalMs ?? CHECK_INTERVAL_MS);
  return Math.max(due, earliest);
}

/** Semantic versions compared (major.minor.patch, then a release above its prereleases). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(v.trim());
    if (!m) return null;
    return { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a === b ? 0 : a < b ? -1 : 1;
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  const pa = x.pre.split('.');
  const pb = y.pre.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const p = pa[i];
    const q = pb[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const np = /^\d+$/.test(p);
    const nq = /^\d+$/.test(q);
    if (np && nq && Number(p) !== Number(q)) return Number(p) - Number(q);
    if (np !== nq) return np ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** Whether `found` is an update for `current` on `channel` (stable never takes a prerelease). */
export function isOffered(current: string, found: string, channel: 'stable' | 'beta'): boolean {
  if (channel === 'stable' && found.includes('-')) return false;
  return compareVersions(found, current) > 0;
}

/** Release notes as plain text: a string, or electron-builder's list per version; HTML tags dropped. */
export function releaseNotesText(notes: unknown): string | null {
  const strip = (s: string): string =>
    s
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|li|h\d)>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  if (typeof notes === 'string') return strip(notes) || null;
  if (Array.isArray(notes)) {
    const parts = notes
      .map((n) => n as { version?: unknown; note?: unknown })
      .filter((n) => typeof n.note === 'string')
      .map((n) => `${typeof n.version === 'string' ? `${n.version}\n` : ''}${strip(n.note as string)}`);
    return parts.length ? parts.join('\n\n') : null;
  }
  return null;
}

/**
 * An updater failure as a typed problem the UI shows; the app goes on regardless. Messages name the
 * feed's file at most, never a local path or a response body.
 */
export function describeUpdateError(e: unknown): { code: ErrorCode; message: string } {
  const err = e as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || err?.statusCode === 404)
    return { code: 'NOT_FOUND', message: 'the update feed has no release file for this channel (HTTP 404)' };
  if (code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch|sha2 mismatch/i.test(message))
    return {
      code: 'CONFLICT',
      message: 'the downloaded update does not match its sha512 in the feed: it was discarded',
    };
  if (
    code === 'ERR_UPDATER_INVALID_UPDATE_INFO' ||
    code === 'ERR_UPDATER_NO_FILES_PROVIDED' ||
    code === 'ERR_UPDATER_NO_CHECKSUM'
  )
    return {
      code: 'LAYOUT_CHANGED',
      message: 'the update feed answered a release file this app cannot read',
    };
  if (code === 'ERR_UPDATER_NO_FEED') return { code: 'UNAVAILABLE', message: 'no update feed URL is set' };
  if (
    /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH)$/.test(code) ||
    /net::ERR_/.test(message)
  )
    return {
      code: 'UNAVAILABLE',
      message: 'no connection to the update feed; the next check will try again',
    };
  if (typeof err?.statusCode === 'number')
    return { code: 'UNAVAILABLE', message: `the update feed answered HTTP ${err.statusCode}` };
  return { code: 'UNAVAILABLE', message: 'the update check failed; the next check will try again' };
}

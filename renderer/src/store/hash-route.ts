/** The route kept in location.hash so a reload shows the same security: `#/asset/PETR4`. */
export function tickerFromHash(hash: string): string | null {
  const m = /^#?\/asset\/([A-Za-z0-9]{4,12})\/?$/.exec(hash);
  return m?.[1] ? m[1].toUpperCase() : null;
}

export function hashForTicker(ticker: string | null): string {
  return ticker ? `#/asset/${encodeURIComponent(ticker)}` : '';
}

/**
 * The app's top-level views: the asset page (default), the jobs console (`#/jobs`) and the data
 * sources (`#/sources`).
 */
export type View = 'assets' | 'jobs' | 'sources';

export const JOBS_HASH = '#/jobs';
export const SOURCES_HASH = '#/sources';

export function viewFromHash(hash: string): View {
  if (/^#?\/jobs\/?$/.test(hash)) return 'jobs';
  if (/^#?\/sources\/?$/.test(hash)) return 'sources';
  return 'assets';
}

/** The hash for a view: `#/jobs`, `#/sources`, or the selected ticker's route on the asset view. */
export function hashForView(view: View, ticker: string | null): string {
  if (view === 'jobs') return JOBS_HASH;
  if (view === 'sources') return SOURCES_HASH;
  return hashForTicker(ticker);
}

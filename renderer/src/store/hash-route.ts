/** The route kept in location.hash so a reload shows the same security: `#/asset/PETR4`. */
export function tickerFromHash(hash: string): string | null {
  const m = /^#?\/asset\/([A-Za-z0-9]{4,12})\/?$/.exec(hash);
  return m?.[1] ? m[1].toUpperCase() : null;
}

export function hashForTicker(ticker: string | null): string {
  return ticker ? `#/asset/${encodeURIComponent(ticker)}` : '';
}

/** The app's top-level views: the asset page (default) and the jobs console (`#/jobs`). */
export type View = 'assets' | 'jobs';

export const JOBS_HASH = '#/jobs';

export function viewFromHash(hash: string): View {
  return /^#?\/jobs\/?$/.test(hash) ? 'jobs' : 'assets';
}

/** The hash for a view: `#/jobs`, or the selected ticker's route on the asset view. */
export function hashForView(view: View, ticker: string | null): string {
  return view === 'jobs' ? JOBS_HASH : hashForTicker(ticker);
}

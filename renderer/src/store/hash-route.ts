/**
 * The route kept in location.hash so a reload shows the same security: `#/asset/PETR4`, or one of
 * its page's sections: `#/asset/PETR4/valuation` (see asset-sections.ts).
 */
const ASSET_RE = /^#?\/asset\/([A-Za-z0-9]{4,12})(?:\/([a-z]{2,16}))?\/?$/;

export function tickerFromHash(hash: string): string | null {
  const m = ASSET_RE.exec(hash);
  return m?.[1] ? m[1].toUpperCase() : null;
}

/** The section named by `#/asset/PETR4/<section>` (unchecked: asset-sections.ts checks it). */
export function assetSectionFromHash(hash: string): string | null {
  return ASSET_RE.exec(hash)?.[2] ?? null;
}

export function hashForTicker(ticker: string | null): string {
  return ticker ? `#/asset/${encodeURIComponent(ticker)}` : '';
}

/**
 * The app's top-level views: the home page (default: no hash, `#/` or `#/home`), the asset page
 * (`#/asset`, `#/asset/PETR4`), the jobs console (`#/jobs`), the data
 * sources (`#/sources`), the comparison (`#/compare`, optionally `#/compare/PETR4,VALE3`), the
 * screener (`#/screener`), the AI reports (`#/reports`, optionally `#/reports/PETR4`), the
 * settings (`#/settings`) and the SQL console (`#/sql`).
 */
export type View =
  | 'home'
  | 'assets'
  | 'jobs'
  | 'sources'
  | 'compare'
  | 'screener'
  | 'reports'
  | 'settings'
  | 'sql'
  | 'portfolio'
  | 'macro'
  | 'tesouro';

export const HOME_HASH = '#/home';
export const ASSET_HASH = '#/asset';
export const JOBS_HASH = '#/jobs';
export const SOURCES_HASH = '#/sources';
export const COMPARE_HASH = '#/compare';
export const SCREENER_HASH = '#/screener';
export const REPORTS_HASH = '#/reports';
export const SETTINGS_HASH = '#/settings';
export const SQL_HASH = '#/sql';
export const PORTFOLIO_HASH = '#/portfolio';
export const MACRO_HASH = '#/macro';
export const TESOURO_HASH = '#/tesouro';

const COMPARE_RE = /^#?\/compare(?:\/([A-Za-z0-9.=^,-]*))?\/?$/;
const REPORTS_RE = /^#?\/reports(?:\/([A-Za-z0-9]{4,12}))?\/?$/;

export function viewFromHash(hash: string): View {
  // The home page is the first screen: no hash, `#/` or `#/home`.
  if (/^#?\/?$/.test(hash) || /^#?\/home\/?$/.test(hash)) return 'home';
  if (/^#?\/jobs\/?$/.test(hash)) return 'jobs';
  if (/^#?\/sources\/?$/.test(hash)) return 'sources';
  if (/^#?\/screener\/?$/.test(hash)) return 'screener';
  if (COMPARE_RE.test(hash)) return 'compare';
  if (REPORTS_RE.test(hash)) return 'reports';
  if (/^#?\/settings\/?$/.test(hash)) return 'settings';
  if (/^#?\/sql\/?$/.test(hash)) return 'sql';
  if (/^#?\/portfolio\/?$/.test(hash)) return 'portfolio';
  if (/^#?\/macro\/?$/.test(hash)) return 'macro';
  if (/^#?\/tesouro\/?$/.test(hash)) return 'tesouro';
  return 'assets';
}

/** The tickers of `#/compare/PETR4,VALE3` (upper-cased, in order); [] for a bare `#/compare`. */
export function compareTickersFromHash(hash: string): string[] {
  const list = COMPARE_RE.exec(hash)?.[1] ?? '';
  return list
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
}

/** `#/compare/PETR4,VALE3`, or `#/compare` with no tickers. */
export function hashForCompare(tickers: readonly string[]): string {
  return tickers.length ? `${COMPARE_HASH}/${tickers.map(encodeURIComponent).join(',')}` : COMPARE_HASH;
}

/** The ticker of `#/reports/PETR4` (upper-cased); null for a bare `#/reports` or another view. */
export function reportsTickerFromHash(hash: string): string | null {
  return REPORTS_RE.exec(hash)?.[1]?.toUpperCase() ?? null;
}

/** `#/reports/PETR4`, or `#/reports` with no ticker. */
export function hashForReports(ticker: string | null): string {
  return ticker ? `${REPORTS_HASH}/${encodeURIComponent(ticker)}` : REPORTS_HASH;
}

/** The hash for a view: its own route, or the selected ticker's route on the asset view. */
export function hashForView(view: View, ticker: string | null): string {
  if (view === 'jobs') return JOBS_HASH;
  if (view === 'sources') return SOURCES_HASH;
  if (view === 'compare') return COMPARE_HASH;
  if (view === 'screener') return SCREENER_HASH;
  if (view === 'reports') return REPORTS_HASH;
  if (view === 'settings') return SETTINGS_HASH;
  if (view === 'sql') return SQL_HASH;
  if (view === 'portfolio') return PORTFOLIO_HASH;
  if (view === 'macro') return MACRO_HASH;
  if (view === 'tesouro') return TESOURO_HASH;
  if (view === 'home') return HOME_HASH;
  return hashForTicker(ticker) || ASSET_HASH;
}

/**
 * Every view, once: the e2e checks (other-language words, axe, screenshots) walk this list. A view
 * added to `View` must be added here too (the Record makes a missing one a type error).
 */
const VIEW_SET: Record<View, true> = {
  home: true,
  assets: true,
  portfolio: true,
  compare: true,
  screener: true,
  jobs: true,
  sources: true,
  reports: true,
  settings: true,
  sql: true,
  macro: true,
  tesouro: true,
};
export const VIEWS = Object.keys(VIEW_SET) as readonly View[];

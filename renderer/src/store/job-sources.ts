import type { ScraperEntry } from '../../../services/contract';

/** Job types that are not data sources (no entry in `scrapers.list`): always runnable. */
export const BUILT_IN_JOB_SOURCES: readonly string[] = ['selftest', 'cotahist'];

/** What the create form offers: the built-in job types, then every enabled source of `scrapers.list`. */
export function runnableSources(entries: readonly ScraperEntry[]): string[] {
  const ids = [...BUILT_IN_JOB_SOURCES];
  for (const e of entries) if (e.enabled && !ids.includes(e.id)) ids.push(e.id);
  return ids;
}

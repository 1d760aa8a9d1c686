import type { CurrentValues } from '../../contract';
import type { Pg } from '../storage/pg';
import { loadObservations, NO_FILES, type FileSnapshots } from './current-loader';
import { resolveAll, todayInSaoPaulo, type Observation } from './current-value';

export interface UniverseRow {
  ticker: string;
  /** Standard key → its current value (`current[key].value`). */
  values: Record<string, number>;
  /** Standard key → the resolved current value, with its source, date and staleness. */
  current: CurrentValues;
  sector: string | null;
  sources: string[];
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Every ticker with fundamentals in the local database (each source's latest detail page and latest
 * screener export), each key's value being the current value the resolver picks (current-value.ts):
 * the latest observation by its own date, B3's last bar included for the price.
 */
export async function loadUniverse(
  pg: Pg,
  files: FileSnapshots = NO_FILES,
  today: string = todayInSaoPaulo(),
): Promise<UniverseRow[]> {
  const { observations, sectors, sources } = await loadObservations(pg, null, files);
  return [...sources.keys()]
    .map((ticker) => {
      const current = resolveAll(observations.get(ticker) ?? new Map<string, Observation[]>(), today);
      return {
        ticker,
        sector: sectors.get(ticker) ?? null,
        sources: [...(sources.get(ticker) ?? [])].sort(),
        values: Object.fromEntries(Object.entries(current).map(([k, v]) => [k, v.value])),
        current,
      };
    })
    .sort((a, b) => a.ticker.localeCompare(b.ticker));
}

/** Accent- and case-insensitive comparison of sector names. */
export function sameName(a: string, b: string): boolean {
  const n = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .trim()
      .toLowerCase();
  return n(a) === n(b);
}

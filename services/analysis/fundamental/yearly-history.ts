/**
 * A metric's history per year from every stored observation (issue 15, item 8: the asset page's
 * small yearly charts). Per year, the latest dated observation wins across sources, as the
 * current-value resolver picks today's value: by its own date, then a detail page over a screener
 * export (`rank`), then the source name. An observation with no date of its own (a file the user
 * loaded) is never placed on a year: it is counted apart.
 */

export interface HistoryObservation {
  key: string;
  source: string;
  value: number;
  /** YYYY-MM-DD, or null when neither the source nor a web fetch dates it. */
  as_of: string | null;
  as_of_basis: 'source' | 'fetched' | 'unknown';
  /** Lower wins a tie on the date (0: a detail page; 1: a screener export). */
  rank: number;
}

export interface YearPoint {
  year: number;
  value: number;
  source: string;
  as_of: string;
  as_of_basis: 'source' | 'fetched';
  sources: number;
}

export interface MetricHistory {
  key: string;
  years: YearPoint[];
  undated: number;
}

const ISO_DAY = /^(\d{4})-\d{2}-\d{2}$/;

const beats = (a: HistoryObservation, b: HistoryObservation): boolean => {
  const ad = a.as_of ?? '';
  const bd = b.as_of ?? '';
  if (ad !== bd) return ad > bd;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.source < b.source;
};

/** Every metric's yearly points, oldest year first; metrics in the order first seen. */
export function yearlyHistory(observations: readonly HistoryObservation[]): MetricHistory[] {
  const byKey = new Map<string, { years: Map<number, HistoryObservation[]>; undated: number }>();
  for (const o of observations) {
    if (!Number.isFinite(o.value)) continue;
    let entry = byKey.get(o.key);
    if (!entry) byKey.set(o.key, (entry = { years: new Map(), undated: 0 }));
    const m = o.as_of_basis === 'unknown' || o.as_of === null ? null : ISO_DAY.exec(o.as_of);
    if (!m) {
      entry.undated++;
      continue;
    }
    const year = Number(m[1]);
    const list = entry.years.get(year) ?? [];
    list.push(o);
    entry.years.set(year, list);
  }
  return [...byKey].map(([key, { years, undated }]) => ({
    key,
    undated,
    years: [...years]
      .sort(([a], [b]) => a - b)
      .map(([year, list]) => {
        const best = list.reduce((w, o) => (beats(o, w) ? o : w));
        return {
          year,
          value: best.value,
          source: best.source,
          as_of: best.as_of as string,
          as_of_basis: best.as_of_basis as 'source' | 'fetched',
          sources: new Set(list.map((o) => o.source)).size,
        };
      }),
  }));
}

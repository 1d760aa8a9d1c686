import type { Pg } from '../storage/pg';

export interface UniverseRow {
  ticker: string;
  /** Standard key → the median of the sources' latest values. */
  values: Record<string, number>;
  sector: string | null;
  sources: string[];
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Every ticker with fundamentals in the local database: each source's latest detail page and latest
 * screener export (Status Invest's "busca avançada", Fundamentus' resultado), the median per key.
 */
export async function loadUniverse(pg: Pg): Promise<UniverseRow[]> {
  const detail = await pg.query<{
    ticker: string;
    source: string;
    metric: string;
    value: number | null;
    text: string | null;
  }>(
    `WITH latest AS (
       SELECT DISTINCT ON (source, ticker) source, ticker, snapshot_id FROM fundamentals
       ORDER BY source, ticker, fetched_at DESC, snapshot_id DESC)
     SELECT f.ticker, f.source, f.metric, f.value_num::float8 AS value, f.value_text AS text
     FROM fundamentals f JOIN latest l USING (source, ticker, snapshot_id)
     WHERE f.metric NOT LIKE 'extra:%'`,
  );
  const screens = await pg.query<{ ticker: string; source: string; data: Record<string, unknown> }>(
    `WITH latest AS (
       SELECT DISTINCT ON (source) source, snapshot_id FROM screener_rows ORDER BY source, fetched_at DESC, snapshot_id DESC)
     SELECT s.ticker, s.source, s.data FROM screener_rows s JOIN latest l USING (source, snapshot_id)`,
  );
  const acc = new Map<
    string,
    { values: Map<string, Map<string, number>>; sector: string | null; sources: Set<string> }
  >();
  const entry = (t: string) => {
    let e = acc.get(t);
    if (!e) acc.set(t, (e = { values: new Map(), sector: null, sources: new Set() }));
    return e;
  };
  // One vote per site: its detail page first, its screener export only for keys the page lacks.
  const put = (t: string, source: string, key: string, v: unknown, fillOnly = false): void => {
    const e = entry(t);
    e.sources.add(source);
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    const m = e.values.get(key) ?? new Map<string, number>();
    if (!(fillOnly && m.has(source))) m.set(source, v);
    e.values.set(key, m);
  };
  for (const r of detail.rows) {
    if (r.metric === 'sector' && r.text) entry(r.ticker).sector ??= r.text;
    put(r.ticker, r.source, r.metric, r.value);
  }
  for (const r of screens.rows)
    for (const [k, v] of Object.entries(r.data)) put(r.ticker, r.source, k, v, true);
  return [...acc.entries()]
    .map(([ticker, e]) => ({
      ticker,
      sector: e.sector,
      sources: [...e.sources].sort(),
      values: Object.fromEntries([...e.values.entries()].map(([k, m]) => [k, median([...m.values()])])),
    }))
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

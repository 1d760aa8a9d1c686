import { compoundPercent, performance, type Performance } from '../../analysis/portfolio/performance';
import type { Pg } from '../storage/pg';
import { portfolioTransactions } from './service';

export interface Benchmark {
  name: 'CDI' | 'IPCA' | 'IBOV';
  return: number | null;
  source: string;
}

const monthEnd = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

/** The portfolio's monthly values and returns from local prices, against CDI, IPCA and IBOV from local data. */
export async function performanceOf(
  pg: Pg,
  portfolioId: number,
  from: string,
  to: string,
): Promise<Performance & { benchmarks: Benchmark[] }> {
  const { txs } = await portfolioTransactions(pg, portfolioId);
  const tickers = [...new Set(txs.map((t) => t.ticker))];
  const bars = tickers.length
    ? (
        await pg.query<{ ticker: string; date: string; close: number }>(
          `SELECT ticker, to_char(date,'YYYY-MM-DD') AS date, close::float8 AS close FROM daily_bars WHERE ticker = ANY($1::text[]) AND date <= $2::date ORDER BY ticker, date`,
          [tickers, monthEnd(to)],
        )
      ).rows
    : [];
  const byTicker = new Map<string, { date: string; close: number }[]>();
  for (const b of bars) byTicker.set(b.ticker, [...(byTicker.get(b.ticker) ?? []), b]);
  // The last close on or before the date, if it is at most 40 days old (else the month is not valued).
  const price = (ticker: string, date: string): number | null => {
    const list = byTicker.get(ticker) ?? [];
    let found: { date: string; close: number } | undefined;
    for (const b of list) if (b.date <= date) found = b;
    return found && Date.parse(date) - Date.parse(found.date) <= 40 * 86_400_000 ? found.close : null;
  };
  const perf = performance(txs, price, from, to);
  const start = `${from}-01`;
  const end = monthEnd(to);
  const series = async (code: number) =>
    (
      await pg.query<{ value: number; source: string }>(
        `SELECT value::float8 AS value, source FROM macro_series WHERE series = $1 AND date >= $2::date AND date <= $3::date ORDER BY date`,
        [code, start, end],
      )
    ).rows;
  const cdi = await series(12);
  const ipca = await series(433);
  const ibov = (
    await pg.query<{ first: number | null; last: number | null; source: string | null }>(
      `SELECT (array_agg(close::float8 ORDER BY date))[1] AS first, (array_agg(close::float8 ORDER BY date DESC))[1] AS last, min(source) AS source
       FROM source_bars WHERE ticker IN ('^BVSP','IBOV') AND date >= $1::date AND date <= $2::date`,
      [start, end],
    )
  ).rows[0];
  return {
    ...perf,
    benchmarks: [
      {
        name: 'CDI',
        return: cdi.length ? compoundPercent(cdi.map((x) => x.value)) : null,
        source: cdi.length
          ? `macro_series 12 (${cdi[0]!.source}), ${cdi.length} days`
          : 'no local CDI (BCB series 12)',
      },
      {
        name: 'IPCA',
        return: ipca.length ? compoundPercent(ipca.map((x) => x.value)) : null,
        source: ipca.length
          ? `macro_series 433 (${ipca[0]!.source}), ${ipca.length} months`
          : 'no local IPCA (BCB series 433)',
      },
      {
        name: 'IBOV',
        return: ibov?.first && ibov.last ? ibov.last / ibov.first - 1 : null,
        source: ibov?.source ? `source_bars ^BVSP (${ibov.source})` : 'no local IBOV bars',
      },
    ],
  };
}

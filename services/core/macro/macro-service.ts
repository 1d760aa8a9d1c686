import { adjustBars } from '../../analysis/corporate-actions';
import { addMonths, MacroInputError, rangeReturn, type SeriesPoint } from '../../analysis/macro';
import { AppError, type MacroSeriesEntry, type Output } from '../../contract';
import { knownSeries, SGS_SERIES } from '../../sources/bcb/series';
import { ledgerOf } from '../analysis/blocks';
import { loadBars, loadDividends, loadSplits, tickerKnown } from '../analysis/loaders';
import type { Pg } from '../storage/pg';

/** The series the macro view shows first, in this order (the rest follow by code). */
export const HEADLINE_SERIES = [432, 11, 12, 4391, 433, 13522, 10813, 1] as const;

const NAMES: Record<number, { name: string; unit: string; frequency: 'daily' | 'monthly' }> = {
  // CDI daily: not in the source's named list, but any SGS code can be fetched.
  12: { name: 'CDI diário', unit: '% a.d.', frequency: 'daily' },
};

function entry(
  code: number,
  stored: { source: string; points: number; first: string; last: string; value: number } | null,
): MacroSeriesEntry {
  const known = knownSeries(code) ?? NAMES[code];
  return {
    code,
    name: known?.name ?? null,
    unit: known?.unit ?? null,
    frequency: known?.frequency ?? null,
    source: stored?.source ?? null,
    points: stored?.points ?? 0,
    first_date: stored?.first ?? null,
    last_date: stored?.last ?? null,
    last_value: stored?.value ?? null,
    job: { scraper_name: 'bcb', query: `macro-series:${code}` },
  };
}

interface StoredRow {
  series: number;
  source: string;
  points: number;
  first: string;
  last: string;
  value: number;
}

async function storedSeries(pg: Pg, code: number | null): Promise<StoredRow[]> {
  const r = await pg.query<StoredRow>(
    `SELECT s.series, s.source, s.points::int AS points, s.first, s.last, l.value::float8 AS value
       FROM (SELECT series, source, count(*) AS points, to_char(min(date), 'YYYY-MM-DD') AS first,
                    to_char(max(date), 'YYYY-MM-DD') AS last, max(date) AS last_date
               FROM macro_series WHERE $1::int IS NULL OR series = $1::int GROUP BY series, source) s
       JOIN macro_series l ON l.series = s.series AND l.source = s.source AND l.date = s.last_date
      ORDER BY s.series, s.points DESC`,
    [code],
  );
  // One source per series: the one with the most points.
  const seen = new Set<number>();
  return r.rows.filter((x) => (seen.has(x.series) ? false : (seen.add(x.series), true)));
}

const rank = (code: number): number => {
  const i = (HEADLINE_SERIES as readonly number[]).indexOf(code);
  return i < 0 ? HEADLINE_SERIES.length + code : i;
};

export async function listMacroSeries(pg: Pg): Promise<Output<'macro.series'>> {
  const rows = await storedSeries(pg, null);
  const have = new Set(rows.map((x) => x.series));
  const stored = rows.map((x) => entry(x.series, x)).sort((a, b) => rank(a.code) - rank(b.code));
  const missing = [...new Set([...HEADLINE_SERIES, ...SGS_SERIES.map((s) => s.code)])]
    .filter((code) => !have.has(code))
    .sort((a, b) => rank(a) - rank(b))
    .map((code) => entry(code, null));
  return { stored, missing };
}

/** At most this many points per answer (SGS 11 from 1986 holds ~10,000). */
const MAX_POINTS = 20_000;

async function points(
  pg: Pg,
  code: number,
  source: string,
  from?: string,
  to?: string,
): Promise<SeriesPoint[]> {
  const r = await pg.query<SeriesPoint>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, value::float8 AS value FROM macro_series
      WHERE series = $1 AND source = $2 AND ($3::date IS NULL OR date >= $3::date)
        AND ($4::date IS NULL OR date <= $4::date)
      ORDER BY date DESC LIMIT ${MAX_POINTS}`,
    [code, source, from ?? null, to ?? null],
  );
  return r.rows.reverse();
}

export async function macroHistory(
  pg: Pg,
  input: { code: number; from?: string | undefined; to?: string | undefined },
): Promise<Output<'macro.history'>> {
  const [row] = await storedSeries(pg, input.code);
  const e = entry(input.code, row ?? null);
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `SGS series ${input.code}${e.name ? ` (${e.name})` : ''} is not stored: fetch it with the job bcb macro-series:${input.code} (b3ai scrape bcb macro-series ${input.code})`,
      { series: input.code },
    );
  return { series: e, points: await points(pg, input.code, row.source, input.from, input.to) };
}

/** The daily CDI (12) when stored, else the daily Selic (11); the monthly CDI (4391) as fallback. */
const CDI_DAILY = [12, 11] as const;

export async function realReturns(
  pg: Pg,
  input: { ticker: string; from?: string | undefined; to?: string | undefined },
): Promise<Output<'macro.realReturns'>> {
  const ticker = input.ticker;
  const [prices, dividends, splits] = await Promise.all([
    loadBars(pg, ticker),
    loadDividends(pg, ticker),
    loadSplits(pg, ticker),
  ]);
  if (prices.bars.length === 0 && !(await tickerKnown(pg, ticker)))
    throw new AppError('NOT_FOUND', `no data for ${ticker}: import its quotes first`, { ticker });
  const lastBar = prices.bars.at(-1)?.date ?? null;
  const end = input.to ?? lastBar ?? new Date().toISOString().slice(0, 10);
  const start = input.from ?? addMonths(end, -12);
  const base = { ticker, prices_source: prices.source, start, end };
  if (start >= end) throw new AppError('INVALID_INPUT', 'from must be before to', { fields: ['from'] });

  const all = await storedSeries(pg, null);
  const pick = (codes: readonly number[]): StoredRow | undefined =>
    codes.map((c) => all.find((x) => x.series === c)).find((x) => x !== undefined);
  const ipcaRow = pick([433]);
  const dailyRow = pick(CDI_DAILY);
  const monthlyRow = pick([4391]);
  const [ipcaPts, dailyPts, monthlyPts] = await Promise.all([
    ipcaRow ? points(pg, 433, ipcaRow.source) : Promise.resolve([]),
    dailyRow ? points(pg, dailyRow.series, dailyRow.source) : Promise.resolve([]),
    monthlyRow ? points(pg, 4391, monthlyRow.source) : Promise.resolve([]),
  ]);
  const ipca = ipcaRow ? { code: 433, source: ipcaRow.source, basis: 'monthly' } : null;
  if (prices.bars.length < 2)
    return { ...base, result: null, ipca, cdi: null, reason: `too few closes stored for ${ticker}` };

  const closes = adjustBars(prices.bars, ledgerOf(dividends, prices.bars, splits), 'total_return').bars.map(
    (b) => ({ date: b.date, close: b.close }),
  );
  let r;
  try {
    r = rangeReturn(
      {
        closes,
        ipcaMonthly: ipcaPts,
        ...(dailyPts.length ? { cdiDaily: dailyPts } : {}),
        ...(monthlyPts.length ? { cdiMonthly: monthlyPts } : {}),
      },
      start,
      end,
    );
  } catch (e) {
    if (e instanceof MacroInputError) throw new AppError('INVALID_INPUT', e.message, { fields: ['from'] });
    throw e;
  }
  if (!r)
    return {
      ...base,
      result: null,
      ipca,
      cdi: null,
      reason: `the closes of ${ticker} (${closes[0]?.date} to ${closes.at(-1)?.date}) do not cover ${start} to ${end}`,
    };
  const cdiRow = r.cdi?.basis === 'daily' ? dailyRow : r.cdi?.basis === 'monthly' ? monthlyRow : undefined;
  return {
    ...base,
    result: {
      from: r.from,
      to: r.to,
      close_from: r.close_from,
      close_to: r.close_to,
      nominal_pct: r.nominal_pct,
      ipca_pct: r.ipca_pct,
      real_pct: r.real_pct,
      cdi_pct: r.cdi_pct,
      excess_vs_cdi_pct: r.excess_vs_cdi_pct,
      ipca_months: r.ipca_pct === null ? 0 : r.ipca_months.length,
      cdi_days: r.cdi?.basis === 'daily' ? (r.cdi.days ?? 0) : null,
      notes: r.notes,
    },
    ipca: r.ipca_pct === null ? null : ipca,
    cdi: cdiRow && r.cdi ? { code: cdiRow.series, source: cdiRow.source, basis: r.cdi.basis } : null,
    reason: null,
  };
}

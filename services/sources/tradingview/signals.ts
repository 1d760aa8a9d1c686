import { layoutChanged } from '../errors';
import type { TechnicalSummaryItem } from '../models';
import { MA_LENGTHS, num, type ScanRow } from './scanner';

type Signal = 'buy' | 'sell' | 'neutral';
type Recommendation = TechnicalSummaryItem['recommendation'];

/**
 * TradingView's gauges from the scanner's columns, by the rules its technicals page states: a moving
 * average under the price is a buy, above it a sell; each oscillator has its own rule (RSI under 30
 * and rising, a MACD above its signal…); `Rec.*` columns carry the site's own −1/0/1 verdict.
 * An indicator the scanner has no value for is left out of the counts.
 */
export function recommendationOf(score: number): Recommendation {
  if (score >= 0.5) return 'STRONG_BUY';
  if (score >= 0.1) return 'BUY';
  if (score > -0.1) return 'NEUTRAL';
  if (score > -0.5) return 'SELL';
  return 'STRONG_SELL';
}

function score(row: ScanRow, column: string): number {
  const v = num(row, column);
  if (v === null || v < -1 || v > 1)
    throw layoutChanged(`tradingview scan: ${column} is not a score in [-1, 1]`);
  return v;
}

/** A `Rec.*` column: exactly −1, 0 or 1. */
function verdict(row: ScanRow, column: string): Signal | null {
  const v = num(row, column);
  if (v === null) return null;
  if (v === 1) return 'buy';
  if (v === -1) return 'sell';
  if (v === 0) return 'neutral';
  throw layoutChanged(`tradingview scan: ${column} is ${v}, not -1, 0 or 1`);
}

/** The rule over the given columns, or null when one of them has no value. */
function rule(row: ScanRow, columns: string[], f: (...v: number[]) => Signal): Signal | null {
  const values = columns.map((c) => num(row, c));
  return values.every((v): v is number => v !== null) ? f(...values) : null;
}

const oscillatorRules: ((row: ScanRow) => Signal | null)[] = [
  (r) =>
    rule(r, ['RSI', 'RSI[1]'], (v, p) => (v < 30 && p < v ? 'buy' : v > 70 && p > v ? 'sell' : 'neutral')),
  (r) =>
    rule(r, ['Stoch.K', 'Stoch.D', 'Stoch.K[1]', 'Stoch.D[1]'], (k, d, k1, d1) =>
      k < 20 && d < 20 && k > d && k1 < d1
        ? 'buy'
        : k > 80 && d > 80 && k < d && k1 > d1
          ? 'sell'
          : 'neutral',
    ),
  (r) =>
    rule(r, ['CCI20', 'CCI20[1]'], (v, p) =>
      v < -100 && v > p ? 'buy' : v > 100 && v < p ? 'sell' : 'neutral',
    ),
  (r) =>
    rule(r, ['ADX', 'ADX+DI', 'ADX-DI', 'ADX+DI[1]', 'ADX-DI[1]'], (adx, pdi, ndi, pdi1, ndi1) =>
      adx > 20 && pdi1 < ndi1 && pdi > ndi
        ? 'buy'
        : adx > 20 && pdi1 > ndi1 && pdi < ndi
          ? 'sell'
          : 'neutral',
    ),
  (r) =>
    rule(r, ['AO', 'AO[1]', 'AO[2]'], (ao, ao1, ao2) =>
      (ao > 0 && ao1 < 0) || (ao > 0 && ao1 > 0 && ao > ao1 && ao2 > ao1)
        ? 'buy'
        : (ao < 0 && ao1 > 0) || (ao < 0 && ao1 < 0 && ao < ao1 && ao2 < ao1)
          ? 'sell'
          : 'neutral',
    ),
  (r) => rule(r, ['Mom', 'Mom[1]'], (v, p) => (v > p ? 'buy' : v < p ? 'sell' : 'neutral')),
  (r) => rule(r, ['MACD.macd', 'MACD.signal'], (m, s) => (m > s ? 'buy' : m < s ? 'sell' : 'neutral')),
  (r) => verdict(r, 'Rec.Stoch.RSI'),
  (r) => verdict(r, 'Rec.WR'),
  (r) => verdict(r, 'Rec.BBPower'),
  (r) => verdict(r, 'Rec.UO'),
];

function movingAverageSignals(row: ScanRow): (Signal | null)[] {
  const close = num(row, 'close');
  const vsClose = (ma: number | null): Signal | null =>
    ma === null || close === null ? null : ma < close ? 'buy' : ma > close ? 'sell' : 'neutral';
  return [
    ...MA_LENGTHS.flatMap((n) => [vsClose(num(row, `EMA${n}`)), vsClose(num(row, `SMA${n}`))]),
    verdict(row, 'Rec.Ichimoku'),
    verdict(row, 'Rec.VWMA'),
    verdict(row, 'Rec.HullMA9'),
  ];
}

function tally(signals: (Signal | null)[]): { buy: number; sell: number; neutral: number } {
  const t = { buy: 0, sell: 0, neutral: 0 };
  for (const s of signals) if (s) t[s]++;
  return t;
}

export function summaryOf(
  row: ScanRow,
): Pick<TechnicalSummaryItem, 'recommendation' | 'score' | 'oscillators' | 'moving_averages'> {
  const all = score(row, 'Recommend.All');
  const osc = score(row, 'Recommend.Other');
  const ma = score(row, 'Recommend.MA');
  const oscCounts = tally(oscillatorRules.map((f) => f(row)));
  const maCounts = tally(movingAverageSignals(row));
  if (
    oscCounts.buy + oscCounts.sell + oscCounts.neutral === 0 ||
    maCounts.buy + maCounts.sell + maCounts.neutral === 0
  )
    throw layoutChanged('tradingview scan: no indicator values (the columns are gone)');
  return {
    recommendation: recommendationOf(all),
    score: all,
    oscillators: { recommendation: recommendationOf(osc), score: osc, ...oscCounts },
    moving_averages: { recommendation: recommendationOf(ma), score: ma, ...maCounts },
  };
}

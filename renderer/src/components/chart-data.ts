import type { CandlestickData, HistogramData, Time } from 'lightweight-charts';
import type { DailyBar } from '../../../services/contract';

/** Candles for lightweight-charts: time as the 'YYYY-MM-DD' string, oldest first, one per day. */
export function barsToCandles(bars: readonly DailyBar[]): CandlestickData<Time>[] {
  return dedupeSorted(bars).map((b) => ({
    time: b.date,
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
  }));
}

/** Volume bars coloured by the day's direction. */
export function barsToVolumes(bars: readonly DailyBar[], up: string, down: string): HistogramData<Time>[] {
  return dedupeSorted(bars).map((b) => ({
    time: b.date,
    value: b.volume,
    color: b.close >= b.open ? up : down,
  }));
}

/** lightweight-charts requires strictly ascending times. */
function dedupeSorted(bars: readonly DailyBar[]): DailyBar[] {
  const byDate = new Map<string, DailyBar>();
  for (const b of bars) byDate.set(b.date, b);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A chart time (string, business day or UTC seconds) back to 'YYYY-MM-DD'. */
export function timeToIso(t: Time): string {
  if (typeof t === 'string') return t;
  if (typeof t === 'number') return new Date(t * 1000).toISOString().slice(0, 10);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

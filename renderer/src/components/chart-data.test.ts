import { describe, expect, it } from 'vitest';
import type { UTCTimestamp } from 'lightweight-charts';
import type { DailyBar } from '../../../services/contract';
import { barsToCandles, barsToVolumes, timeToIso } from './chart-data';

const bar = (date: string, open: number, close: number): DailyBar => ({
  date,
  open,
  high: Math.max(open, close) + 1,
  low: Math.min(open, close) - 1,
  close,
  average: (open + close) / 2,
  volume: 1000,
  trades: 10,
  quantity: 100,
  isin: 'BRPETRACNPR6',
  codbdi: '02',
  quoteFactor: 1,
});

describe('chart data', () => {
  it('keeps a single bar', () => {
    expect(barsToCandles([bar('2021-06-25', 28, 29)])).toEqual([
      { time: '2021-06-25', open: 28, high: 30, low: 27, close: 29 },
    ]);
  });

  it('sorts, drops duplicate days and colours volume by direction', () => {
    const v = barsToVolumes(
      [bar('2021-06-25', 30, 29), bar('2021-06-24', 28, 29), bar('2021-06-25', 28, 29)],
      'up',
      'down',
    );
    expect(v).toEqual([
      { time: '2021-06-24', value: 1000, color: 'up' },
      { time: '2021-06-25', value: 1000, color: 'up' },
    ]);
  });

  it('turns chart times back into ISO dates', () => {
    expect(timeToIso('2021-06-25')).toBe('2021-06-25');
    expect(timeToIso({ year: 2021, month: 6, day: 5 })).toBe('2021-06-05');
    expect(timeToIso((Date.UTC(2021, 5, 25) / 1000) as UTCTimestamp)).toBe('2021-06-25');
  });
});

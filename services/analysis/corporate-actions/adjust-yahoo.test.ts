import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { adjustBars, type Bar } from './adjust';
import { buildLedger } from './ledger';

// The real recorded Yahoo exchange for AAPL 2020-08-31..2020-11-07: 49 daily bars, a 4:1 split on
// 2020-08-31 (the first bar: no bar before it, so nothing to adjust) and a 0.205 dividend ex
// 2020-11-06. Yahoo's `close` is already split-adjusted and its `adjclose` was computed when the
// exchange was recorded (2025), so it also carries every dividend paid after this window: a constant
// factor over the window. We anchor on the last bar (adjclose/close there) and compare the rest.
interface Chart {
  timestamp: number[];
  events: {
    dividends: Record<string, { amount: number; date: number }>;
    splits: Record<string, { date: number; numerator: number; denominator: number }>;
  };
  indicators: {
    quote: { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] }[];
    adjclose: { adjclose: number[] }[];
  };
}
const exchange = JSON.parse(
  readFileSync(fixture('yahoo_non_SA', 'chart-AAPL-2020-08-31-to-2020-11-07.json'), 'utf-8'),
) as {
  response: { bodyJson: { chart: { result: Chart[] } } };
};
const chart = exchange.response.bodyJson.chart.result[0]!;
const q = chart.indicators.quote[0]!;
const adjclose = chart.indicators.adjclose[0]!.adjclose;
// The timestamps are the New York session opens (13:30/14:30 UTC): the UTC day is the trading day.
const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
const bars: Bar[] = chart.timestamp.map((t, i) => ({
  date: day(t),
  open: q.open[i]!,
  high: q.high[i]!,
  low: q.low[i]!,
  close: q.close[i]!,
  volume: q.volume[i]!,
}));
const ledger = buildLedger({
  dividends: Object.values(chart.events.dividends).map((d) => ({
    source: 'yahoo',
    type: 'DIVIDENDO' as const,
    ex_date: day(d.date),
    date_basis: 'ex_date' as const,
    payment_date: null,
    value: d.amount,
    per_shares: 1,
  })),
  splits: Object.values(chart.events.splits).map((s) => ({
    source: 'yahoo',
    date: day(s.date),
    date_basis: 'ex_date' as const,
    from: s.denominator,
    to: s.numerator,
  })),
});

/** Yahoo rounds adjclose (it looks like float32): 1e-6 relative covers it; the dividend is 1.7e-3. */
const TOLERANCE = 1e-6;

describe('adjustBars against Yahoo AAPL adjclose', () => {
  it('reads the capture: 49 bars, the split on the first bar, the dividend ex 2020-11-06', () => {
    expect(bars).toHaveLength(49);
    expect(ledger.map((e) => [e.date, e.kind, e.factor, e.cash_per_share])).toEqual([
      ['2020-08-31', 'split', 4, 0],
      ['2020-11-06', 'dividend', 1, 0.205],
    ]);
  });

  it('reproduces adjclose within 1e-6 relative, up to the constant factor of later dividends', () => {
    const out = adjustBars(bars, ledger, 'total_return');
    expect(out.applied.map((a) => a.date)).toEqual(['2020-11-06']);
    expect(out.ignored).toEqual([{ date: '2020-08-31', kind: 'split', reason: 'no_bar_before' }]);
    const anchor = adjclose[48]! / bars[48]!.close;
    let worst = 0;
    out.bars.forEach((b, i) => (worst = Math.max(worst, Math.abs((b.close * anchor) / adjclose[i]! - 1))));
    expect(worst).toBeLessThan(TOLERANCE);
    // Without the dividend the pre-ex bars would be off by D/C_prev = 0.205/119.03 ≈ 1.72e-3.
    const rawOff = Math.abs((bars[0]!.close * anchor) / adjclose[0]! - 1);
    expect(rawOff).toBeGreaterThan(1.7e-3);
  });
});

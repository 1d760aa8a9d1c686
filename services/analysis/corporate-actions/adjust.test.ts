import { describe, expect, it } from 'vitest';
import { adjustBars, type Bar } from './adjust';
import { buildLedger } from './ledger';
import { CorporateActionError, type LedgerEntry } from './types';

/** open = close + 1, high = close + 2, low = close − 1, so every price column is checked. */
const bar = (date: string, close: number, volume: number | null = 1000): Bar => ({
  date,
  open: close + 1,
  high: close + 2,
  low: close - 1,
  close,
  volume,
});

// A 2:1 split with ex-date 2024-01-05 and a 1.06 dividend with ex-date 2024-01-09 (C_prev = 53).
const BARS: readonly Bar[] = [
  bar('2024-01-02', 100),
  bar('2024-01-03', 102),
  bar('2024-01-04', 104),
  bar('2024-01-05', 52, 2000),
  bar('2024-01-08', 53, 2000),
  bar('2024-01-09', 51.94, 2000),
  bar('2024-01-10', 52, 2000),
];
const LEDGER = buildLedger({
  splits: [{ source: 'b3', date: '2024-01-05', date_basis: 'ex_date', from: 1, to: 2 }],
  dividends: [
    {
      source: 'fundamentus',
      type: 'DIVIDENDO',
      ex_date: '2024-01-08', // data com: the ex-date is the next trading day, 2024-01-09
      date_basis: 'data_com',
      payment_date: '2024-02-01',
      value: 1.06,
      per_shares: 1,
    },
  ],
});

const closes = (bars: readonly Bar[]) => bars.map((b) => b.close);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('adjustBars', () => {
  it('split mode divides earlier prices by the factor and multiplies their volume', () => {
    const out = adjustBars(BARS, LEDGER, 'split');
    expect(closes(out.bars)).toEqual([50, 51, 52, 52, 53, 51.94, 52]);
    expect(out.bars[0]).toEqual({
      date: '2024-01-02',
      open: 50.5,
      high: 51,
      low: 49.5,
      close: 50,
      volume: 2000,
    });
    expect(out.bars.map((b) => b.volume)).toEqual([2000, 2000, 2000, 2000, 2000, 2000, 2000]);
    expect(out.applied.map((a) => [a.date, a.kind, a.price_multiplier])).toEqual([
      ['2024-01-05', 'split', 0.5],
    ]);
    expect(out.ignored).toEqual([{ date: '2024-01-09', kind: 'dividend', reason: 'mode' }]);
  });

  it('total_return also multiplies prices before the ex-date by 1 − D/C_prev (hand computed)', () => {
    const out = adjustBars(BARS, LEDGER, 'total_return');
    // m = 1 − 1.06/53 = 0.98; split-adjusted 50, 51, 52, 52, 53 times 0.98.
    const want = [49, 49.98, 50.96, 50.96, 51.94, 51.94, 52];
    closes(out.bars).forEach((c, i) => expect(c).toBeCloseTo(want[i]!, 12));
    expect(out.bars[0]?.open).toBeCloseTo(50.5 * 0.98, 12);
    expect(out.bars[0]?.volume).toBe(2000);
    expect(out.applied[1]).toMatchObject({
      date: '2024-01-09',
      kind: 'dividend',
      cash_per_share: 1.06,
      previous_close: 53,
      previous_date: '2024-01-08',
      sources: ['fundamentus'],
    });
    expect(out.applied[1]?.price_multiplier).toBeCloseTo(0.98, 15);
    expect(out.warnings).toEqual([]);
  });

  it('restates a dividend paid before a split in the basis of the last bar', () => {
    // 2.08 per pre-split share, ex 2024-01-04, C_prev 102 (51 split-adjusted): m = 1 − 2.08/102.
    const ledger = buildLedger({
      splits: [{ source: 'b3', date: '2024-01-05', date_basis: 'ex_date', from: 1, to: 2 }],
      dividends: [
        {
          source: 's',
          type: 'JCP',
          ex_date: '2024-01-04',
          date_basis: 'ex_date',
          payment_date: null,
          value: 2.08,
          per_shares: 1,
        },
      ],
    });
    const out = adjustBars(BARS, ledger, 'total_return');
    const m = 1 - 2.08 / 102;
    expect(out.applied.find((a) => a.kind === 'jcp')).toMatchObject({
      cash_per_share: 1.04,
      previous_close: 51,
    });
    expect(out.bars[0]?.close).toBeCloseTo(50 * m, 12);
    expect(out.bars[1]?.close).toBeCloseTo(51 * m, 12);
    expect(out.bars[2]?.close).toBe(52);
  });

  it('raw mode returns equal copies and the input is never mutated', () => {
    const frozen = deepFreeze(structuredClone([...BARS]));
    const raw = adjustBars(frozen, LEDGER, 'raw');
    expect(raw.bars).toEqual(frozen);
    expect(raw.bars[0]).not.toBe(frozen[0]);
    expect(raw.applied).toEqual([]);
    adjustBars(frozen, LEDGER, 'total_return');
    expect(frozen).toEqual(BARS);
  });

  it('is idempotent: repeated calls and any ledger order give the same result', () => {
    const first = adjustBars(BARS, LEDGER, 'total_return');
    expect(adjustBars(BARS, LEDGER, 'total_return')).toEqual(first);
    expect(adjustBars(BARS, [...LEDGER].reverse(), 'total_return').bars).toEqual(first.bars);
    // The last bar is the anchor: adjusting never changes it.
    expect(first.bars.at(-1)).toEqual(BARS.at(-1));
  });

  it('ignores events outside the bars', () => {
    const ledger: LedgerEntry[] = buildLedger({
      splits: [{ source: 'b3', date: '2024-01-02', date_basis: 'ex_date', from: 1, to: 3 }],
      dividends: [
        {
          source: 's',
          type: 'DIVIDENDO',
          ex_date: '2023-12-01',
          date_basis: 'ex_date',
          payment_date: null,
          value: 1,
          per_shares: 1,
        },
        {
          source: 's',
          type: 'DIVIDENDO',
          ex_date: '2024-02-01',
          date_basis: 'ex_date',
          payment_date: null,
          value: 1,
          per_shares: 1,
        },
      ],
    });
    const out = adjustBars(BARS, ledger, 'total_return');
    expect(out.bars).toEqual(BARS);
    expect(out.ignored.map((e) => [e.date, e.reason])).toEqual([
      ['2023-12-01', 'no_bar_before'],
      ['2024-01-02', 'no_bar_before'],
      ['2024-02-01', 'no_bar_on_or_after'],
    ]);
  });

  it('applies an event whose ex-date is the last bar', () => {
    const ledger = buildLedger({
      splits: [],
      dividends: [
        {
          source: 's',
          type: 'DIVIDENDO',
          ex_date: '2024-01-10',
          date_basis: 'ex_date',
          payment_date: null,
          value: 0.5194,
          per_shares: 1,
        },
      ],
    });
    const out = adjustBars(BARS, ledger, 'total_return');
    expect(out.bars[5]?.close).toBeCloseTo(51.94 * 0.99, 12);
    expect(out.bars[6]?.close).toBe(52);
  });

  it('skips a cash event not below the previous close with a warning, and applies the rest', () => {
    const ledger = buildLedger({
      splits: [{ source: 'b3', date: '2024-01-05', date_basis: 'ex_date', from: 1, to: 2 }],
      dividends: [
        {
          source: 's',
          type: 'OUTRO',
          ex_date: '2024-01-09',
          date_basis: 'ex_date',
          payment_date: null,
          value: 53,
          per_shares: 1,
        },
      ],
    });
    const out = adjustBars(BARS, ledger, 'total_return');
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatchObject({
      code: 'CASH_NOT_BELOW_PREVIOUS_CLOSE',
      date: '2024-01-09',
      kind: 'other_cash',
    });
    expect(closes(out.bars)).toEqual([50, 51, 52, 52, 53, 51.94, 52]);
    expect(out.applied.map((a) => a.kind)).toEqual(['split']);
  });

  it('keeps a missing volume missing', () => {
    const out = adjustBars([bar('2024-01-04', 104, null), bar('2024-01-05', 52)], LEDGER, 'split');
    expect(out.bars.map((b) => [b.close, b.volume])).toEqual([
      [52, null],
      [52, 1000],
    ]);
  });

  it('rejects bars that are not in strictly ascending date order', () => {
    expect(() => adjustBars([bar('2024-01-03', 1), bar('2024-01-03', 2)], [], 'raw')).toThrow(
      CorporateActionError,
    );
    expect(() => adjustBars([bar('2024-01-04', 1), bar('2024-01-03', 2)], [], 'raw')).toThrow(/ascending/);
  });
});

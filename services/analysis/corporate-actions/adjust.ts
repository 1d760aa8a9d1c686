import { isShareEvent } from './ledger';
import { CorporateActionError, type IsoDate, type LedgerEntry, type LedgerKind } from './types';

/**
 * - raw: the bars as traded (copies).
 * - split: prices before each share event divided by its factor, volumes multiplied by it, so the
 *   whole series is in the share basis of the last bar.
 * - total_return: split, and every cash event multiplies the prices before its ex-date by
 *   (1 − D/C_prev), C_prev being the close of the last bar before the ex-date (Yahoo's adjclose
 *   method; dividends reinvested at C_prev). JCP counts gross (before the 15% withholding).
 */
export type AdjustMode = 'raw' | 'split' | 'total_return';

/** What indicators read unless the caller asks otherwise (to be stated in the answer). */
export const DEFAULT_INDICATOR_MODE: AdjustMode = 'total_return';

export interface Bar {
  date: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number | null;
}

export interface AppliedEvent {
  date: IsoDate;
  kind: LedgerKind;
  /** The multiplier applied to every price dated before `date` (1/factor for share events). */
  price_multiplier: number;
  /** Share events: the volume multiplier (the share factor). Cash events: 1. */
  volume_multiplier: number;
  /** Cash events: the gross cash per share, restated in the share basis of the last bar. */
  cash_per_share?: number;
  /** Cash events: the split-adjusted close C_prev and its date. */
  previous_close?: number;
  previous_date?: IsoDate;
  sources: string[];
}

export interface IgnoredEvent {
  date: IsoDate;
  kind: LedgerKind;
  /** No bar dated before the event, or none on/after it: it falls outside the bars. */
  reason: 'no_bar_before' | 'no_bar_on_or_after' | 'mode';
}

export interface AdjustWarning {
  code: 'CASH_NOT_BELOW_PREVIOUS_CLOSE';
  date: IsoDate;
  kind: LedgerKind;
  message: string;
}

export interface AdjustedBars<B extends Bar> {
  mode: AdjustMode;
  /** New objects; the input bars are never mutated. Prices are in the basis of the last bar. */
  bars: B[];
  applied: AppliedEvent[];
  ignored: IgnoredEvent[];
  /** Cash events skipped because D >= C_prev (almost surely bad data; they would zero the series). */
  warnings: AdjustWarning[];
}

function assertSorted(bars: readonly Bar[]): void {
  for (let i = 1; i < bars.length; i++) {
    const prev = bars[i - 1];
    const cur = bars[i];
    if (prev && cur && !(prev.date < cur.date)) {
      throw new CorporateActionError(
        'UNSORTED_BARS',
        `bars must have strictly ascending dates: ${prev.date} then ${cur.date} at index ${i}`,
      );
    }
  }
}

/** Index of the last bar dated before `date`, or -1. */
function lastBefore(bars: readonly Bar[], date: IsoDate): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid]?.date ?? '') < date) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function scale<B extends Bar>(bar: B, price: number, volume: number): B {
  return {
    ...bar,
    open: bar.open * price,
    high: bar.high * price,
    low: bar.low * price,
    close: bar.close * price,
    volume: bar.volume === null ? null : bar.volume * volume,
  };
}

/**
 * Adjusted copies of `bars` (strictly ascending dates) under `mode`, anchored at the last bar: its
 * prices stay as traded and earlier bars are back-adjusted. Events outside the bars (no bar before
 * the ex-date, or none on/after it — e.g. an announced future dividend) are ignored and listed.
 */
export function adjustBars<B extends Bar>(
  bars: readonly B[],
  ledger: readonly LedgerEntry[],
  mode: AdjustMode,
): AdjustedBars<B> {
  assertSorted(bars);
  const priceMult = bars.map(() => 1);
  const volumeMult = bars.map(() => 1);
  const applied: AppliedEvent[] = [];
  const ignored: IgnoredEvent[] = [];
  const warnings: AdjustWarning[] = [];
  const lastDate = bars[bars.length - 1]?.date;

  const inRange: { entry: LedgerEntry; prev: number }[] = [];
  for (const entry of ledger) {
    const prev = lastBefore(bars, entry.date);
    if (prev < 0) ignored.push({ date: entry.date, kind: entry.kind, reason: 'no_bar_before' });
    else if (lastDate === undefined || entry.date > lastDate)
      ignored.push({ date: entry.date, kind: entry.kind, reason: 'no_bar_on_or_after' });
    else if (mode === 'raw' || (mode === 'split' && !isShareEvent(entry.kind)))
      ignored.push({ date: entry.date, kind: entry.kind, reason: 'mode' });
    else inRange.push({ entry, prev });
  }

  // Share events first, so every cash event sees split-adjusted closes.
  const shares = inRange.filter(({ entry }) => isShareEvent(entry.kind));
  for (const { entry, prev } of shares) {
    for (let i = 0; i <= prev; i++) {
      priceMult[i] = (priceMult[i] ?? 1) / entry.factor;
      volumeMult[i] = (volumeMult[i] ?? 1) * entry.factor;
    }
    const { date, kind, sources } = entry;
    applied.push({
      date,
      kind,
      price_multiplier: 1 / entry.factor,
      volume_multiplier: entry.factor,
      sources: [...sources],
    });
  }
  const splitMult = [...priceMult];

  for (const { entry, prev } of inRange.filter(({ entry }) => !isShareEvent(entry.kind))) {
    const { date, kind, sources } = entry;
    // The cash is per share of its ex-date: restate it in the basis of the last bar.
    const later = shares.filter((s) => s.entry.date > date).reduce((f, s) => f * s.entry.factor, 1);
    const cash = entry.cash_per_share / later;
    const prevBar = bars[prev];
    const previousClose = (prevBar?.close ?? Number.NaN) * (splitMult[prev] ?? 1);
    if (!(cash < previousClose)) {
      warnings.push({
        code: 'CASH_NOT_BELOW_PREVIOUS_CLOSE',
        date,
        kind,
        message: `${kind} of ${cash} per share on ${date} is not below the previous close ${previousClose}: skipped`,
      });
      continue;
    }
    const m = 1 - cash / previousClose;
    for (let i = 0; i <= prev; i++) priceMult[i] = (priceMult[i] ?? 1) * m;
    applied.push({
      date,
      kind,
      price_multiplier: m,
      volume_multiplier: 1,
      cash_per_share: cash,
      previous_close: previousClose,
      previous_date: prevBar?.date ?? date,
      sources: [...sources],
    });
  }
  applied.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const out = bars.map((bar, i) => scale(bar, priceMult[i] ?? 1, volumeMult[i] ?? 1));
  return { mode, bars: out, applied, ignored, warnings };
}

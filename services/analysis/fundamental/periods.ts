/**
 * Period arithmetic over the items of many filings.
 *
 * Which filing's number wins for one item and period: the filing whose own period it is (its
 * ref_date is the period's end: the ÚLTIMO columns) first; otherwise the latest filing that shows
 * it as a comparison (PENÚLTIMO). So a year is read "as first reported, or as restated by a later
 * version of its own filing", and a comparison column only fills a gap.
 *
 * Quarters: ITR DREs carry both the quarter (period_start = the quarter's first day) and the
 * year-to-date column; DFCs carry year-to-date only; the DFP carries the fiscal year. The quarter
 * ending on E is the row that starts on the quarter's first day, or else any longer row ending on E
 * minus what precedes the quarter inside it (so Q4 = DFP year − (Q1 + Q2 + Q3), and a DFC quarter
 * = YTD(E) − YTD(previous quarter end)). Quarter ends step back by three month-ends, which also
 * fits fiscal years that do not end in December (Camil: March–February).
 */
import type { ItemRow } from './accounts';
import type { Filing } from './filings';
import { addDays, addMonths, endOfMonth, previousQuarterEnd, quarterStart } from './dates';

interface Ranked {
  value: number;
  rank: [number, string, number];
}

function better(a: Ranked['rank'], b: Ranked['rank']): boolean {
  if (a[0] !== b[0]) return a[0] > b[0];
  if (a[1] !== b[1]) return a[1] > b[1];
  return a[2] >= b[2];
}

/** item → end → start ('' for balances) → value. */
export class PeriodStore<I extends string> {
  private readonly ranked = new Map<string, Ranked>();
  private readonly byEnd = new Map<string, Map<string, number>>();

  constructor(filings: readonly Filing[], rowsOf: (f: Filing) => readonly ItemRow<I>[]) {
    for (const f of filings) {
      for (const r of rowsOf(f)) {
        const rank: Ranked['rank'] = [r.end === f.ref_date ? 1 : 0, f.ref_date, f.document === 'DFP' ? 1 : 0];
        const k = `${r.item}|${r.end}|${r.start ?? ''}`;
        const seen = this.ranked.get(k);
        if (seen && !better(rank, seen.rank)) continue;
        this.ranked.set(k, { value: r.value, rank });
        const endKey = `${r.item}|${r.end}`;
        const starts = this.byEnd.get(endKey) ?? new Map<string, number>();
        starts.set(r.start ?? '', r.value);
        this.byEnd.set(endKey, starts);
      }
    }
  }

  /** The value filed for exactly this period (balances: start null). */
  direct(item: I, start: string | null, end: string): number | null {
    return this.byEnd.get(`${item}|${end}`)?.get(start ?? '') ?? null;
  }

  /** Starts of the rows filed for `item` ending on `end`. */
  startsEndingOn(item: I, end: string): string[] {
    return [...(this.byEnd.get(`${item}|${end}`)?.keys() ?? [])].filter((s) => s !== '');
  }

  /** The three-month value of the quarter ending on `end`, filed or derived. */
  quarter(item: I, end: string): number | null {
    const qs = quarterStart(end);
    const filed = this.direct(item, qs, end);
    if (filed !== null) return filed;
    // Longest first: the fiscal year before a nine-month YTD.
    for (const start of this.startsEndingOn(item, end).sort()) {
      if (start >= qs) continue;
      const longer = this.direct(item, start, end);
      const before = this.span(item, start, previousQuarterEnd(end));
      if (longer !== null && before !== null) return longer - before;
    }
    return null;
  }

  /** The value over [start, end], both on quarter boundaries: filed, or summed from quarters. */
  span(item: I, start: string, end: string): number | null {
    if (end < start) return null;
    const filed = this.direct(item, start, end);
    if (filed !== null) return filed;
    const q = this.quarter(item, end);
    if (q === null) return null;
    const qs = quarterStart(end);
    if (qs <= start) return qs === start ? q : null;
    const rest = this.span(item, start, previousQuarterEnd(end));
    return rest === null ? null : rest + q;
  }

  /**
   * The twelve months ending on `end`: the four quarters (the fiscal year's row when it is one), or
   * else year-to-date + the previous fiscal year − the same year-to-date a year before (an ITR's
   * PENÚLTIMO column), which needs no earlier ITR.
   */
  trailing12(item: I, end: string): number | null {
    const start = twelveMonthStart(end);
    const summed = this.span(item, start, end);
    if (summed !== null) return summed;
    for (const ytdStart of this.startsEndingOn(item, end).sort()) {
      if (ytdStart <= start) continue;
      const priorStart = addMonths(ytdStart, -12);
      const ytd = this.direct(item, ytdStart, end);
      const priorYear = this.span(item, priorStart, addDays(ytdStart, -1));
      const priorYtd = this.span(item, priorStart, endOfMonth(end, -12));
      if (ytd !== null && priorYear !== null && priorYtd !== null) return ytd + priorYear - priorYtd;
    }
    return null;
  }
}

/** The first day of the twelve months ending on a quarter end. */
export function twelveMonthStart(end: string): string {
  return quarterStart(previousQuarterEnd(previousQuarterEnd(previousQuarterEnd(end))));
}

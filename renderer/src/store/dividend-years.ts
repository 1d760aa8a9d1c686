import type { LedgerEntry } from './analysis-blocks';

export const CASH_KINDS = new Set(['dividend', 'jcp', 'rendimento', 'other_cash']);

export function isCash(e: LedgerEntry): boolean {
  return CASH_KINDS.has(e.kind);
}

export interface YearTotal {
  year: string;
  /** Gross cash per share with an ex-date in that year (R$). */
  total: number;
  events: number;
}

/** Cash paid per share by ex-date year, newest year first; share events are left out. */
export function yearlyTotals(ledger: readonly LedgerEntry[]): YearTotal[] {
  const byYear = new Map<string, YearTotal>();
  for (const e of ledger) {
    if (!isCash(e)) continue;
    const year = e.date.slice(0, 4);
    const y = byYear.get(year) ?? { year, total: 0, events: 0 };
    y.total += e.cash_per_share;
    y.events += 1;
    byYear.set(year, y);
  }
  return [...byYear.values()].sort((a, b) => (a.year < b.year ? 1 : a.year > b.year ? -1 : 0));
}

/** The ledger newest first (by ex-date, then payment date). */
export function newestFirst(ledger: readonly LedgerEntry[]): LedgerEntry[] {
  return [...ledger].sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? 1
        : -1
      : (b.payment_date ?? '').localeCompare(a.payment_date ?? ''),
  );
}

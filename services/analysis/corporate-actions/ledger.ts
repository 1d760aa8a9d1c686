import { assertIsoDate, nextTradingDay } from './dates';
import {
  CorporateActionError,
  type CashKind,
  type CashType,
  type DateBasis,
  type DividendInput,
  type IsoDate,
  type LedgerEntry,
  type LedgerInputs,
  type LedgerKind,
  type LedgerOptions,
  type LedgerReport,
  type ShareEventKind,
  type SplitInput,
} from './types';

/** Two reports are the same event when their per-share value (or share factor) is this close. */
export const MERGE_TOLERANCE = 1e-6;

const CASH_KIND: Record<CashType, CashKind> = {
  DIVIDENDO: 'dividend',
  JCP: 'jcp',
  RENDIMENTO: 'rendimento',
  // Fundamentus' other cash rows (e.g. capital returns) are still cash paid per share.
  OUTRO: 'other_cash',
};

/** Kinds on one date sort share events first, then cash, each in this order. */
const KIND_ORDER: readonly LedgerKind[] = [
  'split',
  'reverse_split',
  'bonus',
  'dividend',
  'jcp',
  'rendimento',
  'other_cash',
];

export function isShareEvent(kind: LedgerKind): kind is ShareEventKind {
  return kind === 'split' || kind === 'reverse_split' || kind === 'bonus';
}

function exDate(reported: IsoDate, basis: DateBasis, options: LedgerOptions): IsoDate {
  return basis === 'ex_date' ? reported : nextTradingDay(reported, options.tradingDays);
}

function positive(n: number, what: string): number {
  if (!Number.isFinite(n) || n <= 0) {
    throw new CorporateActionError('INVALID_INPUT', `${what}: ${n} is not a positive number`);
  }
  return n;
}

function cashCandidate(d: DividendInput, i: number, options: LedgerOptions): LedgerEntry {
  const where = `dividends[${i}] (${d.source})`;
  assertIsoDate(d.ex_date, `${where} ex_date`);
  if (d.payment_date !== null) assertIsoDate(d.payment_date, `${where} payment_date`);
  if (!Number.isFinite(d.value) || d.value < 0) {
    throw new CorporateActionError('INVALID_INPUT', `${where}: value ${d.value} is not an amount`);
  }
  positive(d.per_shares, `${where} per_shares`);
  const report: LedgerReport = {
    source: d.source,
    reported_date: d.ex_date,
    date_basis: d.date_basis,
    type: d.type,
    value: d.value,
    per_shares: d.per_shares,
    payment_date: d.payment_date,
  };
  return {
    date: exDate(d.ex_date, d.date_basis, options),
    kind: CASH_KIND[d.type],
    factor: 1,
    cash_per_share: d.value / d.per_shares,
    payment_date: d.payment_date,
    sources: [d.source],
    reports: [report],
  };
}

function splitKind(s: SplitInput, where: string): ShareEventKind {
  const grows = s.to > s.from;
  if (s.to === s.from)
    throw new CorporateActionError('INVALID_INPUT', `${where}: ${s.from}:${s.to} changes nothing`);
  const kind = s.kind ?? (grows ? 'split' : 'reverse_split');
  if ((kind === 'reverse_split') === grows) {
    throw new CorporateActionError('INVALID_INPUT', `${where}: ${kind} from ${s.from} to ${s.to} shares`);
  }
  return kind;
}

function splitCandidate(s: SplitInput, i: number, options: LedgerOptions): LedgerEntry {
  const where = `splits[${i}] (${s.source})`;
  assertIsoDate(s.date, `${where} date`);
  positive(s.from, `${where} from`);
  positive(s.to, `${where} to`);
  return {
    date: exDate(s.date, s.date_basis, options),
    kind: splitKind(s, where),
    factor: s.to / s.from,
    cash_per_share: 0,
    payment_date: null,
    sources: [s.source],
    reports: [{ source: s.source, reported_date: s.date, date_basis: s.date_basis, from: s.from, to: s.to }],
  };
}

const amount = (e: LedgerEntry): number => (isShareEvent(e.kind) ? e.factor : e.cash_per_share);

/**
 * Whether candidate `c` is another source's report of `e`. One source never reports an event twice:
 * its identical rows are separate events (Fundamentus lists one declaration paid in instalments as
 * rows that differ only by payment date). Known payment dates must agree.
 */
function sameEvent(e: LedgerEntry, c: LedgerEntry): boolean {
  const source = c.sources[0] ?? '';
  return (
    e.date === c.date &&
    e.kind === c.kind &&
    Math.abs(amount(e) - amount(c)) <= MERGE_TOLERANCE &&
    !e.sources.includes(source) &&
    (e.payment_date === null || c.payment_date === null || e.payment_date === c.payment_date)
  );
}

function compare(a: LedgerEntry, b: LedgerEntry): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const byKind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  return byKind !== 0 ? byKind : amount(a) - amount(b);
}

/**
 * The ticker's corporate-action ledger: every report normalised to its ex-date (see types.ts for
 * the data-com convention), reports of one event by different sources merged (same ex-date, kind,
 * and per-share value or share factor within MERGE_TOLERANCE; both sources kept), sorted by date.
 */
export function buildLedger(inputs: LedgerInputs, options: LedgerOptions = {}): LedgerEntry[] {
  const candidates = [
    ...inputs.splits.map((s, i) => splitCandidate(s, i, options)),
    ...inputs.dividends.map((d, i) => cashCandidate(d, i, options)),
  ];
  const entries: LedgerEntry[] = [];
  for (const c of candidates) {
    // Prefer the entry with the same payment date, so instalments pair up with their own.
    const matches = entries.filter((e) => sameEvent(e, c));
    const target = matches.find((e) => e.payment_date === c.payment_date) ?? matches[0];
    if (!target) {
      entries.push(c);
      continue;
    }
    target.sources.push(...c.sources);
    target.reports.push(...c.reports);
    target.payment_date ??= c.payment_date;
  }
  return entries.sort(compare);
}

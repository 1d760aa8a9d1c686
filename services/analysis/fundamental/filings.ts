/**
 * Point-in-time choice of filings: a filing counts from the day CVM received it, so a history
 * computed "as of" a date never sees a number published later.
 *
 * - For each (document, ref_date) the highest version delivered on or before `asOf` is used.
 * - Delivery dates come from `deliveries` (CVM's index, per document/ref_date/version). A version
 *   with no known delivery is assumed delivered on the legal deadline (ITR: 45 days after the
 *   quarter; DFP: 3 months after the fiscal year) and flagged `delivery_estimated`.
 * - Per (filing, statement) the consolidated lines are used when the filing has any, otherwise the
 *   individual ones (companies without subsidiaries file only individual statements).
 */
import { addDays, addMonths, dayOf } from './dates';
import type { DocumentKind, FilingDelivery, StatementLine } from './statement-types';

export type Basis = 'consolidated' | 'individual';

export interface Filing {
  document: DocumentKind;
  ref_date: string;
  version: number;
  /** The day it counts from. */
  delivered_at: string;
  delivery_estimated: boolean;
  /** The basis used for each statement present (DRE → consolidated…). */
  basis: Record<string, Basis>;
  /** The lines of the chosen basis only. */
  lines: StatementLine[];
}

/** The legal deadline, used when the delivery date is unknown. */
export function deliveryDeadline(document: DocumentKind, refDate: string): string {
  return document === 'ITR' ? addDays(refDate, 45) : addMonths(refDate, 3);
}

const keyOf = (document: string, refDate: string, version?: number): string =>
  version === undefined ? `${document}|${refDate}` : `${document}|${refDate}|${version}`;

function chooseBasis(lines: StatementLine[]): { basis: Record<string, Basis>; lines: StatementLine[] } {
  const hasConsolidated = new Set(lines.filter((l) => l.consolidated).map((l) => l.statement));
  const basis: Record<string, Basis> = {};
  const chosen: StatementLine[] = [];
  for (const l of lines) {
    const want = hasConsolidated.has(l.statement);
    basis[l.statement] = want ? 'consolidated' : 'individual';
    if (l.consolidated === want) chosen.push(l);
  }
  return { basis, lines: chosen };
}

/**
 * The filings available on `asOf`, one version per (document, ref_date), oldest ref_date first
 * (an ITR before a DFP of the same date). Throws when the lines mix companies.
 */
export function filingsAsOf(
  lines: readonly StatementLine[],
  deliveries: readonly FilingDelivery[],
  asOf: string,
): Filing[] {
  const companies = new Set(lines.map((l) => l.cvm_code));
  if (companies.size > 1) throw new Error(`statement lines of ${companies.size} companies; pass one company`);
  const asOfDay = dayOf(asOf);
  const delivered = new Map<string, string>();
  for (const d of deliveries) {
    const k = keyOf(d.document, d.ref_date, d.version);
    const day = dayOf(d.delivered_at);
    const seen = delivered.get(k);
    if (seen === undefined || day < seen) delivered.set(k, day);
  }
  const versions = new Map<string, Map<number, StatementLine[]>>();
  for (const l of lines) {
    const k = keyOf(l.document, l.ref_date);
    const byVersion = versions.get(k) ?? new Map<number, StatementLine[]>();
    const list = byVersion.get(l.version) ?? [];
    list.push(l);
    byVersion.set(l.version, list);
    versions.set(k, byVersion);
  }
  const filings: Filing[] = [];
  for (const byVersion of versions.values()) {
    let best: Filing | null = null;
    for (const [version, vLines] of byVersion) {
      const first = vLines[0];
      if (!first) continue;
      const known = delivered.get(keyOf(first.document, first.ref_date, version));
      const day = known ?? deliveryDeadline(first.document, first.ref_date);
      if (day > asOfDay || (best && best.version > version)) continue;
      best = {
        document: first.document,
        ref_date: first.ref_date,
        version,
        delivered_at: day,
        delivery_estimated: known === undefined,
        ...chooseBasis(vLines),
      };
    }
    if (best) filings.push(best);
  }
  return filings.sort((a, b) =>
    a.ref_date !== b.ref_date ? (a.ref_date < b.ref_date ? -1 : 1) : a.document === 'ITR' ? -1 : 1,
  );
}

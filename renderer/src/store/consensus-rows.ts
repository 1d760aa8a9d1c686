import type { ComparisonRow, ComputedMetric, ConsensusMetric, FundamentalBlock } from './analysis-blocks';
import type { FundamentalMetric, Fundamentals } from './fundamentals-store';

export type MetricUnit = FundamentalMetric['unit'];

/**
 * One row of the fundamentals table: the per-source values (`fundamentals.get`), the sites'
 * consensus and the value computed from the CVM filings, for one key.
 */
export interface ConsensusRow {
  key: string;
  /** The label the sources give (the key itself when only the analysis knows it). */
  label: string;
  unit: MetricUnit | null;
  metric: FundamentalMetric | null;
  consensus: ConsensusMetric | null;
  computed: ComputedMetric | null;
  comparison: ComparisonRow | null;
}

/**
 * The table's rows: every metric the sources gave, in their order, then keys only the consensus or
 * only the filings have. Texts and dates have no consensus (only numbers are cross-checked).
 */
export function consensusRows(fund: Fundamentals | null, block: FundamentalBlock | null): ConsensusRow[] {
  const computed = new Map((block?.computed?.metrics ?? []).map((m) => [m.key, m]));
  const comparison = new Map((block?.computed?.comparison ?? []).map((c) => [c.key, c]));
  const metrics = block?.metrics ?? {};
  const row = (key: string, metric: FundamentalMetric | null): ConsensusRow => ({
    key,
    label: metric?.label ?? key,
    unit: metric?.unit ?? null,
    metric,
    consensus: Object.hasOwn(metrics, key) ? (metrics[key] ?? null) : null,
    computed: computed.get(key) ?? null,
    comparison: comparison.get(key) ?? null,
  });
  const rows = (fund?.metrics ?? []).map((m) => row(m.key, m));
  const seen = new Set(rows.map((r) => r.key));
  for (const key of [...Object.keys(metrics), ...computed.keys()]) {
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(row(key, null));
  }
  return rows;
}

/** How far one source is from the median (percentage points), when it is more than 5% away. */
export function discrepancyOf(
  row: ConsensusRow,
  source: string,
): { deviation_pct: number | null; median: number } | null {
  const d = row.consensus?.discrepancies.find((x) => x.source === source);
  return d ? { deviation_pct: d.deviation_pct, median: d.median } : null;
}

/** Rows whose sources disagree (some source more than 5% from the median). */
export function disagreeing(rows: readonly ConsensusRow[]): string[] {
  return rows.filter((r) => (r.consensus?.discrepancies.length ?? 0) > 0).map((r) => r.key);
}

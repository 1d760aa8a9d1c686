/**
 * Puts the number computed from the filings (`source: "computed"`) next to each site's number for
 * the same key, with the difference. diff = computed − site; diff_pct = diff / |site| in percentage
 * points (null when the site's value is 0 or either side is missing).
 */
import type { ConsensusFundamentals } from './consensus';

export interface SiteDifference {
  source: string;
  value: number;
  diff: number | null;
  diff_pct: number | null;
}

export interface ComparisonRow {
  key: string;
  computed: number | null;
  /** The sites' median (the consensus value), when any site has the key. */
  consensus: number | null;
  diff: number | null;
  diff_pct: number | null;
  sites: SiteDifference[];
}

function difference(computed: number | null, site: number): { diff: number | null; diff_pct: number | null } {
  if (computed === null) return { diff: null, diff_pct: null };
  const diff = computed - site;
  return { diff, diff_pct: site === 0 ? null : (diff / Math.abs(site)) * 100 };
}

export function compareComputed(
  computed: readonly { key: string; value: number | null }[],
  consensus: ConsensusFundamentals,
): ComparisonRow[] {
  return computed.map(({ key, value }) => {
    const metric = consensus.metrics[key];
    if (!metric) return { key, computed: value, consensus: null, diff: null, diff_pct: null, sites: [] };
    return {
      key,
      computed: value,
      consensus: metric.value,
      ...difference(value, metric.value),
      sites: metric.sources.map((s) => ({ source: s.source, value: s.value, ...difference(value, s.value) })),
    };
  });
}

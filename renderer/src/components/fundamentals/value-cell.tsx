import { formatSignedPct } from '../../i18n/format-analysis';
import { formatFundamental } from '../../i18n/format-fundamental';
import { formatDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import type { FundamentalMetric, ProvenancedValue } from '../../store/fundamentals-store';

type Value = ProvenancedValue;

/** One source's value of one metric (opens its provenance). */
export function ValueCell(props: {
  metric: FundamentalMetric;
  value: Value | undefined;
  /** This source's distance from the median, when it is more than 5% away. */
  off: { deviation_pct: number | null } | null;
  onOpen: (v: Value) => void;
}) {
  const { t, locale } = useI18n();
  const { metric, value, off, onOpen } = props;
  if (!value) return <td className="num muted">—</td>;
  const shown = formatFundamental(value.value, metric.unit, locale);
  const full = formatFundamental(value.value, metric.unit, locale, 'full');
  const title = [
    t('fund.valueTitle', {
      value: full,
      source: value.source,
      fetched: formatDateTime(value.fetched_at, locale, 'seconds'),
    }),
    value.as_of ? t('fund.asOf', { date: formatFundamental(value.as_of, 'date', locale) }) : null,
    off
      ? off.deviation_pct === null
        ? t('cons.offMedianZero')
        : t('cons.offMedian', { pct: formatSignedPct(off.deviation_pct, locale) })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <td className={off ? 'num is-discrepant-cell' : 'num'}>
      <button
        type="button"
        className="fund-value"
        data-testid={`fund-value-${metric.key}-${value.source}`}
        data-snapshot-id={value.snapshot_id}
        data-discrepant={off ? 'true' : undefined}
        title={title}
        onClick={() => onOpen(value)}
      >
        {shown}
      </button>
    </td>
  );
}

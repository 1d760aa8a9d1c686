import type { ResolvedValue } from '../../../../services/contract/current-value';
import { formatSignedPct } from '../../i18n/format-analysis';
import { formatFundamental } from '../../i18n/format-fundamental';
import { formatDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import type { FundamentalMetric, ProvenancedValue } from '../../store/fundamentals-store';
import { CurrentBadge } from '../current-value';
import { fundamentalLabel } from '../../i18n/fundamental-labels';

type Value = ProvenancedValue;

/** One source's value of one metric (opens its provenance); with `current`, its short badge. */
export function ValueCell(props: {
  metric: FundamentalMetric;
  value: Value | undefined;
  /** This source's distance from the median, when it is more than 5% away. */
  off: { deviation_pct: number | null } | null;
  onOpen: (v: Value) => void;
  /** The resolver's current value, when this cell stands for it (a single source). */
  current?: ResolvedValue | undefined;
}) {
  const { t, locale } = useI18n();
  const { metric, value, off, onOpen, current } = props;
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
        aria-label={t('a11y.named', {
          action: shown,
          name: `${fundamentalLabel(metric.key, locale, metric.label)}, ${value.source}`,
        })}
        onClick={() => onOpen(value)}
      >
        {shown}
      </button>
      {current && <CurrentBadge value={current} testId={`fund-current-${metric.key}-badge`} compact />}
    </td>
  );
}

import type { ResolvedValue } from '../../../services/contract/current-value';
import { formatMetric } from '../i18n/metric-labels';
import { useI18n } from '../i18n/use-i18n';

/**
 * How old a current value is and how much the sources disagree (issue 15, item 1). The source and
 * date are always in the title; the badge shows when the value is stale, of unknown date, or of
 * another date than the one it sits next to (`reference`: e.g. the price's date beside a P/L).
 */
export function CurrentBadge({
  value,
  reference = null,
  testId,
  compact = false,
}: {
  value: ResolvedValue | undefined;
  reference?: string | null;
  testId?: string;
  /** In tables: the date only (the age in the title), the spread as its percentage. */
  compact?: boolean;
}) {
  const { t, date, int, locale } = useI18n();
  if (!value) return null;
  const unknown = value.as_of_basis === 'unknown' || value.as_of === null;
  const dated = value.as_of !== null ? date(value.as_of) : '';
  const title = unknown
    ? t('current.sourceUnknown', { source: value.source, date: dated })
    : value.as_of_basis === 'fetched'
      ? t('current.sourceFetched', { source: value.source, date: dated })
      : t('current.source', { source: value.source, date: dated });
  const mixed = !unknown && reference !== null && value.as_of !== reference;
  const age =
    value.kind === 'price' && value.age_trading_days !== null
      ? value.age_trading_days === 1
        ? t('current.tradingDaysAgoOne')
        : t('current.tradingDaysAgo', { count: int(value.age_trading_days) })
      : value.age_days === 1
        ? t('current.daysAgoOne')
        : t('current.daysAgo', { count: int(value.age_days ?? 0) });
  const spread = value.spread;
  return (
    <>
      {(unknown || value.stale || mixed) && (
        <span
          className={`badge ${unknown || value.stale ? 'badge-stale' : 'badge-date'}`}
          data-testid={testId}
          data-as-of={value.as_of ?? ''}
          data-source={value.source}
          title={unknown ? title : `${title} · ${age}`}
        >
          {unknown
            ? t('current.unknownDate')
            : compact
              ? t('current.asOf', { date: dated })
              : `${t('current.asOf', { date: dated })} · ${age}`}
        </span>
      )}
      {spread && (
        <span
          className="badge badge-spread"
          data-testid={testId ? `${testId}-spread` : undefined}
          title={t('current.spreadTitle', {
            list: spread.observations
              .map((o) => `${o.source} ${formatMetric(value.key, o.value, locale)}`)
              .join('; '),
          })}
        >
          {compact
            ? `± ${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(spread.pct)}%`
            : t('current.spread', {
                min: formatMetric(value.key, spread.min, locale),
                max: formatMetric(value.key, spread.max, locale),
                pct: `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(spread.pct)}%`,
              })}
        </span>
      )}
    </>
  );
}

/** A number's current value, formatted, with its source and date in the title and its badge. */
export function CurrentCell({
  value,
  reference = null,
  testId,
  compact = false,
}: {
  value: ResolvedValue | undefined;
  reference?: string | null;
  testId: string;
  compact?: boolean;
}) {
  const { t, locale, date } = useI18n();
  if (!value) return <span data-testid={testId}>—</span>;
  const title =
    value.as_of_basis === 'unknown' || value.as_of === null
      ? t('current.sourceUnknown', { source: value.source, date: value.as_of ? date(value.as_of) : '' })
      : t('current.source', { source: value.source, date: date(value.as_of) });
  return (
    <>
      <span
        data-testid={testId}
        data-value={value.value}
        data-source={value.source}
        data-as-of={value.as_of ?? ''}
        title={title}
      >
        {formatMetric(value.key, value.value, locale)}
      </span>{' '}
      <CurrentBadge value={value} reference={reference} testId={`${testId}-badge`} compact={compact} />
    </>
  );
}

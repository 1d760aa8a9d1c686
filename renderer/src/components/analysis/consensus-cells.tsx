import { Fragment } from 'react';
import { formatFundamental } from '../../i18n/format-fundamental';
import { formatNumber, formatShare, formatSignedPct } from '../../i18n/format-analysis';
import { formatDateTime } from '../../i18n/format-time';
import { formatMetric, metricLabel, metricUnit } from '../../i18n/metric-labels';
import { useI18n } from '../../i18n/use-i18n';
import type { ComputedBlock } from '../../store/analysis-blocks';
import type { ConsensusRow } from '../../store/consensus-rows';
import { CurrentBadge } from '../current-value';

/** The row's value in its unit (the sources' unit, else the key's). */
function useFormat(row: ConsensusRow): (v: number | null) => string {
  const { locale } = useI18n();
  const unit = row.unit ?? metricUnit(row.key);
  return (v) => formatFundamental(v, unit, locale);
}

/**
 * The current value (opens the sources), confidence and number of sources; a flag when sources
 * disagree. `valueOnly`: the value alone (a single source, where confidence and count say nothing).
 */
export function ConsensusCells({
  row,
  onOpen,
  valueOnly = false,
  compact = false,
}: {
  row: ConsensusRow;
  onOpen: () => void;
  valueOnly?: boolean;
  /** The badges as the date and the spread's percentage only (the rest in their titles). */
  compact?: boolean;
}) {
  const { t, locale, date } = useI18n();
  const fmt = useFormat(row);
  const c = row.consensus;
  if (!c)
    return (
      <>
        <td className="num muted">—</td>
        {!valueOnly && <td className="num muted">—</td>}
        {!valueOnly && <td className="num muted">—</td>}
      </>
    );
  const flagged = c.discrepancies.length > 0;
  return (
    <>
      <td className="num">
        <button
          type="button"
          className={flagged ? 'fund-value is-discrepant' : 'fund-value'}
          data-testid={`fund-consensus-${row.key}`}
          data-discrepant={flagged}
          title={
            c.current
              ? `${t('current.source', { source: c.current.source, date: c.current.as_of ? date(c.current.as_of) : '' })} · ${t('cons.valueTitle', { count: c.source_count })}`
              : t('cons.valueTitle', { count: c.source_count })
          }
          data-source={c.current?.source}
          data-as-of={c.current?.as_of ?? undefined}
          onClick={onOpen}
        >
          {fmt(c.value)}
        </button>
        {c.current && (
          <CurrentBadge value={c.current} testId={`fund-current-${row.key}-badge`} compact={compact} />
        )}
        {flagged && (
          <span
            className="flag"
            data-testid={`fund-flag-${row.key}`}
            title={t('cons.flagTitle', { count: c.discrepancies.length })}
          >
            {' '}
            ⚠
          </span>
        )}
      </td>
      {!valueOnly && (
        <td className="num" data-testid={`fund-confidence-${row.key}`}>
          {formatShare(c.confidence, locale)}
        </td>
      )}
      {!valueOnly && (
        <td className="num" data-testid={`fund-count-${row.key}`}>
          {c.source_count}
        </td>
      )}
    </>
  );
}

/** The value computed from the filings (opens its inputs) and its difference to the median. */
export function ComputedCells({ row, onOpen }: { row: ConsensusRow; onOpen: () => void }) {
  const { t, locale } = useI18n();
  const fmt = useFormat(row);
  const m = row.computed;
  if (!m)
    return (
      <>
        <td className="num muted">—</td>
        <td className="num muted">—</td>
      </>
    );
  const diff = row.comparison?.diff_pct ?? null;
  return (
    <>
      <td className="num">
        <button
          type="button"
          className="fund-value"
          data-testid={`fund-computed-${row.key}`}
          title={m.reason ?? m.definition}
          onClick={onOpen}
        >
          {m.value === null ? t('cons.notComputed') : fmt(m.value)}
        </button>
      </td>
      <td
        className={`num ${diff !== null && Math.abs(diff) > 5 ? 'is-discrepant-text' : ''}`}
        data-testid={`fund-diff-${row.key}`}
      >
        {formatSignedPct(diff, locale)}
      </td>
    </>
  );
}

/** Every source of the median: value, distance from it, fetch time and its snapshot. */
export function ConsensusDetail(props: {
  row: ConsensusRow;
  onSnapshot: (id: number) => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { row, onSnapshot, onClose } = props;
  const fmt = useFormat(row);
  const c = row.consensus;
  if (!c) return null;
  const off = new Map(c.discrepancies.map((d) => [d.source, d.deviation_pct]));
  return (
    <div className="fund-provenance" role="dialog" data-testid={`cons-detail-${row.key}`}>
      <div className="fund-provenance-head">
        <strong>{t('cons.detailTitle', { label: row.label, value: fmt(c.value) })}</strong>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          {t('fund.close')}
        </button>
      </div>
      <table className="jobs-table">
        <thead>
          <tr>
            <th scope="col">{t('cons.source')}</th>
            <th scope="col" className="num">
              {t('cons.value')}
            </th>
            <th scope="col" className="num">
              {t('cons.deviation')}
            </th>
            <th scope="col">{t('fund.snapshotFetched')}</th>
            <th scope="col">{t('cons.snapshot')}</th>
          </tr>
        </thead>
        <tbody>
          {c.sources.map((s) => {
            const d = off.get(s.source);
            const id = s.snapshot_id === null ? NaN : Number(s.snapshot_id);
            return (
              <tr
                key={s.source}
                className={d !== undefined ? 'is-discrepant-row' : undefined}
                data-testid={`cons-source-${row.key}-${s.source}`}
              >
                <td className="cell-source">{s.source}</td>
                <td className="num">{fmt(s.value)}</td>
                <td className="num">
                  {d === undefined ? t('cons.agrees') : d === null ? '≠' : formatSignedPct(d, locale)}
                </td>
                <td>
                  <time dateTime={s.fetched_at}>{formatDateTime(s.fetched_at, locale, 'seconds')}</time>
                </td>
                <td>
                  {Number.isInteger(id) && id > 0 ? (
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      data-testid={`cons-snapshot-${row.key}-${s.source}`}
                      onClick={() => onSnapshot(id)}
                    >
                      {t('fund.snapshot', { id })}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted cons-stats">
        {t('cons.stats', {
          min: fmt(c.stats.min),
          max: fmt(c.stats.max),
          cv: c.stats.cv === null ? '—' : formatShare(c.stats.cv, locale),
          agreement: formatShare(c.agreement, locale),
          confidence: formatShare(c.confidence, locale),
        })}
      </p>
    </div>
  );
}

/** How the filings value was computed: definition, inputs, the filings read, or why it is missing. */
export function ComputedDetail(props: {
  row: ConsensusRow;
  computed: ComputedBlock | null;
  onClose: () => void;
}) {
  const { t, locale, date } = useI18n();
  const { row, computed, onClose } = props;
  const fmt = useFormat(row);
  const m = row.computed;
  if (!m) return null;
  return (
    <div className="fund-provenance" role="dialog" data-testid={`computed-detail-${row.key}`}>
      <div className="fund-provenance-head">
        <strong>
          {t('cons.computedTitle', { label: row.label, value: m.value === null ? '—' : fmt(m.value) })}
        </strong>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          {t('fund.close')}
        </button>
      </div>
      <dl className="summary-grid">
        <dt>{t('cons.definition')}</dt>
        <dd data-testid="computed-definition">{m.definition}</dd>
        {m.reason && (
          <>
            <dt>{t('cons.reason')}</dt>
            <dd>{m.reason}</dd>
          </>
        )}
        {Object.entries(m.inputs).map(([k, v]) => (
          <Fragment key={k}>
            <dt title={k}>{metricLabel(k, locale)}</dt>
            <dd>
              {v === null
                ? '—'
                : Math.abs(v) >= 1e6
                  ? formatMetric(k, v, locale)
                  : formatNumber(v, locale, 4)}
            </dd>
          </Fragment>
        ))}
        {computed && (
          <>
            <dt>{t('cons.asOf')}</dt>
            <dd>
              {date(computed.as_of)}
              {computed.ttm_end ? ` · ${t('cons.ttmEnd', { date: date(computed.ttm_end) })}` : ''}
            </dd>
            <dt>{t('cons.filings')}</dt>
            <dd>
              {computed.filings.length
                ? computed.filings
                    .map(
                      (f) =>
                        `${f.document} ${date(f.ref_date)} v${f.version} (${date(f.delivered_at.slice(0, 10))})`,
                    )
                    .join('; ')
                : '—'}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

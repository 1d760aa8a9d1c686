import { Fragment, useEffect, useState } from 'react';
import { formatFundamental } from '../i18n/format-fundamental';
import { formatDateTime, formatFullDateTime } from '../i18n/format-time';
import { useI18n } from '../i18n/use-i18n';
import { SOURCES_HASH } from '../store/hash-route';
import {
  sourceColumns,
  valueFrom,
  type FundamentalMetric,
  type Fundamentals,
  type ProvenancedValue,
} from '../store/fundamentals-store';
import { useFundamentals, useFundamentalsStoreApi } from '../store/sources-store-context';

type Value = ProvenancedValue;
/** The provenance box shown: which snapshot, and under which row (null: above the table). */
type OpenProvenance = { snapshotId: number; row: string | null } | null;

/** A snapshot's provenance record: URL, fetch time, HTTP status (fetched on first open). */
function Provenance({ snapshotId, onClose }: { snapshotId: number; onClose: () => void }) {
  const { t, locale, int } = useI18n();
  const entry = useFundamentals((s) => s.snapshots[snapshotId]);
  const load = useFundamentals((s) => s.loadSnapshot);

  useEffect(() => {
    void load(snapshotId);
  }, [load, snapshotId]);

  return (
    <div
      className="fund-provenance"
      role="dialog"
      aria-label={t('fund.snapshot', { id: snapshotId })}
      data-testid={`fund-provenance-${snapshotId}`}
      data-state={entry?.status ?? 'loading'}
    >
      <div className="fund-provenance-head">
        <strong>{t('fund.snapshot', { id: snapshotId })}</strong>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          {t('fund.close')}
        </button>
      </div>
      {!entry || entry.status === 'loading' ? (
        <p className="muted">{t('fund.snapshotLoading')}</p>
      ) : entry.status === 'failed' ? (
        <p className="form-error" data-error-code={entry.error.code}>
          {entry.error.message} <code className="error-code">{entry.error.code}</code>
        </p>
      ) : (
        <dl className="summary-grid">
          <dt>{t('fund.snapshotUrl')}</dt>
          <dd data-testid="fund-provenance-url">
            <a href={entry.snapshot.url} target="_blank" rel="noreferrer noopener">
              {entry.snapshot.url}
            </a>
          </dd>
          <dt>{t('fund.snapshotFetched')}</dt>
          <dd data-testid="fund-provenance-fetched">
            <time dateTime={entry.snapshot.fetched_at}>
              {formatFullDateTime(entry.snapshot.fetched_at, locale)}
            </time>
          </dd>
          <dt>{t('fund.snapshotStatus')}</dt>
          <dd data-testid="fund-provenance-status">{entry.snapshot.status}</dd>
          <dt>{t('fund.snapshotType')}</dt>
          <dd>{entry.snapshot.content_type ?? '—'}</dd>
          <dt>{t('fund.snapshotBytes')}</dt>
          <dd>{int(entry.snapshot.bytes)}</dd>
          <dt>{t('fund.snapshotParse')}</dt>
          <dd>
            <code>{entry.snapshot.parse_status}</code> · {entry.snapshot.source}/{entry.snapshot.model}{' '}
            {entry.snapshot.query}
          </dd>
        </dl>
      )}
    </div>
  );
}

function ValueCell(props: {
  metric: FundamentalMetric;
  value: Value | undefined;
  onOpen: (v: Value) => void;
}) {
  const { t, locale } = useI18n();
  const { metric, value, onOpen } = props;
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
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <td className="num">
      <button
        type="button"
        className="fund-value"
        data-testid={`fund-value-${metric.key}-${value.source}`}
        data-snapshot-id={value.snapshot_id}
        title={title}
        onClick={() => onOpen(value)}
      >
        {shown}
      </button>
    </td>
  );
}

function FundamentalsTable({ data }: { data: Fundamentals }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<OpenProvenance>(null);
  const columns = sourceColumns(data);
  const fetched = new Map(data.sources.map((s) => [s.source, s]));
  const toggle = (next: NonNullable<OpenProvenance>): void =>
    setOpen(open && open.snapshotId === next.snapshotId && open.row === next.row ? null : next);
  const close = (): void => setOpen(null);

  return (
    <>
      {open && open.row === null && <Provenance snapshotId={open.snapshotId} onClose={close} />}
      <div className="jobs-table-wrap">
        <table className="jobs-table fund-table">
          <thead>
            <tr>
              <th scope="col">{t('fund.metric')}</th>
              {columns.map((src) => {
                const f = fetched.get(src);
                return (
                  <th scope="col" key={src} className="num" data-testid={`fund-source-${src}`}>
                    <div>{src}</div>
                    {f && (
                      <div className="fund-source-meta">
                        <time dateTime={f.fetched_at} title={formatFullDateTime(f.fetched_at, locale)}>
                          {formatDateTime(f.fetched_at, locale, 'seconds')}
                        </time>{' '}
                        <button
                          type="button"
                          className="button button-ghost button-small"
                          data-testid={`fund-provenance-open-${f.snapshot_id}`}
                          title={t('fund.provenanceTitle', { source: src, id: f.snapshot_id })}
                          onClick={() => toggle({ snapshotId: f.snapshot_id, row: null })}
                        >
                          {t('fund.provenance')}
                        </button>
                      </div>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {data.metrics.map((m) => (
              <Fragment key={m.key}>
                <tr data-testid={`fund-row-${m.key}`}>
                  <th scope="row" className="fund-label" title={m.key}>
                    {m.label}
                  </th>
                  {columns.map((src) => (
                    <ValueCell
                      key={src}
                      metric={m}
                      value={valueFrom(m, src)}
                      onOpen={(v) => toggle({ snapshotId: v.snapshot_id, row: m.key })}
                    />
                  ))}
                </tr>
                {open && open.row === m.key && (
                  <tr className="fund-provenance-row">
                    <td colSpan={columns.length + 1}>
                      <Provenance snapshotId={open.snapshotId} onClose={close} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The ticker's latest fundamentals, one column per source, each value with its provenance. */
export function FundamentalsPanel({ ticker }: { ticker: string }) {
  const { t } = useI18n();
  const store = useFundamentalsStoreApi();
  const phase = useFundamentals((s) => s.phase);
  const shown = useFundamentals((s) => s.ticker);
  const data = useFundamentals((s) => s.data);
  const error = useFundamentals((s) => s.error);

  useEffect(() => {
    void store.getState().load(ticker);
  }, [store, ticker]);

  const mine = shown === ticker.toUpperCase();
  const current = mine && data?.ticker === shown ? data : null;
  const state = mine ? phase : 'loading';

  return (
    <section
      className="panel fundamentals-panel"
      data-testid="fundamentals-panel"
      data-state={state}
      aria-label={t('fund.title')}
      aria-busy={state === 'loading'}
    >
      <h3 className="panel-title">{t('fund.title')}</h3>
      {state === 'failed' && error ? (
        <p className="form-error" role="alert" data-testid="fundamentals-error" data-error-code={error.code}>
          {error.message} <code className="error-code">{error.code}</code>
        </p>
      ) : !current ? (
        <p className="muted">{t('fund.loading')}</p>
      ) : current.metrics.length === 0 ? (
        <p className="muted" data-testid="fundamentals-empty">
          {t('fund.empty')} · <a href={SOURCES_HASH}>{t('fund.openSources')}</a>
        </p>
      ) : (
        <FundamentalsTable data={current} />
      )}
    </section>
  );
}

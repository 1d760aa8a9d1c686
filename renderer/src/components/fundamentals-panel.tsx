import { Fragment, useEffect, useMemo, useState } from 'react';
import { formatSignedPct } from '../i18n/format-analysis';
import { formatFundamental } from '../i18n/format-fundamental';
import { formatDateTime, formatFullDateTime } from '../i18n/format-time';
import { metricLabel } from '../i18n/metric-labels';
import { useI18n } from '../i18n/use-i18n';
import type { FundamentalBlock } from '../store/analysis-blocks';
import { useAnalysis } from '../store/analysis-store-context';
import { consensusRows, discrepancyOf } from '../store/consensus-rows';
import { SOURCES_HASH } from '../store/hash-route';
import {
  sourceColumns,
  valueFrom,
  type FundamentalMetric,
  type Fundamentals,
  type ProvenancedValue,
} from '../store/fundamentals-store';
import { useFundamentals, useFundamentalsStoreApi } from '../store/sources-store-context';
import { ComputedCells, ComputedDetail, ConsensusCells, ConsensusDetail } from './analysis/consensus-cells';
import { SlotError } from './analysis/slot-error';

type Value = ProvenancedValue;
/**
 * The box shown under a row (null row: above the table): a snapshot's provenance, a median's
 * sources, or how the filings value was computed.
 */
type OpenProvenance =
  | { kind: 'snapshot'; snapshotId: number; row: string | null }
  | { kind: 'consensus' | 'computed'; row: string; snapshotId?: undefined }
  | null;

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
        aria-label={t('a11y.named', {
          action: shown,
          name: `${metricLabel(metric.key, locale)}, ${value.source}`,
        })}
        onClick={() => onOpen(value)}
      >
        {shown}
      </button>
    </td>
  );
}

function FundamentalsTable({ data, block }: { data: Fundamentals | null; block: FundamentalBlock | null }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<OpenProvenance>(null);
  const columns = data ? sourceColumns(data) : [];
  const fetched = new Map((data?.sources ?? []).map((s) => [s.source, s]));
  const rows = useMemo(() => consensusRows(data, block), [data, block]);
  const same = (a: OpenProvenance, b: NonNullable<OpenProvenance>): boolean =>
    a !== null && a.kind === b.kind && a.row === b.row && a.snapshotId === b.snapshotId;
  const toggle = (next: NonNullable<OpenProvenance>): void => setOpen(same(open, next) ? null : next);
  const close = (): void => setOpen(null);
  const width = columns.length + 6;
  const computedNote = block && !block.computed ? t('cons.noFilings') : null;

  return (
    <>
      {open && open.kind === 'snapshot' && open.row === null && (
        <Provenance snapshotId={open.snapshotId} onClose={close} />
      )}
      <div className="jobs-table-wrap" tabIndex={0} role="region" aria-label={t('fund.title')}>
        <table className="jobs-table fund-table" data-testid="fund-table">
          <thead>
            <tr>
              <th scope="col">{t('fund.metric')}</th>
              <th scope="col" className="num" title={t('cons.consensusTitle')}>
                {t('cons.consensus')}
              </th>
              <th scope="col" className="num" title={t('cons.confidenceTitle')}>
                {t('cons.confidence')}
              </th>
              <th scope="col" className="num">
                {t('cons.sources')}
              </th>
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
                          onClick={() => toggle({ kind: 'snapshot', snapshotId: f.snapshot_id, row: null })}
                        >
                          {t('fund.provenance')}
                        </button>
                      </div>
                    )}
                  </th>
                );
              })}
              <th scope="col" className="num" title={computedNote ?? t('cons.computedHead')}>
                {t('cons.computed')}
              </th>
              <th scope="col" className="num" title={t('cons.diffTitle')}>
                {t('cons.diff')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Fragment key={r.key}>
                <tr
                  data-testid={`fund-row-${r.key}`}
                  className={r.consensus?.discrepancies.length ? 'has-discrepancy' : undefined}
                >
                  <th scope="row" className="fund-label" data-key={r.key}>
                    {metricLabel(r.key, locale, r.metric ? r.label : undefined)}
                  </th>
                  <ConsensusCells row={r} onOpen={() => toggle({ kind: 'consensus', row: r.key })} />
                  {columns.map((src) =>
                    r.metric ? (
                      <ValueCell
                        key={src}
                        metric={r.metric}
                        value={valueFrom(r.metric, src)}
                        off={discrepancyOf(r, src)}
                        onOpen={(v) => toggle({ kind: 'snapshot', snapshotId: v.snapshot_id, row: r.key })}
                      />
                    ) : (
                      <td key={src} className="num muted">
                        —
                      </td>
                    ),
                  )}
                  <ComputedCells row={r} onOpen={() => toggle({ kind: 'computed', row: r.key })} />
                </tr>
                {open && open.row === r.key && (
                  <tr className="fund-provenance-row">
                    <td colSpan={width}>
                      {open.kind === 'snapshot' ? (
                        <Provenance snapshotId={open.snapshotId} onClose={close} />
                      ) : open.kind === 'consensus' ? (
                        <ConsensusDetail
                          row={r}
                          onClose={close}
                          onSnapshot={(id) => setOpen({ kind: 'snapshot', snapshotId: id, row: r.key })}
                        />
                      ) : (
                        <ComputedDetail row={r} computed={block?.computed ?? null} onClose={close} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {computedNote && (
        <p className="muted fund-note" data-testid="fund-no-filings">
          {computedNote}
        </p>
      )}
    </>
  );
}

/**
 * The ticker's latest fundamentals: the sites' consensus (median, confidence, number of sources,
 * a flag where they disagree), one column per source with each value's provenance, and the value
 * computed from the CVM filings with its difference. Every value opens where it came from.
 */
export function FundamentalsPanel({ ticker }: { ticker: string }) {
  const { t } = useI18n();
  const store = useFundamentalsStoreApi();
  const phase = useFundamentals((s) => s.phase);
  const shown = useFundamentals((s) => s.ticker);
  const data = useFundamentals((s) => s.data);
  const error = useFundamentals((s) => s.error);
  const analysisTicker = useAnalysis((s) => s.ticker);
  const consensus = useAnalysis((s) => s.fundamental);

  useEffect(() => {
    void store.getState().load(ticker);
  }, [store, ticker]);

  const mine = shown === ticker.toUpperCase();
  const current = mine && data?.ticker === shown ? data : null;
  const state = mine ? phase : 'loading';
  const block = analysisTicker === ticker.toUpperCase() ? consensus.data : null;
  const consensusState = analysisTicker === ticker.toUpperCase() ? consensus.phase : 'loading';
  const empty = current !== null && current.metrics.length === 0 && !block;

  return (
    <section
      className="panel fundamentals-panel"
      data-testid="fundamentals-panel"
      data-state={state}
      data-consensus-state={consensusState}
      aria-label={t('fund.title')}
      aria-busy={state === 'loading'}
    >
      <h3 className="panel-title">{t('fund.title')}</h3>
      {consensus.phase === 'failed' && consensus.error && consensus.error.code !== 'NOT_FOUND' && (
        <SlotError error={consensus.error} testId="consensus-error" />
      )}
      {state === 'failed' && error ? (
        <p className="form-error" role="alert" data-testid="fundamentals-error" data-error-code={error.code}>
          {error.message} <code className="error-code">{error.code}</code>
        </p>
      ) : !current ? (
        <p className="muted">{t('fund.loading')}</p>
      ) : empty ? (
        <p className="muted" data-testid="fundamentals-empty">
          {t('fund.empty')} · <a href={SOURCES_HASH}>{t('fund.openSources')}</a>
        </p>
      ) : (
        <FundamentalsTable data={current} block={block} />
      )}
    </section>
  );
}

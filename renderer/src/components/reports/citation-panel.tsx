import { useEffect } from 'react';
import type { DataPoint } from '../../../../services/contract';
import { formatFullDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { useFundamentals } from '../../store/sources-store-context';
import { formatDataValue, isLink } from './report-format';

/** The vault snapshot a data point was read from: URL, when it was fetched, the HTTP status. */
function SnapshotInfo({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const entry = useFundamentals((s) => s.snapshots[id]);
  const load = useFundamentals((s) => s.loadSnapshot);
  useEffect(() => {
    void load(id);
  }, [load, id]);
  if (!entry || entry.status === 'loading')
    return (
      <p className="muted" data-testid="citation-snapshot" data-state="loading">
        {t('cite.snapshotLoading')}
      </p>
    );
  if (entry.status === 'failed')
    return (
      <p className="form-error" data-testid="citation-snapshot" data-error-code={entry.error.code}>
        {entry.error.message} <code className="error-code">{entry.error.code}</code>
      </p>
    );
  const s = entry.snapshot;
  return (
    <dl className="summary-grid" data-testid="citation-snapshot" data-state="ready">
      <dt>{t('cite.url')}</dt>
      <dd data-testid="citation-snapshot-url">
        <a href={s.url} target="_blank" rel="noopener noreferrer">
          {s.url}
        </a>
      </dd>
      <dt>{t('cite.fetched')}</dt>
      <dd data-testid="citation-snapshot-fetched">
        <time dateTime={s.fetched_at}>{formatFullDateTime(s.fetched_at, locale)}</time>
      </dd>
      <dt>{t('cite.status')}</dt>
      <dd data-testid="citation-snapshot-status">{s.status}</dd>
    </dl>
  );
}

/** A side panel with one cited data point: what, how much, from where and when; or that it is unknown. */
export function CitationPanel(props: { id: string; point: DataPoint | undefined; onClose: () => void }) {
  const { t, locale, date } = useI18n();
  const { id, point, onClose } = props;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const snapshotId = point?.snapshot_id ? Number(point.snapshot_id) : null;
  return (
    <aside
      className="citation-panel"
      role="dialog"
      aria-label={t('cite.title', { id })}
      data-testid="citation-panel"
      data-citation={id}
      data-known={point ? 'true' : 'false'}
    >
      <div className="citation-head">
        <strong>
          <code>{id}</code>
        </strong>
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid="citation-close"
          onClick={onClose}
        >
          {t('cite.close')}
        </button>
      </div>
      {!point ? (
        <p className="flag-warning" data-testid="citation-unknown">
          {t('cite.unknown')}
        </p>
      ) : (
        <dl className="summary-grid">
          <dt>{t('cite.label')}</dt>
          <dd data-testid="citation-label">{point.label}</dd>
          <dt>{t('cite.value')}</dt>
          <dd data-testid="citation-value" data-unit={point.unit ?? undefined}>
            {formatDataValue(point, locale)}
            {point.unit && point.unit !== 'BRL' && point.unit !== 'text' && (
              <span className="muted"> ({t(`cite.unit.${point.unit}`)})</span>
            )}
          </dd>
          <dt>{t('cite.source')}</dt>
          <dd data-testid="citation-source">{point.source ?? '—'}</dd>
          <dt>{t('cite.asOf')}</dt>
          <dd data-testid="citation-as-of">{point.as_of ? date(point.as_of) : '—'}</dd>
          {point.detail && (
            <>
              <dt>{t('cite.detail')}</dt>
              <dd data-testid="citation-detail">
                {isLink(point.detail) ? (
                  <a href={point.detail} target="_blank" rel="noopener noreferrer">
                    {point.detail}
                  </a>
                ) : (
                  point.detail
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      {snapshotId !== null && Number.isInteger(snapshotId) && snapshotId > 0 && (
        <section className="citation-snapshot">
          <h4 className="sub-title">{t('cite.snapshot', { id: snapshotId })}</h4>
          <SnapshotInfo id={snapshotId} />
        </section>
      )}
    </aside>
  );
}

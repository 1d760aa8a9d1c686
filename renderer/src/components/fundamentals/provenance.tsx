import { useEffect } from 'react';
import { formatFullDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { useFundamentals } from '../../store/sources-store-context';

/** A snapshot's provenance record: URL, fetch time, HTTP status (fetched on first open). */
export function Provenance({ snapshotId, onClose }: { snapshotId: number; onClose: () => void }) {
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

import { useId, useState, type DragEvent } from 'react';
import { formatPercent } from '../i18n/format';
import { useI18n } from '../i18n/use-i18n';
import { useApp } from '../store/app-store-context';

const ACCEPT = '.txt,.zip,.TXT,.ZIP';

/** File picker + drop zone for COTAHIST files, with progress and the final summary. */
export function ImportPanel({ closable = false }: { closable?: boolean }) {
  const { t, int, date, locale } = useI18n();
  const state = useApp((s) => s.import);
  const importFiles = useApp((s) => s.importFiles);
  const setImportOpen = useApp((s) => s.setImportOpen);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const busy = state.status === 'reading' || state.status === 'sending';

  const start = (list: FileList | null): void => {
    const files = list ? Array.from(list) : [];
    if (files.length > 0) void importFiles(files);
  };

  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault();
    setDragging(false);
    if (!busy) start(e.dataTransfer.files);
  };

  const p = state.progress;
  const summary = state.summary;

  return (
    <section className="import-panel" data-testid="import-panel" data-import-status={state.status}>
      <div className="import-head">
        <h3>{t('import.title')}</h3>
        {closable && (
          <button type="button" className="button button-ghost" onClick={() => setImportOpen(false)}>
            {t('import.close')}
          </button>
        )}
      </div>
      <div
        className={`drop-zone${dragging ? ' is-dragging' : ''}${busy ? ' is-busy' : ''}`}
        data-testid="drop-zone"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('import.drop')}</p>
        <p className="muted">{t('import.or')}</p>
        <label htmlFor={inputId} className={`button${busy ? ' is-disabled' : ''}`}>
          {t('import.choose')}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          data-testid="import-file-input"
          accept={ACCEPT}
          multiple
          disabled={busy}
          onChange={(e) => {
            start(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>

      {busy && (
        <div className="import-progress" data-testid="import-progress" role="status" aria-live="polite">
          {state.status === 'reading' && <p>{t('import.reading', { name: state.current ?? '' })}</p>}
          {state.status === 'sending' && !p && <p>{t('import.sending', { count: state.fileCount })}</p>}
          {state.status === 'sending' && p && (
            <>
              <p>
                {t('import.progress', {
                  index: p.fileIndex + 1,
                  count: p.fileCount,
                  name: p.file,
                  percent: formatPercent(p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 0, locale),
                  records: int(p.records),
                })}
              </p>
              <progress max={Math.max(1, p.totalBytes)} value={Math.min(p.bytesRead, p.totalBytes)} />
            </>
          )}
          {(state.status === 'reading' || !p) && <progress />}
        </div>
      )}

      {state.status === 'failed' && (
        <p className="import-failed" data-testid="import-failed">
          {t('import.failed')}
        </p>
      )}

      {state.status === 'done' && summary && (
        <div className="import-summary" data-testid="import-summary" role="status">
          <p className="import-done">{t('import.done')}</p>
          <dl className="summary-grid">
            <dt>{t('import.summary.files')}</dt>
            <dd data-testid="import-files">{int(summary.files)}</dd>
            <dt>{t('import.summary.records')}</dt>
            <dd data-testid="import-records">{int(summary.records)}</dd>
            <dt>{t('import.summary.imported')}</dt>
            <dd data-testid="import-imported">{int(summary.imported)}</dd>
            <dt>{t('import.summary.skipped')}</dt>
            <dd data-testid="import-skipped">{int(summary.skipped)}</dd>
            <dt>{t('import.summary.tickers')}</dt>
            <dd data-testid="import-tickers">{int(summary.tickers)}</dd>
            <dt>{t('import.summary.period')}</dt>
            <dd data-testid="import-period">
              {summary.from && summary.to ? `${date(summary.from)} – ${date(summary.to)}` : '—'}
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}

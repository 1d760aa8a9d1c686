import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { useApp } from '../../store/app-store-context';
import { hashForReports, reportsTickerFromHash } from '../../store/hash-route';
import { useReports, useReportsStoreApi } from '../../store/reports-store-context';
import { SlotError } from '../analysis/slot-error';
import { ConsensusPanel } from './consensus-panel';
import { DiffPanel } from './diff-panel';
import { ExportButtons } from './export-buttons';
import { GenerateForm } from './generate-form';
import { GenerateErrors, GenerateProgress } from './generate-progress';
import { HistoryList } from './history-list';
import { ReportCard } from './report-card';

/** `#/reports/TICKER` follows the ticker shown, without adding a history entry. */
function syncHash(ticker: string | null): void {
  const want = hashForReports(ticker);
  if (ticker && location.hash !== want) history.replaceState(null, '', want);
}

function OpenReport() {
  const { t } = useI18n();
  const open = useReports((s) => s.open);
  const exportError = useReports((s) => s.exportError);
  const closeReport = useReports((s) => s.closeReport);
  if (!open.id) return null;
  return (
    <section
      className="panel"
      data-testid="reports-open"
      data-state={open.phase}
      aria-label={t('report.title')}
    >
      <div className="panel-head">
        <h3 className="panel-title">{t('reports.opened', { id: open.id })}</h3>
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid="reports-close"
          onClick={closeReport}
        >
          {t('cite.close')}
        </button>
      </div>
      {exportError && <SlotError error={exportError} testId="report-export-error" />}
      {open.phase === 'loading' && <p className="muted">{t('report.loading')}</p>}
      {open.error && <SlotError error={open.error} testId="reports-open-error" />}
      {open.data && <ReportCard report={open.data} actions={<ExportButtons id={open.data.id} />} />}
    </section>
  );
}

function Lists() {
  const { t } = useI18n();
  const ticker = useReports((s) => s.ticker);
  const history = useReports((s) => s.history);
  const consensus = useReports((s) => s.consensus);
  const diff = useReports((s) => s.diff);
  const selected = useReports((s) => s.selected);
  if (!ticker)
    return (
      <p className="muted" data-testid="reports-pick">
        {t('reports.pick')}
      </p>
    );
  return (
    <>
      <section className="panel" data-testid="reports-consensus" data-state={consensus.phase}>
        <h3 className="panel-title">{t('aicons.title')}</h3>
        {consensus.data ? (
          <ConsensusPanel consensus={consensus.data} />
        ) : consensus.error?.code === 'NOT_FOUND' ? (
          <p className="muted" data-testid="consensus-none">
            {t('aicons.none')}
          </p>
        ) : consensus.error ? (
          <SlotError error={consensus.error} testId="consensus-error" />
        ) : (
          <p className="muted">{t('report.loading')}</p>
        )}
      </section>
      <section className="panel" data-testid="reports-history" data-state={history.phase}>
        <h3 className="panel-title">{t('reports.history', { ticker })}</h3>
        {history.error && <SlotError error={history.error} testId="reports-history-error" />}
        {history.data ? (
          <HistoryList reports={history.data} />
        ) : (
          history.phase === 'loading' && <p className="muted">{t('report.loading')}</p>
        )}
      </section>
      {selected.length === 2 && (
        <section className="panel" data-testid="reports-diff" data-state={diff.phase}>
          <h3 className="panel-title">{t('diff.title')}</h3>
          {diff.error && <SlotError error={diff.error} testId="reports-diff-error" />}
          {diff.phase === 'loading' && <p className="muted">{t('report.loading')}</p>}
          {diff.data && <DiffPanel diff={diff.data} />}
        </section>
      )}
      <OpenReport />
    </>
  );
}

/** Generate reports (one model or all) with live progress, the history, diff, export and consensus. */
export function ReportsView() {
  const { t, locale } = useI18n();
  const store = useReportsStoreApi();
  const appSelected = useApp((s) => s.selected);
  const shown = useReports((s) => s.ticker);
  const generating = useReports((s) => s.generating);
  const progress = useReports((s) => s.progress);
  const genErrors = useReports((s) => s.genErrors);
  const genError = useReports((s) => s.genError);
  const modelsError = useReports((s) => s.models.error);
  const [input, setInput] = useState(
    () => reportsTickerFromHash(location.hash) ?? shown ?? appSelected ?? '',
  );
  const [inputError, setInputError] = useState(false);

  useEffect(() => {
    const s = store.getState();
    void s.loadModels();
    const first = reportsTickerFromHash(location.hash) ?? s.ticker ?? appSelected;
    if (first)
      void s.show(first).then((ok) => {
        if (ok) syncHash(store.getState().ticker);
      });
    const onHash = (): void => {
      const t = reportsTickerFromHash(location.hash);
      if (t && t !== store.getState().ticker) {
        setInput(t);
        void store.getState().show(t);
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
    // The app's selected ticker only seeds the first visit; it is read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  // Switching the app's language switches the reports' language too (the form can still pick another).
  useEffect(() => store.getState().followAppLanguage(locale), [store, locale]);

  const onShow = async (): Promise<void> => {
    const ok = await store.getState().show(input);
    setInputError(!ok);
    if (ok) syncHash(store.getState().ticker);
  };
  const onGenerate = async (): Promise<void> => {
    setInputError(false);
    await store.getState().generate(input);
    syncHash(store.getState().ticker);
  };

  return (
    <main className="jobs-view reports-view" data-testid="reports-view" data-ticker={shown ?? undefined}>
      <h2 className="view-title">{t('reports.title')}</h2>
      <GenerateForm
        input={input}
        onInput={(v) => {
          setInput(v);
          setInputError(false);
        }}
        onShow={() => void onShow()}
        onGenerate={() => void onGenerate()}
      />
      {inputError && (
        <p className="form-error" role="alert" data-testid="reports-ticker-error">
          {t('reports.badTicker')}
        </p>
      )}
      {modelsError && <SlotError error={modelsError} testId="reports-models-error" />}
      {(generating || Object.keys(progress).length > 0) && (
        <section
          className="panel"
          data-testid="reports-progress-panel"
          data-generating={generating ? 'true' : 'false'}
        >
          <h3 className="panel-title">{t('progress.title')}</h3>
          <GenerateProgress progress={progress} testId="reports-progress" />
        </section>
      )}
      {genError && (
        // The API's own words, also for NOT_FOUND: no price stored for the ticker, or no such model.
        <p
          className="form-error"
          role="alert"
          data-testid="reports-gen-error"
          data-error-code={genError.code}
        >
          <strong>{t('reports.genFailed')}:</strong> {genError.message}{' '}
          <code className="error-code">{genError.code}</code>
        </p>
      )}
      <GenerateErrors errors={genErrors} testId="reports-gen-errors" />
      <Lists />
    </main>
  );
}

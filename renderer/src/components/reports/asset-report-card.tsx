import { useEffect } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { hashForReports } from '../../store/hash-route';
import { useReportCard, useReportCardStoreApi } from '../../store/reports-store-context';
import { SlotError } from '../analysis/slot-error';
import { GenerateErrors, GenerateProgress } from './generate-progress';
import { ReportCard } from './report-card';

/** The asset page's AI report: the latest one, or a button that writes one with the default model. */
export function AssetReportCard({ ticker }: { ticker: string }) {
  const { t, locale } = useI18n();
  const store = useReportCardStoreApi();
  const shown = useReportCard((s) => s.ticker);
  const phase = useReportCard((s) => s.phase);
  const report = useReportCard((s) => s.report);
  const error = useReportCard((s) => s.error);
  const generating = useReportCard((s) => s.generating);
  const progress = useReportCard((s) => s.progress);
  const genErrors = useReportCard((s) => s.genErrors);

  useEffect(() => {
    void store.getState().load(ticker);
  }, [store, ticker]);

  const mine = shown === ticker.toUpperCase();
  const state = mine ? phase : 'loading';
  return (
    <section
      className="panel report-panel"
      data-testid="asset-report"
      data-state={state}
      data-generating={generating ? 'true' : undefined}
      aria-label={t('report.title')}
      aria-busy={state === 'loading' || generating}
    >
      <div className="panel-head">
        <h3 className="panel-title">{t('report.title')}</h3>
        <a href={hashForReports(ticker.toUpperCase())} data-testid="asset-report-history">
          {t('report.openReports')}
        </a>
      </div>
      {mine && error && <SlotError error={error} testId="asset-report-error" />}
      {state === 'loading' ? (
        <p className="muted">{t('report.loading')}</p>
      ) : state === 'empty' ? (
        <div className="report-empty" data-testid="asset-report-empty">
          <p>{t('report.empty', { ticker: ticker.toUpperCase() })}</p>
          <p className="muted">{t('report.emptyHint')}</p>
          <button
            type="button"
            className="button"
            data-testid="asset-report-generate"
            disabled={generating}
            aria-busy={generating}
            onClick={() => void store.getState().generate(locale)}
          >
            {generating ? t('report.generating') : t('report.generate')}
          </button>
        </div>
      ) : (
        report && <ReportCard report={report} />
      )}
      {generating && <GenerateProgress progress={progress} testId="asset-report-progress" />}
      <GenerateErrors errors={genErrors} testId="asset-report-gen-errors" />
    </section>
  );
}

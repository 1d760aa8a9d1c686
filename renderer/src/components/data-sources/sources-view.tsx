import { useEffect, useMemo } from 'react';
import { formatDuration } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { mergeSources } from '../../store/sources-store';
import { useSources, useSourcesStoreApi } from '../../store/sources-store-context';
import { SourceRow } from './source-row';
import { RenewalPrompt, SigninNotice } from './signin-prompt';

function SourcesError() {
  const { t } = useI18n();
  const error = useSources((s) => s.error);
  const dismiss = useSources((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="sources-error" data-error-code={error.code}>
      <div className="error-text">
        <strong>{t('error.title')}:</strong> <span>{error.message}</span>{' '}
        <code className="error-code">{error.code}</code>
      </div>
      <button type="button" className="button button-ghost" onClick={dismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}

/** Overall health, the test-all button and what the last test-all said. */
function SourcesToolbar() {
  const { t, locale } = useI18n();
  const summary = useSources((s) => s.summary);
  const testingAll = useSources((s) => s.testingAll);
  const testAllSummary = useSources((s) => s.testAllSummary);
  const testAll = useSources((s) => s.testAll);
  const refresh = useSources((s) => s.refresh);

  return (
    <div className="sources-toolbar">
      {summary && (
        <p data-testid="sources-overall" data-status={summary.overall_health}>
          <strong>{t('sources.overall')}:</strong> {t(`overall.${summary.overall_health}`)}{' '}
          <span className="muted">
            (
            {t('sources.counts', {
              healthy: summary.healthy,
              unhealthy: summary.unhealthy,
              needsLogin: summary.needs_login,
              needsSetup: summary.needs_setup,
              unknown: summary.unknown,
            })}
            )
          </span>
        </p>
      )}
      <div className="cell-actions">
        <button
          type="button"
          className="button button-ghost"
          data-testid="sources-refresh"
          onClick={() => void refresh()}
        >
          {t('sources.refresh')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="sources-test-all"
          aria-busy={testingAll}
          disabled={testingAll}
          onClick={() => void testAll()}
        >
          {testingAll ? t('sources.testingAll') : t('sources.testAll')}
        </button>
      </div>
      {summary?.network.state === 'offline' && (
        <p
          className="error-banner"
          role="status"
          data-testid="sources-offline"
          data-code={summary.network.last_code ?? ''}
        >
          {t('sources.offline', { code: summary.network.last_code ?? '—' })}
        </p>
      )}
      {testAllSummary && (
        <p className="muted sources-test-all-result" data-testid="sources-test-all-result">
          {t('sources.testAllSummary', {
            passed: testAllSummary.passed,
            total: testAllSummary.total,
            failed: testAllSummary.failed,
            time: formatDuration(testAllSummary.execution_time, locale),
          })}
        </p>
      )}
    </div>
  );
}

/** Every data source of this build: health, last error, circuit, an on/off switch and a test button. */
export function SourcesView() {
  const { t } = useI18n();
  const store = useSourcesStoreApi();
  const phase = useSources((s) => s.phase);
  const scrapers = useSources((s) => s.scrapers);
  const health = useSources((s) => s.health);
  const rows = useMemo(() => mergeSources(scrapers, health), [scrapers, health]);

  useEffect(() => {
    void store.getState().setActive(true);
    return () => void store.getState().setActive(false);
  }, [store]);

  return (
    <main className="jobs-view sources-view" data-testid="sources-view" data-sources-state={phase}>
      <h2 className="view-title">{t('sources.title')}</h2>
      <SourcesError />
      <RenewalPrompt />
      <SigninNotice />
      {phase !== 'ready' ? (
        <p className="muted">{t('sources.loading')}</p>
      ) : (
        <section className="panel" aria-label={t('sources.title')}>
          <SourcesToolbar />
          {rows.length === 0 ? (
            <p className="muted" data-testid="sources-empty">
              {t('sources.empty')}
            </p>
          ) : (
            <div className="jobs-table-wrap">
              <table className="jobs-table sources-table" data-testid="sources-table">
                <caption className="visually-hidden">{t('sources.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sources.col.name')}</th>
                    <th scope="col">{t('sources.col.category')}</th>
                    <th scope="col">{t('sources.col.models')}</th>
                    <th scope="col">{t('sources.col.status')}</th>
                    <th scope="col">{t('sources.col.freshness')}</th>
                    <th scope="col">{t('sources.col.lastError')}</th>
                    <th scope="col" className="num">
                      {t('sources.col.successRate')}
                    </th>
                    <th scope="col">{t('sources.col.circuit')}</th>
                    <th scope="col">{t('signin.col')}</th>
                    <th scope="col">{t('sources.col.enabled')}</th>
                    <th scope="col">{t('sources.col.test')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <SourceRow key={r.entry.id} row={r} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </main>
  );
}

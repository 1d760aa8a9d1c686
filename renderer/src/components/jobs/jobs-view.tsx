import { useEffect } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { useJobs, useJobsStoreApi } from '../../store/jobs-store-context';
import { HealthStrip } from './health-strip';
import { JobCreateForm } from './job-create-form';
import { JobsFilter } from './jobs-filter';
import { JobsTable } from './jobs-table';
import { QueueSummary } from './queue-summary';
import { SchedulesPanel } from './schedules-panel';

function JobsError() {
  const { t } = useI18n();
  const error = useJobs((s) => s.error);
  const dismiss = useJobs((s) => s.dismissError);
  if (!error) return null;
  return (
    <div
      className="error-banner jobs-error"
      role="alert"
      data-testid="jobs-error"
      data-error-code={error.code}
    >
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

/** The jobs console: services, queue and stats, a create form, the jobs table and the schedules. */
export function JobsView() {
  const { t } = useI18n();
  const store = useJobsStoreApi();
  const phase = useJobs((s) => s.phase);

  useEffect(() => {
    void store.getState().setActive(true);
    return () => void store.getState().setActive(false);
  }, [store]);

  return (
    <main className="jobs-view" data-testid="jobs-view" data-jobs-state={phase}>
      <h2 className="view-title">{t('jobs.title')}</h2>
      <JobsError />
      <HealthStrip />
      {phase !== 'ready' ? (
        <p className="muted">{t('jobs.loading')}</p>
      ) : (
        <>
          <QueueSummary />
          <JobCreateForm />
          <section className="panel jobs-list" aria-label={t('jobs.title')}>
            <JobsFilter />
            <JobsTable />
          </section>
          <SchedulesPanel />
        </>
      )}
    </main>
  );
}

import type { Job } from '../../../../services/contract';
import { formatDateTime, formatDuration, formatFullDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { canCancel, canRetry } from '../../store/job-list';
import { useJobs } from '../../store/jobs-store-context';

function JobRow({ job }: { job: Job }) {
  const { t, locale } = useI18n();
  const busy = useJobs((s) => s.busy[job.id] === true);
  const cancel = useJobs((s) => s.cancelJob);
  const retry = useJobs((s) => s.retryJob);
  const when = (iso: string | null) =>
    iso ? (
      <time dateTime={iso} title={formatFullDateTime(iso, locale)}>
        {formatDateTime(iso, locale, 'seconds')}
      </time>
    ) : (
      '–'
    );
  const target = [job.ticker, job.query].filter(Boolean).join(' · ');

  return (
    <tr data-testid={`job-row-${job.id}`} data-status={job.status}>
      <td className="cell-source">{job.scraper_name}</td>
      <td className="cell-target" title={target}>
        {target || '–'}
      </td>
      <td>
        <span className={`priority priority-${job.priority}`}>{t(`priority.${job.priority}`)}</span>
      </td>
      <td>
        <span
          className={`badge status-${job.status}`}
          data-testid={`job-status-${job.id}`}
          data-status={job.status}
        >
          {t(`status.${job.status}`)}
        </span>
        {job.status === 'retry' && job.next_run_at && (
          <div className="muted cell-note">
            {t('table.nextRun', { at: formatDateTime(job.next_run_at, locale, 'seconds') })}
          </div>
        )}
      </td>
      <td
        className="num"
        title={t('table.attemptsTitle', { attempts: job.attempts, max: job.max_retries + 1 })}
      >
        {job.attempts}/{job.max_retries + 1}
      </td>
      <td>{when(job.created_at)}</td>
      <td>{when(job.completed_at)}</td>
      <td className="num">{job.response_time != null ? formatDuration(job.response_time, locale) : '–'}</td>
      <td className="cell-error" data-testid={`job-error-${job.id}`} title={job.error?.code}>
        {job.error?.message ?? ''}
      </td>
      <td>
        <div className="cell-actions">
          {canCancel(job.status) && (
            <button
              type="button"
              className="button button-small button-ghost"
              data-testid={`job-cancel-${job.id}`}
              disabled={busy}
              onClick={() => void cancel(job.id)}
            >
              {t('action.cancel')}
            </button>
          )}
          {canRetry(job.status) && (
            <button
              type="button"
              className="button button-small"
              data-testid={`job-retry-${job.id}`}
              disabled={busy}
              onClick={() => void retry(job.id)}
            >
              {t('action.retry')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The jobs, newest first, updated live by `job.updated` events. */
export function JobsTable() {
  const { t, int } = useI18n();
  const jobs = useJobs((s) => s.jobs);
  const total = useJobs((s) => s.total);
  const loadMore = useJobs((s) => s.loadMore);

  return (
    <div className="jobs-table-wrap">
      <table className="jobs-table" data-testid="jobs-table">
        <caption className="visually-hidden">{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.source')}</th>
            <th scope="col">{t('table.target')}</th>
            <th scope="col">{t('table.priority')}</th>
            <th scope="col">{t('table.status')}</th>
            <th scope="col">{t('table.attempts')}</th>
            <th scope="col">{t('table.created')}</th>
            <th scope="col">{t('table.finished')}</th>
            <th scope="col">{t('table.time')}</th>
            <th scope="col">{t('table.error')}</th>
            <th scope="col">{t('table.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.length === 0 ? (
            <tr>
              <td colSpan={10} className="muted table-empty" data-testid="jobs-empty">
                {t('table.empty')}
              </td>
            </tr>
          ) : (
            jobs.map((job) => <JobRow key={job.id} job={job} />)
          )}
        </tbody>
      </table>
      {total > 0 && (
        <div className="table-foot">
          <span className="muted" data-testid="jobs-count">
            {t('table.showing', { shown: int(jobs.length), total: int(total) })}
          </span>
          {jobs.length < total && (
            <button type="button" className="button button-ghost" onClick={() => void loadMore()}>
              {t('table.more')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

import { formatDateTime, formatDuration, formatRate } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { JOB_STATUSES } from '../../store/jobs-store';
import { useJobs } from '../../store/jobs-store-context';

const PRIORITIES = ['high', 'normal', 'low'] as const;

/** Jobs by status, waiting jobs by priority, the workers, and the last 24 h statistics. */
export function QueueSummary() {
  const { t, int, locale } = useI18n();
  const queue = useJobs((s) => s.queue);
  const stats = useJobs((s) => s.stats);

  return (
    <section className="panel queue-summary" data-testid="queue-summary" aria-label={t('queue.title')}>
      <div className="summary-block">
        <h3 className="panel-title">{t('queue.byStatus')}</h3>
        <ul className="count-list">
          {JOB_STATUSES.map((status) => (
            <li key={status} data-testid={`queue-status-${status}`}>
              <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>
              <strong>{queue ? int(queue.by_status[status] ?? 0) : '–'}</strong>
            </li>
          ))}
        </ul>
      </div>
      <div className="summary-block">
        <h3 className="panel-title">{t('queue.byPriority')}</h3>
        <ul className="count-list">
          {PRIORITIES.map((p) => (
            <li key={p} data-testid={`queue-priority-${p}`}>
              <span>{t(`priority.${p}`)}</span>
              <strong>{queue ? int(queue.queue_lengths[p]) : '–'}</strong>
            </li>
          ))}
        </ul>
        <h3 className="panel-title">{t('queue.workers')}</h3>
        <p data-testid="queue-workers">
          {queue
            ? t('queue.workersValue', {
                busy: int(queue.workers.busy),
                idle: int(queue.workers.idle),
                total: int(queue.workers.total),
              })
            : '–'}
          {queue && queue.workers.restarting > 0 && (
            <span className="muted">
              {' '}
              · {t('queue.restarting', { count: int(queue.workers.restarting) })}
            </span>
          )}
        </p>
      </div>
      <div className="summary-block" data-testid="stats-summary">
        <h3 className="panel-title">{t('stats.title')}</h3>
        <dl className="summary-grid">
          <dt>{t('stats.total')}</dt>
          <dd data-testid="stats-total">{stats ? int(stats.total_jobs) : '–'}</dd>
          <dt>{t('stats.successRate')}</dt>
          <dd data-testid="stats-success-rate">
            {stats && stats.total_jobs > 0 ? formatRate(stats.success_rate, locale) : t('stats.none')}
          </dd>
          <dt>{t('stats.failed')}</dt>
          <dd data-testid="stats-failed">{stats ? int(stats.failed_jobs) : '–'}</dd>
          <dt>{t('stats.avgTime')}</dt>
          <dd data-testid="stats-avg-time">
            {stats?.avg_response_time_seconds != null
              ? formatDuration(stats.avg_response_time_seconds, locale)
              : t('stats.none')}
          </dd>
          <dt>{t('stats.lastRun')}</dt>
          <dd data-testid="stats-last-run">
            {stats?.last_execution
              ? formatDateTime(stats.last_execution, locale, 'seconds')
              : t('stats.none')}
          </dd>
        </dl>
      </div>
    </section>
  );
}

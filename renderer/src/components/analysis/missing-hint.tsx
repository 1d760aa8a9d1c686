import type { MissingData } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { MessageKey } from '../../i18n/messages';
import { useMissingJobs } from '../../store/analysis-store-context';
import { jobKey, type MissingJob } from '../../store/missing-jobs-store';

const WHAT: Record<string, MessageKey> = {
  statements: 'missing.what.statements',
  daily_bars: 'missing.what.daily_bars',
  fundamentals: 'missing.what.fundamentals',
  dividends: 'missing.what.dividends',
  macro_series: 'missing.what.macro_series',
};

/** `yahoo daily-bars: WEGE3`: the job as the jobs console would show it. */
function jobText(job: MissingJob): string {
  return [job.scraper_name, job.query, job.ticker].filter(Boolean).join(' ');
}

function QueueButton({ job }: { job: MissingJob }) {
  const { t } = useI18n();
  const key = jobKey(job);
  const entry = useMissingJobs((s) => s.entries[key]);
  const queue = useMissingJobs((s) => s.queue);
  if (entry?.status === 'queued')
    return (
      <span className="badge status-completed" data-testid={`missing-queued-${job.scraper_name}`}>
        {t('missing.queued', { id: entry.jobId })}
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="button button-small"
        data-testid={`missing-run-${job.scraper_name}`}
        disabled={entry?.status === 'queuing'}
        aria-busy={entry?.status === 'queuing'}
        aria-label={entry?.status === 'queuing' ? undefined : t('missing.runNamed', { job: jobText(job) })}
        onClick={() => void queue(job)}
      >
        {entry?.status === 'queuing' ? t('missing.queuing') : t('missing.run')}
      </button>
      {entry?.status === 'failed' && (
        <span className="form-error-inline" data-error-code={entry.error.code}>
          {entry.error.message}
        </span>
      )}
    </>
  );
}

/** "Faltam dados: … — rodar <job>", one line per missing piece, with a button that queues the job. */
export function MissingHint({ missing, testId }: { missing: readonly MissingData[]; testId: string }) {
  const { t } = useI18n();
  if (missing.length === 0) return null;
  return (
    <ul className="missing-hint" data-testid={testId} aria-label={t('missing.title')}>
      {missing.map((m) => {
        const what = Object.hasOwn(WHAT, m.what) ? t(WHAT[m.what] as MessageKey) : m.what;
        return (
          <li key={m.what} data-testid={`missing-${m.what}`} title={m.message}>
            <span>
              <strong>{t('missing.title')}:</strong> {what}
              {m.job ? (
                <>
                  {' — '}
                  {t('missing.runJob')} <code>{jobText(m.job)}</code>
                </>
              ) : null}
            </span>
            {m.job && <QueueButton job={m.job} />}
          </li>
        );
      })}
    </ul>
  );
}

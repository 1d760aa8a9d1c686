import { useState, type FormEvent } from 'react';
import type { JobPriority } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useJobs } from '../../store/jobs-store-context';

const PRIORITIES: readonly JobPriority[] = ['high', 'normal', 'low'];

function toPriority(v: string): JobPriority {
  return PRIORITIES.find((p) => p === v) ?? 'normal';
}

/** Queues a job; the server validates it and its refusal message is shown as is. */
export function JobCreateForm() {
  const { t } = useI18n();
  const creating = useJobs((s) => s.creating);
  const createError = useJobs((s) => s.createError);
  const createJob = useJobs((s) => s.createJob);
  const runnable = useJobs((s) => s.runnableSources);
  const [source, setSource] = useState('selftest');
  const [ticker, setTicker] = useState('');
  const [query, setQuery] = useState('noop');
  const [priority, setPriority] = useState<JobPriority>('normal');
  const [maxRetries, setMaxRetries] = useState(3);
  const [createdId, setCreatedId] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    setCreatedId(null);
    const job = await createJob({
      scraper_name: source,
      ...(ticker.trim() ? { ticker: ticker.trim() } : {}),
      ...(query.trim() ? { query: query.trim() } : {}),
      priority,
      max_retries: maxRetries,
      metadata: {},
    });
    if (job) setCreatedId(job.id);
  }

  return (
    <form
      className="panel job-create-form"
      data-testid="job-create-form"
      aria-label={t('create.title')}
      onSubmit={(e) => void submit(e)}
    >
      <h3 className="panel-title">{t('create.title')}</h3>
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('create.source')}</span>
          <input
            data-testid="job-create-source"
            list="job-create-sources"
            required
            value={source}
            title={t('create.sourceHint')}
            onChange={(e) => setSource(e.target.value)}
          />
          <datalist id="job-create-sources">
            {runnable.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span className="field-label">{t('create.ticker')}</span>
          <input
            data-testid="job-create-ticker"
            value={ticker}
            placeholder={t('create.tickerPlaceholder')}
            autoCapitalize="characters"
            onChange={(e) => setTicker(e.target.value)}
          />
        </label>
        <label className="field field-wide">
          <span className="field-label">{t('create.query')}</span>
          <input
            data-testid="job-create-query"
            value={query}
            placeholder={t('create.queryPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('create.priority')}</span>
          <select
            data-testid="job-create-priority"
            value={priority}
            onChange={(e) => setPriority(toPriority(e.target.value))}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-narrow">
          <span className="field-label">{t('create.maxRetries')}</span>
          <input
            data-testid="job-create-max-retries"
            type="number"
            min={0}
            max={20}
            value={maxRetries}
            onChange={(e) =>
              setMaxRetries(Math.max(0, Math.min(20, Math.trunc(Number(e.target.value) || 0))))
            }
          />
        </label>
        <button type="submit" className="button" data-testid="job-create-submit" disabled={creating}>
          {creating ? t('create.sending') : t('create.submit')}
        </button>
      </div>
      {createError && (
        <p
          className="form-error"
          role="alert"
          data-testid="job-create-error"
          data-error-code={createError.code}
        >
          <strong>{t('create.refused')}:</strong> {createError.message}
        </p>
      )}
      {createdId && !createError && (
        <p className="form-ok muted" data-testid="job-create-result" data-job-id={createdId}>
          {t('create.created', { id: createdId })}
        </p>
      )}
    </form>
  );
}

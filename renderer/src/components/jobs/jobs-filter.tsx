import type { JobStatus } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import { JOB_STATUSES } from '../../store/jobs-store';
import { useJobs } from '../../store/jobs-store-context';
import { KNOWN_SOURCES } from './source-names';

function toStatus(v: string): JobStatus | null {
  return (JOB_STATUSES as readonly string[]).includes(v) ? (v as JobStatus) : null;
}

/** Status and source filters for the jobs table (the server filters; events respect them too). */
export function JobsFilter() {
  const { t } = useI18n();
  const filter = useJobs((s) => s.filter);
  const setFilter = useJobs((s) => s.setFilter);
  const refresh = useJobs((s) => s.refresh);

  return (
    <div className="jobs-filter">
      <label className="field">
        <span className="field-label">{t('filter.status')}</span>
        <select
          data-testid="jobs-filter-status"
          value={filter.status ?? ''}
          onChange={(e) => void setFilter({ status: toStatus(e.target.value) })}
        >
          <option value="">{t('filter.all')}</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('filter.source')}</span>
        <select
          data-testid="jobs-filter-source"
          value={filter.source ?? ''}
          onChange={(e) => void setFilter({ source: e.target.value || null })}
        >
          <option value="">{t('filter.allSources')}</option>
          {KNOWN_SOURCES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button-ghost"
        data-testid="jobs-refresh"
        onClick={() => void refresh()}
      >
        {t('jobs.refresh')}
      </button>
    </div>
  );
}

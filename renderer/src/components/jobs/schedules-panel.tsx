import type { Schedule } from '../../../../services/contract';
import { formatDateTime, formatFullDateTime } from '../../i18n/format-time';
import { scheduleName } from '../../i18n/schedule-names';
import { useI18n } from '../../i18n/use-i18n';
import { useJobs } from '../../store/jobs-store-context';

function ScheduleRow({ schedule: s }: { schedule: Schedule }) {
  const { t, locale } = useI18n();
  const busy = useJobs((st) => st.busy[s.id] === true);
  const setEnabled = useJobs((st) => st.setScheduleEnabled);
  const when = (iso: string | null) =>
    iso ? (
      <time dateTime={iso} title={formatFullDateTime(iso, locale)}>
        {formatDateTime(iso, locale, 'weekday')}
      </time>
    ) : (
      <span className="muted">{t('schedules.never')}</span>
    );

  return (
    <tr data-testid={`schedule-${s.id}`} data-enabled={s.enabled} className={s.enabled ? '' : 'is-off'}>
      <td>
        <div className="schedule-name">{scheduleName(s, locale)}</div>
        {s.trading_days_only && <div className="muted cell-note">{t('schedules.tradingDays')}</div>}
      </td>
      <td>
        <code title={s.timezone}>{s.cron}</code>
      </td>
      <td data-testid={`schedule-next-${s.id}`}>{s.enabled ? when(s.next_run_at) : '–'}</td>
      <td>{when(s.last_run_at)}</td>
      <td>
        <ul className="source-list">
          {s.sources.map((src) => {
            const unavailable = s.unavailable_sources.includes(src);
            return (
              <li
                key={src}
                className={unavailable ? 'source is-unavailable' : 'source'}
                data-unavailable={unavailable}
                title={unavailable ? t('schedules.unavailableTitle') : undefined}
              >
                {src}
                {unavailable && <span className="badge status-pending">{t('schedules.unavailable')}</span>}
                {s.needs_setup_sources.includes(src) && (
                  <span
                    className="badge status-retry"
                    data-testid={`schedule-needs-setup-${s.id}-${src}`}
                    title={s.skipped.find((k) => k.source === src)?.reason ?? t('schedules.needsSetupTitle')}
                  >
                    {t('schedules.needsSetup')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </td>
      <td>
        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            data-testid={`schedule-toggle-${s.id}`}
            checked={s.enabled}
            disabled={busy}
            aria-label={t('schedules.toggle', { name: scheduleName(s, locale) })}
            onChange={(e) => void setEnabled(s.id, e.target.checked)}
          />
          <span className="toggle-track" aria-hidden="true" />
        </label>
      </td>
    </tr>
  );
}

/** The schedules with their next and last runs (São Paulo time), sources and an on/off switch. */
export function SchedulesPanel() {
  const { t } = useI18n();
  const schedules = useJobs((s) => s.schedules);
  const errors = useJobs((s) => s.scheduleErrors);

  return (
    <section
      className="panel schedules-panel"
      data-testid="schedules-panel"
      aria-label={t('schedules.title')}
    >
      <h3 className="panel-title">{t('schedules.title')}</h3>
      {errors.length > 0 && (
        <div className="form-error" role="alert" data-testid="schedule-errors">
          <strong>{t('schedules.errors')}</strong>
          <ul>
            {errors.map((e) => (
              <li key={`${e.schedule_id}:${e.message}`}>
                <code>{e.schedule_id}</code>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {schedules.length === 0 ? (
        <p className="muted">{t('schedules.none')}</p>
      ) : (
        <div className="jobs-table-wrap">
          <table className="jobs-table schedules-table">
            <thead>
              <tr>
                <th scope="col">{t('schedules.name')}</th>
                <th scope="col">{t('schedules.cron')}</th>
                <th scope="col">{t('schedules.nextRun')}</th>
                <th scope="col">{t('schedules.lastRun')}</th>
                <th scope="col">{t('schedules.sources')}</th>
                <th scope="col">{t('schedules.enabled')}</th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((s) => (
                <ScheduleRow key={s.id} schedule={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

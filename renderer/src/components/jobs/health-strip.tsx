import type { I18n } from '../../i18n/use-i18n';
import { useI18n } from '../../i18n/use-i18n';
import type { ComponentStatus } from '../../store/jobs-store';
import { useJobs } from '../../store/jobs-store-context';
import { isKnownComponent } from './source-names';

export function componentLabel(t: I18n['t'], name: string): string {
  return isKnownComponent(name) ? t(`component.${name}`) : name;
}

/** The tooltip: the health message, else the component's state. */
function componentTitle(t: I18n['t'], c: ComponentStatus): string {
  const status = t(`componentStatus.${c.health.status}`);
  return c.health.message ? `${status}: ${c.health.message}` : `${status} (${c.state})`;
}

/**
 * One item per orchestrator component with its health. `compact` is the header's dot row (no
 * per-component test ids there, so the jobs view's full strip stays the one to locate).
 */
export function HealthStrip({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const components = useJobs((s) => s.components);

  if (compact) {
    if (!components || components.length === 0) return null;
    return (
      <ul className="health-dots" data-testid="health-strip-compact" aria-label={t('components.title')}>
        {components.map((c) => (
          <li
            key={c.name}
            className={`health-dot health-${c.health.status}`}
            title={`${componentLabel(t, c.name)} — ${componentTitle(t, c)}`}
          >
            <span className="visually-hidden">
              {componentLabel(t, c.name)}: {t(`componentStatus.${c.health.status}`)}
            </span>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section className="panel health-strip" data-testid="health-strip" aria-label={t('components.title')}>
      <h3 className="panel-title">{t('components.title')}</h3>
      {components === null ? (
        <p className="muted">{t('components.loading')}</p>
      ) : components.length === 0 ? (
        <p className="muted">{t('components.none')}</p>
      ) : (
        <ul className="component-list">
          {components.map((c) => (
            <li
              key={c.name}
              className={`component health-${c.health.status}`}
              data-testid={`component-${c.name}`}
              data-status={c.health.status}
              data-state={c.state}
              title={componentTitle(t, c)}
            >
              <span className="component-name">{componentLabel(t, c.name)}</span>
              <span className="component-status">{t(`componentStatus.${c.health.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useEffect } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { useApp, useAppStoreApi } from '../store/app-store-context';
import { HealthStrip } from './jobs/health-strip';
import { LangSwitch } from './lang-switch';
import { NavTabs } from './nav-tabs';

const HEALTH_REFRESH_MS = 15_000;

export function Header() {
  const { t } = useI18n();
  const health = useApp((s) => s.health);
  const dbEmpty = useApp((s) => s.dbEmpty);
  const importOpen = useApp((s) => s.importOpen);
  const setImportOpen = useApp((s) => s.setImportOpen);
  const view = useApp((s) => s.view);
  const store = useAppStoreApi();

  // The header's word follows the services, the sources and the network (offline) as they change.
  useEffect(() => {
    const timer = setInterval(() => void store.getState().refreshHealth(), HEALTH_REFRESH_MS);
    return () => clearInterval(timer);
  }, [store]);

  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          B3
        </span>
        <div>
          <h1 className="brand-name">{t('app.name')}</h1>
          <p className="brand-tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <NavTabs />
      <div className="header-actions">
        <HealthStrip compact />
        {health && (
          <span
            className={`health health-${health.status}`}
            data-testid="health-status"
            data-status={health.status}
            title={health.version}
          >
            {t(`health.${health.status}`)}
          </span>
        )}
        {dbEmpty === false && (view === 'assets' || view === 'home') && (
          <button
            type="button"
            className="button"
            data-testid="import-button"
            aria-pressed={importOpen}
            onClick={() => setImportOpen(!importOpen)}
          >
            {importOpen ? t('header.closeImport') : t('header.import')}
          </button>
        )}
        <LangSwitch />
      </div>
    </header>
  );
}

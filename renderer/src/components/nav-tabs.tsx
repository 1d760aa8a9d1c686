import type { MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/use-i18n';
import { useApp } from '../store/app-store-context';
import type { View } from '../store/hash-route';

const TABS: ReadonlyArray<{ view: View; testId: string; label: MessageKey }> = [
  { view: 'home', testId: 'nav-home', label: 'nav.home' },
  { view: 'assets', testId: 'nav-assets', label: 'nav.assets' },
  { view: 'portfolio', testId: 'nav-portfolio', label: 'nav.portfolio' },
  { view: 'compare', testId: 'nav-compare', label: 'nav.compare' },
  { view: 'screener', testId: 'nav-screener', label: 'nav.screener' },
  { view: 'macro', testId: 'nav-macro', label: 'nav.macro' },
  { view: 'tesouro', testId: 'nav-tesouro', label: 'nav.tesouro' },
  { view: 'jobs', testId: 'nav-jobs', label: 'nav.jobs' },
  { view: 'sources', testId: 'nav-sources', label: 'nav.sources' },
  { view: 'reports', testId: 'nav-reports', label: 'nav.reports' },
  { view: 'settings', testId: 'nav-settings', label: 'nav.settings' },
  { view: 'sql', testId: 'nav-sql', label: 'nav.sql' },
];

/** Switches between the app's views; the hash follows (see useHashRoute). */
export function NavTabs() {
  const { t } = useI18n();
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  return (
    <nav className="nav-tabs" aria-label={t('nav.label')}>
      {TABS.map((tab) => (
        <button
          key={tab.view}
          type="button"
          className={view === tab.view ? 'nav-tab is-active' : 'nav-tab'}
          data-testid={tab.testId}
          aria-current={view === tab.view ? 'page' : undefined}
          onClick={() => setView(tab.view)}
        >
          {t(tab.label)}
        </button>
      ))}
    </nav>
  );
}

import { useEffect } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { useApp, useAppStoreApi } from '../store/app-store-context';
import { hashForView, tickerFromHash, viewFromHash } from '../store/hash-route';
import { useJobs, useJobsStoreApi } from '../store/jobs-store-context';
import { useSources } from '../store/sources-store-context';
import { AssetPage } from './asset-page';
import { CompareView } from './compare/compare-view';
import { HomeView } from './home/home-view';
import { EmptyState } from './empty-state';
import { ErrorBanner } from './error-banner';
import { Header } from './header';
import { Toasts } from './toasts';
import { WizardGate } from './first-run-wizard';
import { ImportPanel } from './import-panel';
import { JobsView } from './jobs/jobs-view';
import { ReportsView } from './reports/reports-view';
import { ScreenerView } from './screener/screener-view';
import { SettingsView } from './settings/settings-view';
import { SqlView } from './sql/sql-view';
import { PortfolioView } from './portfolio/portfolio-view';
import { MacroView } from './macro/macro-view';
import { TesouroView } from './macro/tesouro-view';
import { IngestPanel } from './macro/ingest-panel';
import { SourcesView } from './data-sources/sources-view';
import { TickerSearch } from './ticker-search';

/** Keeps the view, the selected ticker and location.hash in step, both ways. */
function useHashRoute(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    // While a hash change is being applied, the store follows the URL, not the other way round.
    let fromHash = false;
    const onHash = (): void => {
      const s = store.getState();
      const view = viewFromHash(location.hash);
      fromHash = true;
      try {
        if (view === 'assets') {
          const t = tickerFromHash(location.hash);
          if (t !== s.selected && s.phase === 'ready') void s.select(t);
        }
        s.setView(view);
      } finally {
        fromHash = false;
      }
    };
    window.addEventListener('hashchange', onHash);
    const off = store.subscribe((s, prev) => {
      if (fromHash || (s.selected === prev.selected && s.view === prev.view)) return;
      const want = hashForView(s.view, s.selected);
      if (want === location.hash || (want === '' && location.hash === '')) return;
      // A section of the selected ticker's page (`#/asset/PETR4/valuation`) is that ticker's route.
      if (s.view === 'assets' && s.selected && tickerFromHash(location.hash) === s.selected) return;
      if (want) location.hash = want;
      else history.replaceState(null, '', location.pathname + location.search);
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, [store]);
}

function AssetsView() {
  const dbEmpty = useApp((s) => s.dbEmpty);
  const importOpen = useApp((s) => s.importOpen);
  const selected = useApp((s) => s.selected);
  return (
    <div className="layout">
      <aside className="sidebar">
        <TickerSearch />
      </aside>
      <main className="content">
        {dbEmpty ? (
          <>
            {/* A ticker opened by its URL may have fundamentals even with no quotes imported. */}
            {selected && <AssetPage />}
            <EmptyState />
          </>
        ) : (
          <>
            {importOpen && <ImportPanel closable />}
            {importOpen && <IngestPanel />}
            <AssetPage />
          </>
        )}
      </main>
    </div>
  );
}

export function App() {
  const store = useAppStoreApi();
  const jobsStore = useJobsStoreApi();
  const phase = useApp((s) => s.phase);
  const view = useApp((s) => s.view);
  const jobsPhase = useJobs((s) => s.phase);
  const sourcesPhase = useSources((s) => s.phase);
  const { t, locale } = useI18n();

  useEffect(() => {
    store.getState().setView(viewFromHash(location.hash));
    void store.getState().init(tickerFromHash(location.hash));
  }, [store]);

  useEffect(() => {
    jobsStore.getState().init();
    return () => jobsStore.getState().dispose();
  }, [jobsStore]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useHashRoute();

  // Ready when the app's first load and, on the jobs or sources view, that view's first load have answered.
  const ready =
    phase === 'ready' &&
    (view !== 'jobs' || jobsPhase === 'ready') &&
    (view !== 'sources' || sourcesPhase === 'ready');

  return (
    <div className="app" data-app-state={ready ? 'ready' : 'loading'} data-view={view} aria-busy={!ready}>
      <Header />
      <ErrorBanner />
      <Toasts />
      <WizardGate />
      {view === 'jobs' ? (
        <JobsView />
      ) : view === 'sources' ? (
        <SourcesView />
      ) : view === 'compare' ? (
        <CompareView />
      ) : view === 'screener' ? (
        <ScreenerView />
      ) : view === 'reports' ? (
        <ReportsView />
      ) : view === 'settings' ? (
        <SettingsView />
      ) : view === 'sql' ? (
        <SqlView />
      ) : view === 'portfolio' ? (
        <PortfolioView />
      ) : view === 'macro' ? (
        <MacroView />
      ) : view === 'tesouro' ? (
        <TesouroView />
      ) : phase === 'loading' ? (
        <p className="app-loading">{t('app.loading')}</p>
      ) : view === 'home' ? (
        <HomeView />
      ) : (
        <AssetsView />
      )}
    </div>
  );
}

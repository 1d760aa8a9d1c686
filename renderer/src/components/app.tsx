import { useEffect } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { useApp, useAppStoreApi } from '../store/app-store-context';
import { hashForTicker, tickerFromHash } from '../store/hash-route';
import { AssetPage } from './asset-page';
import { EmptyState } from './empty-state';
import { ErrorBanner } from './error-banner';
import { Header } from './header';
import { ImportPanel } from './import-panel';
import { TickerSearch } from './ticker-search';

/** Keeps the selected ticker and location.hash in step, both ways. */
function useHashRoute(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onHash = (): void => {
      const t = tickerFromHash(location.hash);
      if (t !== store.getState().selected && store.getState().phase === 'ready')
        void store.getState().select(t);
    };
    window.addEventListener('hashchange', onHash);
    const off = store.subscribe((s, prev) => {
      if (s.selected === prev.selected) return;
      const want = hashForTicker(s.selected);
      if (want === location.hash || (want === '' && location.hash === '')) return;
      if (want) location.hash = want;
      else history.replaceState(null, '', location.pathname + location.search);
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, [store]);
}

export function App() {
  const store = useAppStoreApi();
  const phase = useApp((s) => s.phase);
  const dbEmpty = useApp((s) => s.dbEmpty);
  const importOpen = useApp((s) => s.importOpen);
  const { t, locale } = useI18n();

  useEffect(() => {
    void store.getState().init(tickerFromHash(location.hash));
  }, [store]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useHashRoute();

  return (
    <div className="app" data-app-state={phase} aria-busy={phase === 'loading'}>
      <Header />
      <ErrorBanner />
      {phase === 'loading' ? (
        <p className="app-loading">{t('app.loading')}</p>
      ) : (
        <div className="layout">
          <aside className="sidebar">
            <TickerSearch />
          </aside>
          <main className="content">
            {dbEmpty ? (
              <EmptyState />
            ) : (
              <>
                {importOpen && <ImportPanel closable />}
                <AssetPage />
              </>
            )}
          </main>
        </div>
      )}
    </div>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { getClient } from '../../client';
import { errorText } from '../../i18n/error-messages';
import { useI18n } from '../../i18n/use-i18n';
import { useApp } from '../../store/app-store-context';
import { toUiError, type UiError } from '../../store/errors';
import { CurrentBadge } from '../current-value';
import { EmptyState } from '../empty-state';
import { ImportPanel } from '../import-panel';
import { TickerSearch } from '../ticker-search';
import {
  BreadthPanel,
  HealthPanel,
  MacroStrip,
  NewsAndReports,
  Sparkline,
  signedPct,
  type Home,
} from './home-panels';

function WatchlistPanel({ home, reload }: { home: Home; reload: (id?: string) => Promise<void> }) {
  const { t, money, date, locale } = useI18n();
  const client = getClient();
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const id = home.watchlist_id;

  // The default list becomes the user's own on the first edit.
  const edit = async (change: { add?: string[]; remove?: string[] }): Promise<void> => {
    setError(null);
    try {
      if (id) {
        await client.call('watchlists.update', { id, ...change });
        await reload(id);
      } else {
        const base = home.default_tickers.filter((x) => !(change.remove ?? []).includes(x));
        const w = await client.call('watchlists.create', {
          name: t('home.myList'),
          tickers: [...base, ...(change.add ?? [])],
        });
        await reload(w.id);
      }
    } catch (e) {
      setError(toUiError(e));
    }
  };
  const onAdd = (e: FormEvent): void => {
    e.preventDefault();
    const tk = adding.trim().toUpperCase();
    if (!tk) return;
    void edit({ add: [tk] }).then(() => setAdding(''));
  };

  return (
    <section className="panel home-watchlist" data-testid="home-watchlist" aria-label={t('home.watchlist')}>
      <div className="sources-toolbar">
        <h2>{t('home.watchlist')}</h2>
        {home.watchlists.length > 0 ? (
          <label className="field">
            <span className="field-label">{t('home.pickList')}</span>
            <select
              data-testid="home-watchlist-pick"
              value={id ?? ''}
              onChange={(e) => void reload(e.currentTarget.value)}
            >
              {home.watchlists.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="muted" data-testid="home-watchlist-default">
            {t('home.defaultList')}
          </span>
        )}
        <form className="home-add" onSubmit={onAdd}>
          <input
            type="text"
            value={adding}
            maxLength={12}
            aria-label={t('home.addTicker')}
            placeholder={t('home.addTicker')}
            data-testid="home-add-input"
            onChange={(e) => setAdding(e.currentTarget.value)}
          />
          <button type="submit" className="button" data-testid="home-add">
            {t('home.add')}
          </button>
        </form>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="home-watchlist-error">
          {errorText(error, locale)}
        </p>
      )}
      {home.items.length === 0 ? (
        <p className="muted">{t('home.emptyList')}</p>
      ) : (
        <table className="jobs-table" data-testid="home-watchlist-table">
          <thead>
            <tr>
              <th scope="col">{t('home.ticker')}</th>
              <th scope="col" className="num">
                {t('home.price')}
              </th>
              <th scope="col" className="num">
                {t('home.change')}
              </th>
              <th scope="col">{t('home.trend')}</th>
              <th scope="col">{t('home.asOf')}</th>
              <th scope="col">
                <span className="sr-only">{t('screener.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {home.items.map((i) => (
              <tr key={i.ticker} data-testid={`home-row-${i.ticker}`}>
                <th scope="row" className="row-head">
                  <a href={`#/asset/${i.ticker}`}>{i.ticker}</a>
                  {i.name && <div className="muted cell-note">{i.name}</div>}
                </th>
                <td
                  className="num"
                  data-testid={`home-price-${i.ticker}`}
                  data-as-of={i.price?.as_of ?? ''}
                  data-source={i.price?.source ?? ''}
                >
                  {i.price ? money(i.price.value) : t('home.noPrice')}
                </td>
                <td
                  className={`num ${(i.change_pct ?? 0) >= 0 ? 'up' : 'down'}`}
                  data-testid={`home-change-${i.ticker}`}
                >
                  {signedPct(i.change_pct, locale)}
                </td>
                <td>
                  <Sparkline values={i.spark} label={`${t('home.trend')} ${i.ticker}`} />
                </td>
                <td data-testid={`home-date-${i.ticker}`}>
                  {i.price && (
                    <>
                      {i.price.source}
                      {i.price.as_of ? ` · ${date(i.price.as_of)}` : ''}{' '}
                      <CurrentBadge value={i.price} compact />
                    </>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-ghost"
                    data-testid={`home-remove-${i.ticker}`}
                    aria-label={t('home.removeTicker', { ticker: i.ticker })}
                    onClick={() => void edit({ remove: [i.ticker] })}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function QuickActions({ home }: { home: Home }) {
  const { t, int, locale } = useI18n();
  const client = getClient();
  const setImportOpen = useApp((s) => s.setImportOpen);
  const [queued, setQueued] = useState<number | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const update = async (): Promise<void> => {
    setError(null);
    try {
      const r = await client.call('jobs.createBatch', {
        jobs: home.items.map((i) => ({ scraper_name: 'fundamentus', ticker: i.ticker })),
      });
      setQueued(r.jobs.length);
    } catch (e) {
      setError(toUiError(e));
    }
  };
  return (
    <section className="panel home-panel" data-testid="home-actions" aria-label={t('home.actions')}>
      <h2>{t('home.actions')}</h2>
      <div className="home-action-buttons">
        <button
          type="button"
          className="button"
          data-testid="home-import"
          onClick={() => setImportOpen(true)}
        >
          {t('home.importHistory')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="home-update"
          disabled={home.items.length === 0}
          onClick={() => void update()}
        >
          {t('home.updateNow')}
        </button>
      </div>
      {queued !== null && <p className="muted">{t('home.updateQueued', { count: int(queued) })}</p>}
      {error && (
        <p className="form-error" role="alert">
          {errorText(error, locale)}
        </p>
      )}
    </section>
  );
}

/** The first screen once data exists: watchlist, breadth, macro, news, reports, health, actions. */
export function HomeView() {
  const { t, locale } = useI18n();
  const client = getClient();
  const dbEmpty = useApp((s) => s.dbEmpty);
  const importOpen = useApp((s) => s.importOpen);
  const importStatus = useApp((s) => s.import.status);
  const [home, setHome] = useState<Home | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const reload = useCallback(
    async (id?: string) => {
      try {
        setHome(await client.call('home.get', id ? { watchlist_id: id } : {}));
        setError(null);
      } catch (e) {
        setError(toUiError(e));
      }
    },
    [client],
  );
  useEffect(() => {
    // The state is set from the call's answer; again after an import (new prices, a new session).
    if (dbEmpty === false) void Promise.resolve(home?.watchlist_id ?? undefined).then(reload);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dbEmpty, importStatus, reload]);

  return (
    <div className="layout">
      <aside className="sidebar">
        <TickerSearch />
      </aside>
      <main className="content" data-testid="home-view" data-home-state={home ? 'ready' : 'loading'}>
        {dbEmpty ? (
          <EmptyState />
        ) : (
          <>
            {importOpen && <ImportPanel closable />}
            <h2 className="sr-only">{t('home.title')}</h2>
            {error && (
              <p className="form-error" role="alert">
                {errorText(error, locale)}
              </p>
            )}
            {home && (
              <div className="home-grid">
                <WatchlistPanel home={home} reload={reload} />
                <MacroStrip macro={home.macro} />
                <BreadthPanel b={home.breadth} />
                <HealthPanel home={home} />
                <NewsAndReports home={home} />
                <QuickActions home={home} />
              </div>
            )}
          </>
        )}
      </main>
    </div>
  );
}

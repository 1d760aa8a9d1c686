import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { Security } from '../../../services/contract';
import { useI18n } from '../i18n/use-i18n';
import { useApp } from '../store/app-store-context';

export const SEARCH_DEBOUNCE_MS = 150;

export function TickerSearch() {
  const { t, money } = useI18n();
  const query = useApp((s) => s.query);
  const results = useApp((s) => s.results);
  const resultsQuery = useApp((s) => s.resultsQuery);
  const selected = useApp((s) => s.selected);
  const setQuery = useApp((s) => s.setQuery);
  const search = useApp((s) => s.search);
  const select = useApp((s) => s.select);
  const [active, setActive] = useState(0);
  const listId = useId();

  // Debounced search: each keystroke restarts the timer; results answering an older query are kept
  // on screen until the new ones arrive.
  useEffect(() => {
    if (query === resultsQuery) return;
    const timer = setTimeout(() => void search(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, resultsQuery, search]);

  const activeIndex = Math.min(active, Math.max(0, results.length - 1));

  const choose = (s: Security | undefined): void => {
    if (s) void select(s.ticker);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.min(Math.max(0, activeIndex + step), Math.max(0, results.length - 1)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (query === resultsQuery) {
        choose(results[activeIndex]);
      } else {
        // Enter before the debounce fired: search now, then take the first match.
        void search(query).then((items) => choose(items[0]));
      }
    } else if (e.key === 'Escape') {
      setQuery('');
      setActive(0);
    }
  };

  const activeTicker = results[activeIndex]?.ticker;

  return (
    <section className="search" aria-label={t('search.label')}>
      <label className="search-label" htmlFor={`${listId}-input`}>
        {t('search.label')}
      </label>
      <input
        id={`${listId}-input`}
        className="search-input"
        data-testid="ticker-search"
        type="search"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={activeTicker ? `${listId}-${activeTicker}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} className="search-results" role="listbox" aria-label={t('search.results')}>
        {results.map((s, i) => (
          <li
            key={s.ticker}
            id={`${listId}-${s.ticker}`}
            role="option"
            aria-selected={s.ticker === selected}
            className={`search-result${i === activeIndex && query !== '' ? ' is-active' : ''}${
              s.ticker === selected ? ' is-selected' : ''
            }`}
            data-testid={`search-result-${s.ticker}`}
            onClick={() => choose(s)}
            onMouseEnter={() => setActive(i)}
          >
            <span className="result-ticker">{s.ticker}</span>
            <span className="result-name" title={`${s.name} ${s.specification}`.trim()}>
              {s.name}
            </span>
            <span className="result-close">{money(s.lastClose)}</span>
          </li>
        ))}
      </ul>
      {results.length === 0 && resultsQuery !== null && resultsQuery.trim() !== '' && (
        <p className="search-none">{t('search.none', { q: resultsQuery })}</p>
      )}
    </section>
  );
}

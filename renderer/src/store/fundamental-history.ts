import { useEffect, useState } from 'react';
import { getClient } from '../client';
import type { History } from './fundamental-groups';

/**
 * A ticker's fundamentals per year (`fundamentals.history`), loaded again when `version` changes.
 * Null while loading or on failure (the table then shows no yearly chart).
 */
export function useFundamentalHistory(ticker: string, version: string | null): History | null {
  const [state, setState] = useState<{ key: string; history: History | null } | null>(null);
  const key = `${ticker}|${version ?? ''}`;
  useEffect(() => {
    let live = true;
    getClient()
      .call('fundamentals.history', { ticker })
      .then(
        (history) => live && setState({ key, history }),
        () => live && setState({ key, history: null }),
      );
    return () => {
      live = false;
    };
  }, [ticker, key]);
  return state && state.key === key ? state.history : null;
}

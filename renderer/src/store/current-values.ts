import { useEffect, useState } from 'react';
import type { CurrentValues } from '../../../services/contract/current-value';
import { getClient } from '../client';

/**
 * A ticker's current values (`analysis.current`: the one resolver every view reads), loaded again
 * when `version` changes (new quotes or fundamentals landed). Null while loading or on failure (the
 * views then show what they have, with no number of their own making).
 */
export function useCurrentValues(ticker: string | null, version: string | null): CurrentValues | null {
  const [state, setState] = useState<{ key: string; values: CurrentValues } | null>(null);
  const key = ticker ? `${ticker}|${version ?? ''}` : '';
  useEffect(() => {
    if (!ticker) return;
    let live = true;
    getClient()
      .call('analysis.current', { ticker })
      .then(
        (r) => {
          if (live) setState({ key, values: r.values });
        },
        () => {
          if (live) setState({ key, values: {} });
        },
      );
    return () => {
      live = false;
    };
  }, [ticker, key]);
  return state && state.key === key ? state.values : null;
}

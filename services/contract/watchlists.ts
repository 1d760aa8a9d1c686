import { z } from 'zod';
import { Ticker } from './models';

/** Watchlists: named lists of tickers the user keeps (stored in PostgreSQL, synced by updated_at). */
export const WATCHLIST_NAME_MAX = 60;
export const WATCHLIST_TICKERS_MAX = 50;

/** A watchlist id: what `watchlists.create` hands out (a UUID), never a path or free text. */
export const WatchlistId = z
  .string()
  .trim()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'expected a watchlist id (a UUID)',
  );

/** A name a person typed: 1–60 characters, no control characters, no angle brackets. */
export const WatchlistName = z
  .string()
  .trim()
  .min(1, 'give the watchlist a name')
  .max(WATCHLIST_NAME_MAX, `at most ${WATCHLIST_NAME_MAX} characters`)
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f<>]/.test(s), 'control characters and < > are not allowed');

export const WatchlistTickers = z
  .array(Ticker)
  .max(WATCHLIST_TICKERS_MAX, `at most ${WATCHLIST_TICKERS_MAX} tickers`)
  .transform((ts) => [...new Set(ts)]);

export const Watchlist = z.object({
  id: z.string(),
  name: z.string(),
  tickers: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Watchlist = z.infer<typeof Watchlist>;

import { z } from 'zod';
import { defineMethod } from '../define';
import { Ticker } from '../models';
import { ResolvedValue } from '../current-value';
import { Watchlist, WatchlistId, WatchlistName, WatchlistTickers } from '../watchlists';

export const watchlistsList = defineMethod({
  name: 'watchlists.list',
  summary: 'The watchlists, oldest first.',
  http: { method: 'GET', path: '/api/watchlists' },
  input: z.object({}),
  output: z.object({ items: z.array(Watchlist) }),
});

export const watchlistsCreate = defineMethod({
  name: 'watchlists.create',
  summary:
    'Create a watchlist. Every ticker must be known to the local data (quotes or fundamentals); names are unique.',
  http: { method: 'POST', path: '/api/watchlists' },
  input: z.object({ name: WatchlistName, tickers: WatchlistTickers.default([]) }),
  output: Watchlist,
});

export const watchlistsUpdate = defineMethod({
  name: 'watchlists.update',
  summary:
    'Rename a watchlist, replace its tickers, or add and remove some (known tickers only); updated_at moves.',
  http: { method: 'POST', path: '/api/watchlists/{id}' },
  input: z
    .object({
      id: WatchlistId,
      name: WatchlistName.optional(),
      tickers: WatchlistTickers.optional(),
      add: z.array(Ticker).max(50).optional(),
      remove: z.array(Ticker).max(50).optional(),
    })
    .refine((v) => v.name !== undefined || v.tickers !== undefined || v.add || v.remove, {
      message: 'give name, tickers, add or remove',
      path: ['name'],
    }),
  output: Watchlist,
});

export const watchlistsDelete = defineMethod({
  name: 'watchlists.delete',
  summary: 'Delete a watchlist.',
  http: { method: 'DELETE', path: '/api/watchlists/{id}' },
  input: z.object({ id: WatchlistId }),
  output: z.object({ deleted: z.literal(true) }),
});

const Dated = z.object({ value: z.number(), date: z.string() });

export const HomeWatchItem = z.object({
  ticker: z.string(),
  name: z.string().nullable(),
  /** The current price as the resolver picks it (the same as the asset page), with its source and date. */
  price: ResolvedValue.nullable(),
  /** % change of the last bar against the bar before it, when the price is that bar's close. */
  change_pct: z.number().nullable(),
  /** The last closes (up to 30), oldest first, for the sparkline. */
  spark: z.array(z.number()),
});

const Move = z.object({ ticker: z.string(), close: z.number(), change_pct: z.number(), volume: z.number() });

export const HomeMacro = z.object({
  key: z.enum(['selic', 'ipca_12m', 'cdi_12m', 'usd_brl']),
  value: Dated.extend({ series: z.string(), unit: z.string() }).nullable(),
  /** The SGS series codes this item reads (named in the UI when none is loaded). */
  wants: z.array(z.number().int()),
});

export const HomeAttention = z.object({
  kind: z.enum(['signin', 'source_failing', 'stale_data', 'jobs_failed', 'no_macro']),
  subject: z.string(),
  detail: z.string().nullable(),
  since: z.string().nullable(),
});

export const homeGet = defineMethod({
  name: 'home.get',
  summary:
    'Everything the home page shows in one call: a watchlist with current prices (the resolver), market breadth of the last local session, the macro strip (BCB), latest news, recent reports and what needs attention.',
  http: { method: 'GET', path: '/api/home' },
  input: z.object({ watchlist_id: WatchlistId.optional() }),
  output: z.object({
    today: z.string(),
    watchlists: z.array(Watchlist),
    /** The watchlist shown: the asked one, else the first; null when none exists (the default list is shown). */
    watchlist_id: z.string().nullable(),
    /** The default (no watchlist yet): the most traded tickers over the last sessions in the local data. */
    default_tickers: z.array(z.string()),
    items: z.array(HomeWatchItem),
    breadth: z.object({
      /** The last session in the local COTAHIST data and the one before it (null with a single day). */
      date: z.string().nullable(),
      previous_date: z.string().nullable(),
      advancers: z.number().int(),
      decliners: z.number().int(),
      unchanged: z.number().int(),
      gainers: z.array(Move),
      losers: z.array(Move),
      most_traded: z.array(z.object({ ticker: z.string(), close: z.number(), volume: z.number() })),
    }),
    macro: z.array(HomeMacro),
    news: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        url: z.string(),
        publisher: z.string().nullable(),
        published_at: z.string().nullable(),
        tickers: z.array(z.string()),
        sentiment_label: z.string(),
        sentiment_score: z.number(),
      }),
    ),
    reports: z.array(
      z.object({
        id: z.number().int(),
        ticker: z.string(),
        created_at: z.string(),
        kind: z.string(),
        model_name: z.string(),
        recommendation: z.string().nullable(),
      }),
    ),
    attention: z.array(HomeAttention),
    jobs: z.object({ failed_24h: z.number().int(), pending: z.number().int(), running: z.number().int() }),
    timestamp: z.string(),
  }),
});

export const watchlistsMethods = {
  'watchlists.list': watchlistsList,
  'watchlists.create': watchlistsCreate,
  'watchlists.update': watchlistsUpdate,
  'watchlists.delete': watchlistsDelete,
  'home.get': homeGet,
} as const;

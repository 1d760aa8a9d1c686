import type { Handler } from './types';
import { createWatchlist, deleteWatchlist, listWatchlists, updateWatchlist } from '../watchlists/store';
import { homeOf } from '../watchlists/home';

export const watchlistsListHandler: Handler<'watchlists.list'> = async (_i, ctx) => ({
  items: await listWatchlists(ctx.pg),
});
export const watchlistsCreateHandler: Handler<'watchlists.create'> = (input, ctx) =>
  createWatchlist(ctx.pg, input.name, input.tickers);
export const watchlistsUpdateHandler: Handler<'watchlists.update'> = (input, ctx) =>
  updateWatchlist(ctx.pg, input.id, input);
export const watchlistsDeleteHandler: Handler<'watchlists.delete'> = async (input, ctx) => {
  await deleteWatchlist(ctx.pg, input.id);
  return { deleted: true };
};
export const homeGetHandler: Handler<'home.get'> = (input, ctx) => homeOf(ctx, input.watchlist_id);

import { AppError } from '../../contract';
import { getSecurity, listBars, searchSecurities } from '../quotes/repository';
import type { Handler } from './types';

/** From the in-memory list (never queued behind other database work); the SQL where there is none. */
export const tickersSearch: Handler<'tickers.search'> = async (input, ctx) => ({
  items: ctx.tickers
    ? await ctx.tickers.search(input.q, input.limit)
    : await searchSecurities(ctx.pg, input.q, input.limit),
});

export const quotesList: Handler<'quotes.list'> = async (input, ctx) => {
  const security = await getSecurity(ctx.pg, input.ticker);
  if (!security) {
    throw new AppError('NOT_FOUND', `no quotes for ${input.ticker}: import a COTAHIST file that lists it`, {
      ticker: input.ticker,
    });
  }
  return { ticker: input.ticker, security, bars: await listBars(ctx.pg, input.ticker, input.from, input.to) };
};

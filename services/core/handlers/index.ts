import { healthGet } from './health';
import { importCotahistHandler } from './import';
import { quotesList, tickersSearch } from './quotes';
import type { Handlers } from './types';

export type { Handler, Handlers } from './types';

export const handlers: Handlers = {
  'health.get': healthGet,
  'tickers.search': tickersSearch,
  'quotes.list': quotesList,
  'import.cotahist': importCotahistHandler,
};

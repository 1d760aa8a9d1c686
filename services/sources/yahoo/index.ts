import { defineSource } from '../define';
import { chartFetcher } from './chart.fetcher';
import { corporateActionsFetcher } from './corporate-actions.fetcher';
import { quoteFetcher } from './quote.fetcher';

export { yahooSymbol } from './symbol';

export default defineSource({
  info: {
    id: 'yahoo',
    name: 'Yahoo Finance',
    url: 'https://finance.yahoo.com',
    baseUrl: 'https://query1.finance.yahoo.com',
    // Yahoo balances its chart API over query1 and query2.
    extraHosts: ['query2.finance.yahoo.com'],
    category: 'prices',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 30,
    concurrency: 2,
    canary: { model: 'daily-bars', query: { ticker: 'PETR4' } },
    aliases: ['YAHOO', 'YAHOO_FINANCE'],
  },
  fetchers: {
    'daily-bars': chartFetcher,
    quote: quoteFetcher,
    'corporate-actions': corporateActionsFetcher,
  },
});

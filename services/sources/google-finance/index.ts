import { defineSource } from '../define';
import { fundamentalsFetcher, quoteFetcher } from './quote.fetcher';

export default defineSource({
  info: {
    id: 'google-finance',
    name: 'Google Finance',
    url: 'https://www.google.com/finance',
    baseUrl: 'https://www.google.com',
    category: 'prices',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 10,
    concurrency: 1,
    canary: { model: 'quote', query: { ticker: 'PETR4' } },
    aliases: ['GOOGLE_FINANCE', 'GOOGLEFINANCE'],
  },
  fetchers: { quote: quoteFetcher, fundamentals: fundamentalsFetcher },
});

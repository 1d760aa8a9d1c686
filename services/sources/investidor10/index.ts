import { defineSource } from '../define';
import { dividendsFetcher } from './dividends.fetcher';
import { fundamentalsFetcher } from './fundamentals.fetcher';

export default defineSource({
  info: {
    id: 'investidor10',
    name: 'Investidor10',
    url: 'https://investidor10.com.br',
    baseUrl: 'https://investidor10.com.br',
    category: 'fundamentals',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 10,
    concurrency: 1,
    canary: { model: 'fundamentals', query: { ticker: 'KNRI11' } },
    aliases: ['INVESTIDOR10', 'INVESTIDOR_10'],
  },
  fetchers: { fundamentals: fundamentalsFetcher, dividends: dividendsFetcher },
});

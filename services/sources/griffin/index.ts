import { defineSource } from '../define';
import { insiderTradesFetcher } from './insider-trades.fetcher';

export default defineSource({
  info: {
    id: 'griffin',
    name: 'Griffin (insiders, CVM 44)',
    url: 'https://griffin.app.br',
    baseUrl: 'https://griffin.app.br',
    category: 'insiders',
    requiresLogin: false,
    // A single-page app: its data comes from its JSON API, read as the page loads it.
    usesBrowser: true,
    credentials: [],
    ratePerMinute: 6,
    concurrency: 1,
    canary: { model: 'insider-trades', query: { ticker: 'PETR4' } },
    aliases: ['GRIFFIN', 'GRIFFIN_INSIDERS'],
  },
  fetchers: { 'insider-trades': insiderTradesFetcher },
});

import { defineSource } from '../define';
import { dailyBarsFetcher } from './daily-bars.fetcher';
import { quoteFetcher } from './quote.fetcher';

export default defineSource({
  info: {
    id: 'brapi',
    name: 'brapi.dev',
    url: 'https://brapi.dev',
    baseUrl: 'https://brapi.dev',
    category: 'prices',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [
      {
        name: 'token',
        optional: true,
        description: 'brapi.dev API token (brapi.dev/dashboard); without it only a few tickers are served.',
      },
    ],
    ratePerMinute: 15,
    concurrency: 2,
    canary: { model: 'quote', query: { ticker: 'PETR4' } },
    aliases: ['BRAPI'],
  },
  fetchers: { quote: quoteFetcher, 'daily-bars': dailyBarsFetcher },
});

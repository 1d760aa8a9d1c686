import { defineSource } from '../define';
import { dailyBarsFetcher } from './daily-bars.fetcher';
import { quoteFetcher } from './quote.fetcher';

export default defineSource({
  info: {
    id: 'investing',
    name: 'Investing.com',
    url: 'https://br.investing.com',
    baseUrl: 'https://br.investing.com',
    extraHosts: ['api.investing.com'],
    category: 'prices',
    requiresLogin: true,
    usesBrowser: true,
    credentials: [],
    ratePerMinute: 6,
    concurrency: 1,
    canary: { model: 'quote', query: { ticker: 'PETR4' } },
    aliases: ['INVESTING', 'INVESTING_COM', 'INVESTINGCOM'],
    // Cookie names are our reading of the site; the sign-in helper's cookie status confirms them.
    login: {
      url: 'https://br.investing.com/login',
      sessionCookies: ['ses_id'],
      cookieHosts: ['.investing.com'],
    },
  },
  fetchers: { quote: quoteFetcher, 'daily-bars': dailyBarsFetcher },
});

import { defineSource } from '../define';
import { dailyBarsFetcher } from './daily-bars.fetcher';
import { quoteFetcher } from './quote.fetcher';

export default defineSource({
  info: {
    id: 'advfn',
    name: 'ADVFN Brasil',
    url: 'https://br.advfn.com',
    baseUrl: 'https://br.advfn.com',
    category: 'prices',
    requiresLogin: true,
    usesBrowser: true,
    credentials: [],
    ratePerMinute: 6,
    concurrency: 1,
    canary: { model: 'quote', query: { ticker: 'PETR4' } },
    aliases: ['ADVFN', 'ADVFN_BR'],
    // Cookie names are our reading of the site; the sign-in helper's cookie status confirms them.
    login: {
      url: 'https://br.advfn.com/common/account/login',
      sessionCookies: ['ADVFNUID'],
      cookieHosts: ['.advfn.com'],
    },
  },
  fetchers: { quote: quoteFetcher, 'daily-bars': dailyBarsFetcher },
});

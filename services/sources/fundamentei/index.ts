import { defineSource } from '../define';
import { fundamentalsFetcher } from './fundamentals.fetcher';

export default defineSource({
  info: {
    id: 'fundamentei',
    name: 'Fundamentei',
    url: 'https://fundamentei.com',
    baseUrl: 'https://fundamentei.com',
    category: 'fundamentals',
    requiresLogin: true,
    usesBrowser: true,
    credentials: [],
    ratePerMinute: 6,
    concurrency: 1,
    canary: { model: 'fundamentals', query: { ticker: 'PETR4' } },
    aliases: ['FUNDAMENTEI'],
    // Cookie names are our reading of the site; the sign-in helper's cookie status confirms them.
    login: { url: 'https://fundamentei.com/login', sessionCookies: ['fundamentei_session'] },
  },
  fetchers: { fundamentals: fundamentalsFetcher },
});

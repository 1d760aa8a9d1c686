import { defineSource } from '../define';
import details from './details.fetcher';
import proventos from './proventos.fetcher';
import resultado from './resultado.fetcher';

export default defineSource({
  info: {
    id: 'fundamentus',
    name: 'Fundamentus',
    url: 'https://www.fundamentus.com.br',
    baseUrl: 'https://www.fundamentus.com.br',
    category: 'fundamentals',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'fundamentals', query: { ticker: 'PETR4' } },
    aliases: ['FUNDAMENTUS'],
  },
  fetchers: { fundamentals: details, dividends: proventos, screener: resultado },
});

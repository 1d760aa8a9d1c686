import { defineSource } from '../define';
import { principaisIndicadoresFetcher } from './principais-indicadores.fetcher';

export default defineSource({
  info: {
    id: 'investsite',
    name: 'Investsite',
    url: 'https://www.investsite.com.br',
    baseUrl: 'https://www.investsite.com.br',
    category: 'fundamentals',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 10,
    concurrency: 1,
    canary: { model: 'fundamentals', query: { ticker: 'PETR4' } },
    aliases: ['INVESTSITE', 'INVEST_SITE'],
  },
  fetchers: { fundamentals: principaisIndicadoresFetcher },
});

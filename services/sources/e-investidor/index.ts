import { defineSource } from '../define';
import { newsFetcher } from './news.fetcher';

export default defineSource({
  info: {
    id: 'e-investidor',
    name: 'E-Investidor (Estadão)',
    url: 'https://einvestidor.estadao.com.br',
    baseUrl: 'https://einvestidor.estadao.com.br',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: {} },
    aliases: ['E_INVESTIDOR', 'EINVESTIDOR'],
  },
  fetchers: { news: newsFetcher },
});

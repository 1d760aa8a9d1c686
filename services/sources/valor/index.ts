import { defineSource } from '../define';
import { newsFetcher } from './news.fetcher';

export default defineSource({
  info: {
    id: 'valor',
    name: 'Valor Econômico',
    url: 'https://valor.globo.com',
    baseUrl: 'https://pox.globo.com',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: {} },
    aliases: ['VALOR', 'VALOR_ECONOMICO'],
  },
  fetchers: { news: newsFetcher },
});

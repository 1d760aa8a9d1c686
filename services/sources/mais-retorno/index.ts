import { defineSource } from '../define';
import { newsFetcher } from './news.fetcher';

export default defineSource({
  info: {
    id: 'mais-retorno',
    name: 'Mais Retorno (portal de notícias)',
    url: 'https://maisretorno.com/portal',
    baseUrl: 'https://maisretorno.com',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: {} },
    aliases: ['MAIS_RETORNO', 'MAISRETORNO'],
  },
  fetchers: { news: newsFetcher },
});

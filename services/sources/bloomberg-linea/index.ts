import { defineSource } from '../define';
import { newsFetcher } from './news.fetcher';

export default defineSource({
  info: {
    id: 'bloomberg-linea',
    name: 'Bloomberg Línea Brasil',
    url: 'https://www.bloomberglinea.com.br',
    baseUrl: 'https://www.bloomberglinea.com.br',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: {} },
    aliases: ['BLOOMBERG_LINEA', 'BLOOMBERGLINEA'],
  },
  fetchers: { news: newsFetcher },
});

import { defineSource } from '../define';
import { newsFetcher } from './news.fetcher';

export default defineSource({
  info: {
    id: 'exame',
    name: 'Exame',
    url: 'https://exame.com',
    baseUrl: 'https://exame.com',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: {} },
    aliases: ['EXAME'],
  },
  fetchers: { news: newsFetcher },
});

import { defineSource } from '../define';
import { newsFetcher } from './news.fetcher';

export default defineSource({
  info: {
    id: 'investing-news',
    name: 'Investing.com Brasil (notícias)',
    url: 'https://br.investing.com',
    baseUrl: 'https://br.investing.com',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: {} },
    aliases: ['INVESTING_NEWS'],
  },
  fetchers: { news: newsFetcher },
});

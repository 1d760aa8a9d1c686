import { defineSource } from '../define';
import { searchFetcher } from './search.fetcher';

export default defineSource({
  info: {
    id: 'google-news',
    name: 'Google News (busca, pt-BR)',
    url: 'https://news.google.com',
    baseUrl: 'https://news.google.com',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: { ticker: 'PETR4' } },
    aliases: ['GOOGLE_NEWS', 'GOOGLENEWS'],
  },
  fetchers: { news: searchFetcher },
});

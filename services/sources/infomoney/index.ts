import { defineSource } from '../define';
import { newsFetcher } from './news.fetcher';

export default defineSource({
  info: {
    id: 'infomoney',
    name: 'InfoMoney',
    url: 'https://www.infomoney.com.br',
    baseUrl: 'https://www.infomoney.com.br',
    category: 'news',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'news', query: {} },
    aliases: ['INFOMONEY'],
  },
  fetchers: { news: newsFetcher },
});

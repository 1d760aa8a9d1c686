import { defineSource } from '../define';
import { buscaAvancadaFetcher } from './busca-avancada.fetcher';
import { stockPageFetcher } from './stock-page.fetcher';

export default defineSource({
  info: {
    id: 'status-invest',
    name: 'Status Invest',
    url: 'https://statusinvest.com.br',
    baseUrl: 'https://statusinvest.com.br',
    category: 'fundamentals',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 12,
    concurrency: 1,
    canary: { model: 'fundamentals', query: { ticker: 'PETR4' } },
    aliases: ['STATUSINVEST', 'STATUS_INVEST'],
  },
  fetchers: { fundamentals: stockPageFetcher, screener: buscaAvancadaFetcher },
});

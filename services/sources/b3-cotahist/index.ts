import { defineSource } from '../define';
import { cotahistFetcher } from './cotahist.fetcher';

export default defineSource({
  info: {
    id: 'b3-cotahist',
    name: 'B3 COTAHIST (historical quotes files)',
    url: 'https://www.b3.com.br/pt_br/market-data-e-indices/servicos-de-dados/market-data/historico/mercado-a-vista/series-historicas/',
    baseUrl: 'https://bvmf.bmfbovespa.com.br',
    category: 'official',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 6,
    concurrency: 1,
    canary: { model: 'daily-bars', query: { year: 2024, month: 1 } },
    aliases: ['COTAHIST', 'B3_COTAHIST'],
  },
  fetchers: { 'daily-bars': cotahistFetcher },
});

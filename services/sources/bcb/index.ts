import { defineSource } from '../define';
import { sgsFetcher } from './sgs.fetcher';

export { SGS_SERIES } from './series';

export default defineSource({
  info: {
    id: 'bcb',
    name: 'Banco Central do Brasil (SGS)',
    url: 'https://www.bcb.gov.br',
    baseUrl: 'https://api.bcb.gov.br',
    category: 'official',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 30,
    concurrency: 2,
    canary: { model: 'macro-series', query: { series: '432' } },
    aliases: ['BCB', 'BANCO_CENTRAL'],
  },
  fetchers: { 'macro-series': sgsFetcher },
});

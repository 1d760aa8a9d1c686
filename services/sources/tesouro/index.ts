import { defineSource } from '../define';
import { pricesFetcher } from './prices.fetcher';

export default defineSource({
  info: {
    id: 'tesouro',
    name: 'Tesouro Direto',
    url: 'https://www.tesourodireto.com.br',
    baseUrl: 'https://www.tesourotransparente.gov.br',
    category: 'official',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 6,
    concurrency: 1,
    canary: { model: 'treasury-bonds', query: {} },
    aliases: ['TESOURO', 'TESOURO_DIRETO'],
  },
  fetchers: { 'treasury-bonds': pricesFetcher },
});

import { defineSource } from '../define';
import { profileFetcher } from './profile.fetcher';

export default defineSource({
  info: {
    id: 'b3',
    name: 'B3 (empresas listadas)',
    url: 'https://www.b3.com.br',
    baseUrl: 'https://sistemaswebb3-listados.b3.com.br',
    category: 'official',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'company-profile', query: { ticker: 'PETR4' } },
    aliases: ['B3'],
  },
  fetchers: { 'company-profile': profileFetcher },
});

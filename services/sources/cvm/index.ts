import { defineSource } from '../define';
import { companiesFetcher } from './companies.fetcher';
import { statementsFetcher } from './statements.fetcher';

export default defineSource({
  info: {
    id: 'cvm',
    name: 'CVM (dados abertos)',
    url: 'https://dados.cvm.gov.br',
    baseUrl: 'https://dados.cvm.gov.br',
    category: 'official',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 10,
    concurrency: 1,
    canary: { model: 'companies', query: {} },
    aliases: ['CVM'],
  },
  fetchers: { companies: companiesFetcher, statements: statementsFetcher },
});

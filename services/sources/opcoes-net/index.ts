import { defineSource } from '../define';
import { optionChainFetcher } from './option-chain.fetcher';

export default defineSource({
  info: {
    id: 'opcoes-net',
    name: 'Opções.net',
    url: 'https://opcoes.net.br',
    baseUrl: 'https://opcoes.net.br',
    category: 'options',
    requiresLogin: true,
    usesBrowser: true,
    credentials: [],
    ratePerMinute: 6,
    concurrency: 1,
    canary: { model: 'option-chain', query: { ticker: 'PETR4' } },
    aliases: ['OPCOES_NET', 'OPCOES', 'OPCOESNET'],
    // The session cookie's name is our reading of the site (an ASP.NET Core sign-in); the sign-in
    // helper's cookie status confirms it on the first real sign-in.
    login: { url: 'https://opcoes.net.br/login', sessionCookies: ['.AspNetCore.Identity.Application'] },
  },
  fetchers: { 'option-chain': optionChainFetcher },
});

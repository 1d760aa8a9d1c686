import type { Fetcher, Source } from './define';
import type { ModelName } from './models';
import b3 from './b3';
import b3Cotahist from './b3-cotahist';
import bcb from './bcb';
import brapi from './brapi';
import coinmarketcap from './coinmarketcap';
import cvm from './cvm';
import fundamentus from './fundamentus';
import statusInvest from './status-invest';
import tesouro from './tesouro';
import yahoo from './yahoo';
import googleNews from './google-news';
import infomoney from './infomoney';
import valor from './valor';
import exame from './exame';
import bloombergLinea from './bloomberg-linea';
import investingNews from './investing-news';
import eInvestidor from './e-investidor';
import maisRetorno from './mais-retorno';
import investsite from './investsite';
import investidor10 from './investidor10';
import fundamentei from './fundamentei';
import griffin from './griffin';
import opcoesNet from './opcoes-net';
import investing from './investing';
import advfn from './advfn';
import googleFinance from './google-finance';
import tradingview from './tradingview';
import { loginTestSource } from './login-test';
import { CHAT_SITES } from './chat-sites';

/** Every source in this build. Ids are part of the contract. */
export const ALL_SOURCES: readonly Source[] = [
  b3Cotahist,
  b3,
  cvm,
  bcb,
  tesouro,
  brapi,
  yahoo,
  coinmarketcap,
  fundamentus,
  statusInvest,
  googleNews,
  infomoney,
  valor,
  exame,
  bloombergLinea,
  investingNews,
  eInvestidor,
  maisRetorno,
  investsite,
  investidor10,
  fundamentei,
  griffin,
  opcoesNet,
  investing,
  advfn,
  googleFinance,
  tradingview,
  // The AI chat sites (issue 14): sources only for the sign-in flow, never scraped.
  ...CHAT_SITES.map((c) => c.source),
];

export interface SourceRegistry {
  list(): readonly Source[];
  get(id: string): Source | undefined;
  fetcher(id: string, model: ModelName): Fetcher | undefined;
}

/**
 * The sources a registry holds by default: every source in this build, plus the login test site's
 * source when a test names that site in `B3AI_TEST_LOGIN_SITE` (read in every process, workers too).
 */
export function defaultSources(): readonly Source[] {
  const site = process.env['B3AI_TEST_LOGIN_SITE'];
  return site ? [...ALL_SOURCES, loginTestSource(site)] : ALL_SOURCES;
}

/** Build the registry; two sources with one id (or alias) is a programming error caught at start. */
export function createRegistry(sources: readonly Source[] = defaultSources()): SourceRegistry {
  const byId = new Map<string, Source>();
  for (const s of sources) {
    if (byId.has(s.info.id)) throw new Error(`sources: duplicate source id "${s.info.id}"`);
    byId.set(s.info.id, s);
  }
  return {
    list: () => sources,
    get: (id) => byId.get(id),
    fetcher: (id, model): Fetcher | undefined => {
      const s = byId.get(id);
      return s && Object.hasOwn(s.fetchers, model) ? s.fetchers[model] : undefined;
    },
  };
}

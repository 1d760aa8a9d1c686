/**
 * Every data source the app knows by id, with the original platform's names as aliases. A source
 * is `available` once its fetchers are part of this build; schedules and jobs may name any known
 * id (an unknown one is a configuration error), but only available ones run.
 */
export interface CatalogueEntry {
  id: string;
  name: string;
  /** The original platform's scraper names (matched case-insensitively). */
  aliases: string[];
}

export const SOURCE_CATALOGUE: readonly CatalogueEntry[] = [
  { id: 'cotahist', name: 'COTAHIST file import (a local file or a URL)', aliases: ['COTAHIST'] },
  { id: 'b3-cotahist', name: 'B3 COTAHIST (historical quotes files, by date)', aliases: ['B3_COTAHIST'] },
  {
    id: 'selftest',
    name: 'Self-test (no network; exercises the queue and the workers)',
    aliases: ['SELFTEST'],
  },
  { id: 'b3', name: 'B3 market data', aliases: ['B3'] },
  { id: 'fundamentus', name: 'Fundamentus', aliases: ['FUNDAMENTUS'] },
  { id: 'status-invest', name: 'Status Invest', aliases: ['STATUSINVEST', 'STATUS_INVEST'] },
  { id: 'investidor10', name: 'Investidor10', aliases: ['INVESTIDOR10', 'INVESTIDOR_10'] },
  { id: 'investsite', name: 'Investsite', aliases: ['INVESTSITE', 'INVEST_SITE'] },
  { id: 'fundamentei', name: 'Fundamentei', aliases: ['FUNDAMENTEI'] },
  { id: 'griffin', name: 'Griffin (insiders, CVM 44)', aliases: ['GRIFFIN', 'GRIFFIN_INSIDERS'] },
  { id: 'bcb', name: 'Banco Central (SGS)', aliases: ['BCB', 'BANCO_CENTRAL'] },
  { id: 'tesouro', name: 'Tesouro Direto', aliases: ['TESOURO', 'TESOURO_DIRETO'] },
  { id: 'cvm', name: 'CVM filings', aliases: ['CVM'] },
  { id: 'valor', name: 'Valor Econômico', aliases: ['VALOR', 'VALOR_ECONOMICO'] },
  { id: 'infomoney', name: 'InfoMoney', aliases: ['INFOMONEY'] },
  { id: 'investing', name: 'Investing.com', aliases: ['INVESTING', 'INVESTINGCOM', 'INVESTING_COM'] },
  { id: 'advfn', name: 'ADVFN Brasil', aliases: ['ADVFN', 'ADVFN_BR'] },
  { id: 'google-finance', name: 'Google Finance', aliases: ['GOOGLE_FINANCE', 'GOOGLEFINANCE'] },
  { id: 'google-news', name: 'Google News (busca, pt-BR)', aliases: ['GOOGLENEWS', 'GOOGLE_NEWS'] },
  { id: 'bloomberg-linea', name: 'Bloomberg Línea Brasil', aliases: ['BLOOMBERGLINEA', 'BLOOMBERG_LINEA'] },
  { id: 'investing-news', name: 'Investing.com Brasil (notícias)', aliases: ['INVESTING_NEWS'] },
  { id: 'exame', name: 'Exame', aliases: ['EXAME'] },
  { id: 'e-investidor', name: 'E-Investidor (Estadão)', aliases: ['E_INVESTIDOR', 'EINVESTIDOR'] },
  { id: 'mais-retorno', name: 'Mais Retorno', aliases: ['MAIS_RETORNO', 'MAISRETORNO'] },
  { id: 'tradingview', name: 'TradingView', aliases: ['TRADINGVIEW', 'TRADING_VIEW'] },
  { id: 'coinmarketcap', name: 'CoinMarketCap', aliases: ['COINMARKETCAP', 'CMC'] },
  { id: 'opcoes-net', name: 'Opções.net', aliases: ['OPCOESNET', 'OPCOES_NET', 'OPCOES'] },
  { id: 'yahoo', name: 'Yahoo Finance', aliases: ['YAHOO', 'YAHOO_FINANCE'] },
  { id: 'brapi', name: 'brapi.dev', aliases: ['BRAPI'] },
  {
    id: 'ai-analysis',
    name: 'AI analysis',
    aliases: ['AI_ANALYSIS'],
  },
  // The AI chat sites (browser-chat models): a job under one of these names writes a report there.
  { id: 'chatgpt', name: 'ChatGPT (your signed-in session)', aliases: ['CHATGPT'] },
  { id: 'gemini', name: 'Gemini (your signed-in session)', aliases: ['GEMINI'] },
  { id: 'deepseek', name: 'DeepSeek (your signed-in session)', aliases: ['DEEPSEEK'] },
  { id: 'claude', name: 'Claude (your signed-in session)', aliases: ['CLAUDE'] },
  { id: 'grok', name: 'Grok (your signed-in session)', aliases: ['GROK'] },
  { id: 'market-scan', name: 'Complete market scan', aliases: ['MARKET_SCAN'] },
];

const byKey = new Map<string, CatalogueEntry>();
for (const e of SOURCE_CATALOGUE) {
  byKey.set(e.id.toLowerCase(), e);
  for (const a of e.aliases) byKey.set(a.toLowerCase(), e);
}

/**
 * The login test site's source (services/sources/login-test), known only while a test names the
 * site in `B3AI_TEST_LOGIN_SITE` (read at each call: tests set it after this module loads).
 */
const TEST_LOGIN_ID = 'login-test';
const testLoginKnown = (key: string): boolean =>
  key === TEST_LOGIN_ID && Boolean(process.env['B3AI_TEST_LOGIN_SITE']);

/** Our id for a source id or an original platform name, or undefined when nobody knows it. */
export function resolveSourceId(nameOrAlias: string): string | undefined {
  const key = nameOrAlias.trim().toLowerCase();
  return byKey.get(key)?.id ?? (testLoginKnown(key) ? TEST_LOGIN_ID : undefined);
}

/** Whether config.json may name this source id (the catalogue's, and the test source in tests). */
export function isKnownSourceId(id: string): boolean {
  return KNOWN_SOURCE_IDS.has(id) || testLoginKnown(id);
}

export const KNOWN_SOURCE_IDS: ReadonlySet<string> = new Set(SOURCE_CATALOGUE.map((e) => e.id));

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeZip } from '../../services/sources/test-support';
import { fixture, REPO_ROOT } from '../helpers/fixtures';

/**
 * The replay harness: one local HTTP server that answers at the sites' own paths with the real
 * captures in ../shared/fixtures (and, where no capture exists, the sources' own minimal fixtures,
 * which their tests say are ours), with the sites' content types and encodings. Sources reach it
 * through their configurable base URLs, so a job runs end to end — fetch → vault → parse → database
 * — with no network.
 */
export interface ReplayServer {
  url: string;
  /** Every request received, as `METHOD path?query`. */
  requests: string[];
  /** Answer a path with a status for the next `times` requests (then fall back to the table). */
  failNext(pathPrefix: string, status: number, times: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

interface Answer {
  status?: number;
  type: string;
  body: () => Buffer | Promise<Buffer>;
}

const LATIN1_HTML = 'text/html; charset=iso-8859-1';
const own = (source: string, file: string): string =>
  join(REPO_ROOT, 'services', 'sources', source, 'fixtures', file);
const read = (path: string) => (): Buffer => readFileSync(path);

/** Path (no query) or path+query → answer. Query-specific keys are tried first. */
function table(): Map<string, Answer> {
  const t = new Map<string, Answer>();
  // Fundamentus (ISO-8859-1 pages). Unknown tickers get Fundamentus's real "Nenhum papel encontrado" page.
  t.set('/detalhes.php?papel=WEGE3', {
    type: LATIN1_HTML,
    body: read(fixture('fundamentus', 'wege3_details.html')),
  });
  t.set('/detalhes.php', {
    type: LATIN1_HTML,
    body: read(fixture('fundamentus', 'ticker_invalido_details.html')),
  });
  t.set('/proventos.php?papel=WEGE3&tipo=2', {
    type: LATIN1_HTML,
    body: read(fixture('fundamentus', 'wege3_dividends.html')),
  });
  t.set('/proventos.php?papel=ITUB4&tipo=2', {
    type: LATIN1_HTML,
    body: read(fixture('fundamentus', 'itub4_dividends.html')),
  });
  // Status Invest (UTF-8), captured 2022-10.
  t.set('/acoes/taee11', {
    type: 'text/html; charset=utf-8',
    body: read(fixture('statusinvest', 'statusinvest_acoes_taee11_2022-10.html')),
  });
  t.set('/category/advancedsearchresultexport', {
    type: 'text/csv',
    body: read(fixture('statusinvest', 'statusinvest-busca-avancada.csv')),
  });
  // CVM open data (ISO-8859-1 CSV; the DFP year comes zipped as on dados.cvm.gov.br).
  t.set('/dados/CIA_ABERTA/CAD/DADOS/cad_cia_aberta.csv', {
    type: 'text/csv',
    body: read(fixture('cvm', 'cad_cia_aberta.csv')),
  });
  t.set('/dados/CIA_ABERTA/DOC/DFP/DADOS/dfp_cia_aberta_2022.zip', {
    type: 'application/zip',
    body: () =>
      makeZip([
        ['dfp_cia_aberta_DRE_con_2022.csv', readFileSync(fixture('cvm', 'dfp_cia_aberta_DRE_con_2022.csv'))],
      ]),
  });
  // Banco Central SGS.
  t.set('/dados/serie/bcdata.sgs.11/dados', {
    type: 'application/json',
    body: read(fixture('bcb', 'sgs11_selic_diaria_1986-2018.json')),
  });
  t.set('/dados/serie/bcdata.sgs.433/dados', {
    type: 'application/json',
    body: read(fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json')),
  });
  // Tesouro Transparente CSV (a real, truncated prefix of the official file).
  t.set(
    '/ckan/dataset/df56aa42-484a-4a59-8184-7676580c81e3/resource/796d2059-14e9-44e3-80c9-2d9e30b405c1/download/PrecoTaxaTesouroDireto.csv',
    {
      type: 'text/csv',
      body: read(fixture('tesouro', 'PrecoTaxaTesouroDireto_prefix_2025-05-04.csv')),
    },
  );
  // brapi and Yahoo JSON.
  t.set('/api/quote/PETR4', {
    type: 'application/json',
    body: read(fixture('brapi', 'brapi_quote_PETR4.json')),
  });
  t.set('/v8/finance/chart/BZ=F', {
    type: 'application/json',
    body: read(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json')),
  });
  // B3 COTAHIST: the real daily file, zipped as B3 serves it.
  t.set('/InstDados/SerHist/COTAHIST_D25062021.ZIP', {
    type: 'application/zip',
    body: () =>
      makeZip([['COTAHIST_D25062021.TXT', readFileSync(fixture('cotahist', 'COTAHIST_D25062021.TXT'))]]),
  });
  // Google News search RSS: the one real news capture (an en-GB edition answer; the parser is the same).
  t.set('/rss/search', {
    type: 'application/xml; charset=utf-8',
    body: read(fixture('rss', 'google_news_en-GB_brent_trimmed6.xml')),
  });
  // Investidor10 (UTF-8): the real KNRI11 FII page at the site's own path.
  t.set('/fiis/knri11/', {
    type: 'text/html; charset=utf-8',
    body: read(fixture('investidor10', 'knri11_fii_page.html')),
  });
  // No real capture exists for these: the sources' own minimal fixtures (their tests say so).
  const b3Param = Buffer.from(JSON.stringify({ issuingCompany: 'PETR', language: 'pt-br' })).toString(
    'base64',
  );
  for (const [path, source, file, type] of [
    ['/v2/cryptocurrency/quotes/latest', 'coinmarketcap', 'quotes-latest-BTC-BRL.json', 'application/json'],
    [
      `/listedCompaniesProxy/CompanyCall/GetListedSupplementCompany/${b3Param}`,
      'b3',
      'GetListedSupplementCompany_PETR.json',
      'application/json',
    ],
    ['/mercados/feed/', 'infomoney', 'mercados-feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/rss/valor/', 'valor', 'rss-valor.xml', 'application/rss+xml; charset=utf-8'],
    ['/arc/outboundfeeds/rss/', 'bloomberg-linea', 'outboundfeed-rss.xml', 'application/xml; charset=utf-8'],
    ['/rss/news.rss', 'investing-news', 'news-rss.xml', 'application/rss+xml; charset=utf-8'],
    ['/mercado/', 'e-investidor', 'mercado.html', 'text/html; charset=utf-8'],
    ['/portal', 'mais-retorno', 'portal.html', 'text/html; charset=utf-8'],
    ['/acoes/petr4/', 'investidor10', 'acoes-petr4.html', 'text/html; charset=utf-8'],
    [
      '/principais_indicadores.php?cod_negociacao=PETR4',
      'investsite',
      'principais_indicadores_PETR4.html',
      'text/html; charset=utf-8',
    ],
    [
      '/finance/quote/PETR4:BVMF?hl=en',
      'google-finance',
      'quote_PETR4_BVMF.html',
      'text/html; charset=utf-8',
    ],
    // TradingView's scanner is a POST; the replay answers by path whatever the method.
    ['/brazil/scan', 'tradingview', 'scan-PETR4.json', 'application/json'],
  ] as const) {
    if (!existsSync(own(source, file))) throw new Error(`replay: missing own fixture ${own(source, file)}`);
    t.set(path, { type, body: read(own(source, file)) });
  }
  return t;
}

export async function startReplayServer(): Promise<ReplayServer> {
  const routes = table();
  const requests: string[] = [];
  const failures: { prefix: string; status: number; left: number; headers: Record<string, string> }[] = [];
  const cache = new Map<string, Buffer>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    requests.push(`${req.method ?? 'GET'} ${target}`);
    const u = new URL(target, 'http://replay');
    const fail = failures.find((f) => f.left > 0 && u.pathname.startsWith(f.prefix));
    if (fail) {
      fail.left--;
      res
        .writeHead(fail.status, { 'content-type': 'text/plain', ...fail.headers })
        .end(`replay: HTTP ${fail.status}`);
      return;
    }
    const path = decodeURIComponent(u.pathname);
    const key = routes.has(`${path}${u.search}`) ? `${path}${u.search}` : path;
    const answer = routes.get(key);
    if (!answer) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`replay: nothing recorded for ${target}`);
      return;
    }
    let body = cache.get(key);
    if (!body) {
      body = await answer.body();
      cache.set(key, body);
    }
    res
      .writeHead(answer.status ?? 200, { 'content-type': answer.type, 'content-length': body.length })
      .end(body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (prefix, status, times, headers = {}) =>
      failures.push({ prefix, status, left: times, headers }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `<data-dir>/config.json` contents that point every source at the replay server. */
export function replayConfig(
  url: string,
  sourceIds: readonly string[],
): { sources: Record<string, { baseUrl: string }> } {
  return { sources: Object.fromEntries(sourceIds.map((id) => [id, { baseUrl: url }])) };
}

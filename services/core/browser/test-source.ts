import { defineFetcher, defineSource, type Source } from '../../sources/define';
import { layoutChanged } from '../../sources/errors';
import { readIntercepted, readJson, type RawPayload } from '../../sources/raw';
import { createRegistry, type SourceRegistry } from '../../sources/registry';

/*
 * Test-only browser sources over the local test site (test-site.ts), for the fetch-task and worker
 * tests: `test-browser` reads the JS-rendered quote page's DOM; `test-browser-json` keeps the JSON
 * the same page loads (intercept). A query ticker starting with `RENAMED` asks for the page whose
 * table has another id, so the parser fails with LAYOUT_CHANGED.
 */

const info = (id: string): Source['info'] => ({
  id,
  name: id,
  url: 'http://127.0.0.1/',
  baseUrl: 'http://127.0.0.1/',
  category: 'prices',
  requiresLogin: false,
  usesBrowser: true,
  credentials: [],
  ratePerMinute: 600,
  concurrency: 2,
  canary: { model: 'quote', query: { ticker: 'PETR4' } },
  aliases: [],
});

function quoteItem(ticker: string, price: number, volume: number) {
  return {
    ticker,
    price,
    change: null,
    change_pct: null,
    previous_close: null,
    open: null,
    high: null,
    low: null,
    volume,
    market_cap: null,
    currency: 'BRL',
    quoted_at: '2026-12-07T13:00:00Z',
    name: null,
  };
}

const path = (ticker: string): string =>
  ticker.startsWith('RENAMED') ? `/renamed/${ticker}` : `/quote/${ticker}`;

export const testBrowserSource = defineSource({
  info: info('test-browser'),
  fetchers: {
    quote: defineFetcher({
      model: 'quote',
      parserVersion: 1,
      primary: 'ticker',
      required: ['ticker'],
      request: (q, ctx) => ({
        url: `${ctx.baseUrl}${path(q.ticker ?? '')}`,
        browser: { waitFor: 'table' },
      }),
      transform: (raw: RawPayload, q) => {
        const html = raw.text();
        const m =
          /<table id="quote">.*?<td class="price">([\d.]+)<\/td>.*?<td class="volume">(\d+)<\/td>/s.exec(
            html,
          );
        if (!m) throw layoutChanged('no quote table (table#quote with td.price and td.volume)');
        return [quoteItem(q.ticker ?? '', Number(m[1]), Number(m[2]))];
      },
    }),
  },
});

export const testBrowserJsonSource = defineSource({
  info: info('test-browser-json'),
  fetchers: {
    quote: defineFetcher({
      model: 'quote',
      parserVersion: 1,
      primary: 'ticker',
      required: ['ticker'],
      request: (q, ctx) => ({
        url: `${ctx.baseUrl}${path(q.ticker ?? '')}`,
        browser: { intercept: ['/api/quote/'] },
      }),
      transform: (raw: RawPayload, q) => {
        const answer = readIntercepted(raw, `/api/quote/${q.ticker ?? ''}.json`, 'quote');
        const body = readJson({ ...raw, text: () => answer.body }, 'quote answer') as Record<string, unknown>;
        if (typeof body['price'] !== 'number' || typeof body['volume'] !== 'number')
          throw layoutChanged('the quote answer has no numeric price and volume');
        return [quoteItem(q.ticker ?? '', body['price'], body['volume'])];
      },
    }),
  },
});

export function testBrowserRegistry(): SourceRegistry {
  return createRegistry([testBrowserSource, testBrowserJsonSource]);
}

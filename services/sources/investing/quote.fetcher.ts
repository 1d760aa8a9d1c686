import { z } from 'zod';
import { defineFetcher } from '../define';
import { layoutChanged } from '../errors';
import type { QuoteItem } from '../models';
import { assertSignedIn } from '../shared/browser-payload';
import { decodeEntities } from '../shared/html';
import { slugOf } from './slug';

/**
 * The equity page (`/equities/<slug>`) is a Next.js page: the rendered DOM holds its state in
 * `<script id="__NEXT_DATA__">`, where `equityStore.instrument` has the symbol, the currency and
 * the price block. No capture exists: the path and names below are the shape we expect.
 */
const Num = z.number().finite();
const Instrument = z.object({
  base: z.object({ symbol: z.string(), name: z.string().nullable() }),
  underlying: z.object({ currency: z.string().length(3) }),
  price: z.object({
    last: Num,
    change: Num.nullable(),
    changePcr: Num.nullable(),
    lastClose: Num.nullable(),
    open: Num.nullable(),
    high: Num.nullable(),
    low: Num.nullable(),
    volume: Num.nullable(),
    lastUpdateTime: z.iso.datetime({ offset: true }),
  }),
});
const NextData = z.object({
  props: z.object({
    pageProps: z.object({ state: z.object({ equityStore: z.object({ instrument: Instrument }) }) }),
  }),
});

export function nextData(html: string): unknown {
  const m = /<script id="__NEXT_DATA__" type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw layoutChanged('investing page: no __NEXT_DATA__ script');
  try {
    return JSON.parse(decodeEntities(m[1] ?? '')) as unknown;
  } catch {
    throw layoutChanged('investing page: __NEXT_DATA__ is not JSON');
  }
}

export const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    return { url: `${ctx.baseUrl}/equities/${slugOf(q)}`, browser: { waitFor: 'script#__NEXT_DATA__' } };
  },
  transform(raw, q): QuoteItem[] {
    const ticker = q.ticker ?? '';
    const html = raw.text();
    assertSignedIn(html, 'investing page');
    const parsed = NextData.safeParse(nextData(html));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw layoutChanged(`investing page: ${i?.path.join('.') || 'state'}: ${i?.message}`);
    }
    const { base, underlying, price } = parsed.data.props.pageProps.state.equityStore.instrument;
    if (base.symbol.toUpperCase() !== ticker)
      throw layoutChanged(`investing page: the page is for ${base.symbol}, ${ticker} was asked`);
    return [
      {
        ticker,
        price: price.last,
        change: price.change,
        change_pct: price.changePcr,
        previous_close: price.lastClose,
        open: price.open,
        high: price.high,
        low: price.low,
        volume: price.volume,
        market_cap: null,
        currency: underlying.currency,
        quoted_at: new Date(price.lastUpdateTime).toISOString(),
        name: base.name,
      },
    ];
  },
});

import { z } from 'zod';
import { defineFetcher } from '../define';
import { SourceError, layoutChanged } from '../errors';
import type { QuoteItem } from '../models';
import { CMC_ERROR_STATUSES, cmcData, shape } from './cmc-answer';

const CONVERT = 'BRL';
const Num = z.number().finite();

/** One coin of `/v2/cryptocurrency/quotes/latest`: v2 answers, per symbol, an array of coins. */
const Coin = z.object({
  name: z.string(),
  symbol: z.string(),
  cmc_rank: z.number().int().nullish(),
  quote: z.object({
    [CONVERT]: z.object({
      price: Num.nullable(),
      volume_24h: Num.nullable(),
      percent_change_24h: Num.nullable(),
      market_cap: Num.nullable(),
      /** ISO 8601 only: `new Date()` would also read "1,2,3Z" (as 2003-01-02). */
      last_updated: z.iso.datetime({ offset: true }),
    }),
  }),
});
type Coin = z.infer<typeof Coin>;

/** Several coins can share a symbol: the best ranked one is the one meant. */
function mainCoin(coins: Coin[]): Coin | undefined {
  return [...coins].sort((a, b) => (a.cmc_rank ?? Infinity) - (b.cmc_rank ?? Infinity))[0];
}

/** Latest BRL quote of a crypto asset by symbol (BTC). Needs the `apiKey` credential. */
export const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    const key = ctx.credentials['apiKey'];
    if (!key) {
      throw new SourceError(
        'UNAUTHORIZED',
        'set the coinmarketcap apiKey (a free key from pro.coinmarketcap.com)',
      );
    }
    const symbol = encodeURIComponent(q.ticker ?? '');
    return {
      url: `${ctx.baseUrl}/v2/cryptocurrency/quotes/latest?symbol=${symbol}&convert=${CONVERT}`,
      headers: { 'X-CMC_PRO_API_KEY': key, Accept: 'application/json' },
      encoding: 'utf-8',
      acceptStatus: CMC_ERROR_STATUSES,
    };
  },
  transform(raw, q): QuoteItem[] {
    const ticker = q.ticker ?? '';
    const data = cmcData(raw, ticker);
    const entry = data[ticker] ?? data[ticker.toUpperCase()];
    if (entry === undefined) throw layoutChanged(`coinmarketcap: data has no entry for ${ticker}`);
    const coins = shape(z.array(Coin), entry, `coinmarketcap data.${ticker}`);
    const coin = mainCoin(coins);
    if (!coin) throw new SourceError('NOT_FOUND', `coinmarketcap: no coin with symbol ${ticker}`);
    // A coin's name is a word ("Bitcoin"), never a date or a bare number: such a name is another field's.
    if (/^\d{4}-\d{2}-\d{2}/.test(coin.name.trim()) || /^[+-]?[\d.,\s]*\d[\d.,\s]*$/.test(coin.name)) {
      throw layoutChanged(`coinmarketcap ${ticker}: the coin's name reads as a date or a number`);
    }
    if (coin.symbol.toUpperCase() !== ticker.toUpperCase()) {
      throw layoutChanged(`coinmarketcap: asked for ${ticker}, the answer is for another symbol`);
    }
    const brl = coin.quote[CONVERT];
    if (!brl) throw layoutChanged(`coinmarketcap ${ticker}: no ${CONVERT} quote`);
    if (brl.price === null)
      throw new SourceError('NOT_FOUND', `coinmarketcap: ${ticker} has no ${CONVERT} price`);
    const time = new Date(brl.last_updated);
    if (Number.isNaN(time.getTime())) {
      throw layoutChanged(`coinmarketcap ${ticker}: last_updated is not a date-time`);
    }
    return [
      {
        ticker,
        price: brl.price,
        change: null,
        // percentage points already (1.23 = 1.23%), over 24 hours, not since a close.
        change_pct: brl.percent_change_24h,
        previous_close: null,
        open: null,
        high: null,
        low: null,
        // volume_24h is traded value in BRL, not a quantity of coins: not the model's volume.
        volume: null,
        market_cap: brl.market_cap,
        currency: CONVERT,
        quoted_at: time.toISOString(),
        name: coin.name,
      },
    ];
  },
});

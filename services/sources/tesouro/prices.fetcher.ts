import { defineFetcher } from '../define';
import { parsePrices } from './prices-parse';

const DATASET = 'df56aa42-484a-4a59-8184-7676580c81e3';
const RESOURCE = '796d2059-14e9-44e3-80c9-2d9e30b405c1';

/** Daily buy/sell rates and prices of every Tesouro Direto bond since 2002 (one CSV). */
export const pricesFetcher = defineFetcher({
  model: 'treasury-bonds',
  parserVersion: 2,
  primary: 'date',
  required: [],
  request(_q, ctx) {
    return {
      url: `${ctx.baseUrl}/ckan/dataset/${DATASET}/resource/${RESOURCE}/download/PrecoTaxaTesouroDireto.csv`,
      encoding: 'auto',
    };
  },
  transform(raw, q) {
    return parsePrices(raw.text(), q);
  },
});

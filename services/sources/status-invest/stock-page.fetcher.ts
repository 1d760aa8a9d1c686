import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { FundamentalsItem } from '../models';
import { parseBrDate, parseBrNumber, parseBrPercent } from '../shared/br-format';
import { isNotFoundPage, pageRegions, pageTicker, scanRegion, type LabelledValue } from './stock-page-parse';
import { REQUIRED_STOCK_LABELS, STOCK_PAGE_LABELS, type ValueForm } from './stock-page-labels';

type Value = number | string | null;

function standardValue(pair: LabelledValue, form: ValueForm): Value {
  if (form === 'text') {
    if (pair.value === '' || pair.value === '-') return null;
    // A sector or segment is never a number, a percentage or a date: such a value is another label's.
    const t = pair.value.trimEnd();
    const n = t.endsWith('%') ? parseBrPercent(t) : (parseBrNumber(t) ?? parseBrDate(t));
    if (n !== undefined) {
      throw layoutChanged(
        `status-invest page: "${pair.label}" (${pair.region}) is a number or a date, not a text`,
      );
    }
    return pair.value;
  }
  const v = form === 'pct' ? parseBrPercent(pair.value) : parseBrNumber(pair.value);
  if (v === undefined) {
    throw layoutChanged(
      `status-invest page: "${pair.label}" (${pair.region}) is not ${form === 'pct' ? 'a percentage' : 'a number'}`,
    );
  }
  return v;
}

/** A label without a standard key keeps its value as a number where it reads as one, else as text. */
function extraValue(text: string): Value {
  const v = text.trimEnd().endsWith('%') ? parseBrPercent(text) : parseBrNumber(text);
  return v === undefined ? text : v;
}

/** statusinvest.com.br/acoes/<ticker> → one fundamentals item. */
export function parseStockPage(html: string, status: number, ticker: string): FundamentalsItem {
  const tickerOnPage = pageTicker(html);
  if (tickerOnPage === null) {
    if (isNotFoundPage(html, status))
      throw new SourceError('NOT_FOUND', `Status Invest has no stock page for ${ticker}`);
    throw layoutChanged('status-invest page: no indicators section with data-ticker (not a stock page)');
  }
  if (tickerOnPage !== ticker) {
    throw layoutChanged(`status-invest page: the page is for ${tickerOnPage}, ${ticker} was asked`);
  }
  const values: Record<string, Value> = {};
  const extra: Record<string, Value> = {};
  const ambiguousExtra = new Set<string>();
  const seen = new Set<string>();
  for (const region of pageRegions(html)) {
    for (const pair of scanRegion(region.name, region.html)) {
      seen.add(pair.label);
      // Own keys only: a label such as "toString" must not find Object.prototype's.
      const rule = Object.hasOwn(STOCK_PAGE_LABELS, pair.label) ? STOCK_PAGE_LABELS[pair.label] : undefined;
      if (rule) {
        const v = standardValue(pair, rule.form);
        if (Object.hasOwn(values, rule.key) && values[rule.key] !== v) {
          throw layoutChanged(`status-invest page: "${pair.label}" shows two different values`);
        }
        values[rule.key] = v;
        continue;
      }
      const v = extraValue(pair.value);
      if (Object.hasOwn(extra, pair.label) && extra[pair.label] !== v) ambiguousExtra.add(pair.label);
      extra[pair.label] = v;
    }
  }
  // The same label with two different values: no way to tell which is meant, so neither is kept.
  for (const label of ambiguousExtra) delete extra[label];
  const missing = REQUIRED_STOCK_LABELS.filter((l) => !seen.has(l));
  if (missing.length > 0) throw layoutChanged(`status-invest page: labels not found: ${missing.join(', ')}`);
  return { ticker, layout: 'stock', as_of: null, values, extra };
}

export const stockPageFetcher = defineFetcher({
  model: 'fundamentals',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    const ticker = q.ticker ?? '';
    return {
      url: `${ctx.baseUrl}/acoes/${encodeURIComponent(ticker.toLowerCase())}`,
      encoding: 'utf-8',
      acceptStatus: [404],
    };
  },
  transform(raw, q) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'status-invest fundamentals: a ticker is required');
    return [parseStockPage(raw.text(), raw.status, q.ticker)];
  },
});

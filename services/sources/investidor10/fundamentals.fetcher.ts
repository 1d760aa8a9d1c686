import type { RequestSpec } from '../define';
import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { FundamentalsItem } from '../models';
import type { SourceQuery } from '../query';
import { mapLabels } from '../shared/label-values';
import { FII_LABELS, FII_REQUIRED, STOCK_LABELS, STOCK_REQUIRED } from './labels';
import { cardPairs, indicatorPairs, isNotFound, pageTicker } from './page-parse';

export type PageKind = 'fii' | 'stock';

/**
 * Which page to read: `series=fii` or `series=stock`; without it, a ticker ending in 11 is taken for
 * a FII (units and ETFs end in 11 too: give `series=stock` for those).
 */
export function pageKind(q: SourceQuery): PageKind {
  const s = q.series?.toLowerCase();
  if (s === 'fii' || s === 'fiis') return 'fii';
  if (s === 'stock' || s === 'acao' || s === 'acoes') return 'stock';
  if (s !== undefined)
    throw new SourceError('INVALID_INPUT', 'investidor10: series is fii or stock', {
      fields: ['query.series'],
    });
  return /11$/.test(q.ticker ?? '') ? 'fii' : 'stock';
}

export function investidor10Request(q: SourceQuery, baseUrl: string): RequestSpec {
  if (!q.ticker) throw new SourceError('INVALID_INPUT', 'investidor10: a ticker is required');
  const folder = pageKind(q) === 'fii' ? 'fiis' : 'acoes';
  return {
    url: `${baseUrl}/${folder}/${encodeURIComponent(q.ticker.toLowerCase())}/`,
    encoding: 'utf-8',
    acceptStatus: [404],
  };
}

/** The page, checked to be the asked ticker's (NOT_FOUND for the site's "not found" answer). */
export function checkedPage(html: string, status: number, ticker: string): void {
  const onPage = pageTicker(html);
  if (onPage === null) {
    if (isNotFound(html, status))
      throw new SourceError('NOT_FOUND', `Investidor10 has no page for ${ticker}`);
    throw layoutChanged('investidor10 page: no name-ticker heading (not an asset page)');
  }
  if (onPage !== ticker)
    throw layoutChanged(`investidor10 page: the page is for ${onPage}, ${ticker} was asked`);
}

export function parsePage(html: string, status: number, ticker: string, kind: PageKind): FundamentalsItem {
  checkedPage(html, status, ticker);
  const { values, extra } = mapLabels(
    'investidor10 page',
    [...cardPairs(html, ticker), ...indicatorPairs(html)],
    kind === 'fii' ? FII_LABELS : STOCK_LABELS,
    kind === 'fii' ? FII_REQUIRED : STOCK_REQUIRED,
  );
  return { ticker, layout: kind, as_of: null, values, extra };
}

/** Indicators of a stock or a FII: investidor10.com.br/acoes/<ticker>/ or /fiis/<ticker>/. */
export const fundamentalsFetcher = defineFetcher({
  model: 'fundamentals',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request: (q, ctx) => investidor10Request(q, ctx.baseUrl),
  transform(raw, q) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'investidor10: a ticker is required');
    return [parsePage(raw.text(), raw.status, q.ticker, pageKind(q))];
  },
});

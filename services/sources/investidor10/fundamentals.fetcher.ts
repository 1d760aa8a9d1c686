import type { RequestSpec } from '../define';
import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { FundamentalsItem } from '../models';
import type { SourceQuery } from '../query';
import { parseBrDate, parseBrNumber, parseBrPercent } from '../shared/br-format';
import { parseBrScaled } from '../shared/br-scaled';
import { FII_LABELS, FII_REQUIRED, STOCK_LABELS, STOCK_REQUIRED, type Form } from './labels';
import { cardPairs, indicatorPairs, isNotFound, pageTicker, type Pair } from './page-parse';

type Value = number | string | null;
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

function standard(p: Pair, form: Form): Value {
  if (form === 'text') {
    if (p.value === '' || p.value === '-') return null;
    const t = p.value.trim();
    const looksNumeric =
      (t.endsWith('%') ? parseBrPercent(t) : (parseBrScaled(t) ?? parseBrDate(t))) !== undefined;
    if (looksNumeric)
      throw layoutChanged(`investidor10 page: "${p.label}" is a number or a date, not a text`);
    return t;
  }
  const v =
    form === 'pct'
      ? parseBrPercent(p.value)
      : form === 'money'
        ? parseBrScaled(p.value)
        : parseBrNumber(p.value);
  if (v === undefined)
    throw layoutChanged(
      `investidor10 page: "${p.label}" (${p.block}) is not ${form === 'pct' ? 'a percentage' : 'a number'}`,
    );
  return v;
}

/** Unmapped labels keep their value under their own label: a number where it reads as one, else text. */
function extraValue(text: string): Value {
  const t = text.trim();
  const v = t.endsWith('%') ? parseBrPercent(t) : parseBrScaled(t);
  return v === undefined ? t : v;
}

export function parsePage(html: string, status: number, ticker: string, kind: PageKind): FundamentalsItem {
  checkedPage(html, status, ticker);
  const rules = kind === 'fii' ? FII_LABELS : STOCK_LABELS;
  const values: Record<string, Value> = {};
  const extra: Record<string, Value> = {};
  const ambiguous = new Set<string>();
  const seen = new Set<string>();
  for (const p of [...cardPairs(html, ticker), ...indicatorPairs(html)]) {
    seen.add(p.label);
    const rule = Object.hasOwn(rules, p.label) ? rules[p.label] : undefined;
    if (rule) {
      const v = standard(p, rule.form);
      if (Object.hasOwn(values, rule.key) && values[rule.key] !== v)
        throw layoutChanged(`investidor10 page: "${p.label}" shows two different values`);
      values[rule.key] = v;
      continue;
    }
    const v = extraValue(p.value);
    if (Object.hasOwn(extra, p.label) && extra[p.label] !== v) ambiguous.add(p.label);
    extra[p.label] = v;
  }
  for (const l of ambiguous) delete extra[l];
  const missing = (kind === 'fii' ? FII_REQUIRED : STOCK_REQUIRED).filter((l) => !seen.has(l));
  if (missing.length) throw layoutChanged(`investidor10 page: labels not found: ${missing.join(', ')}`);
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

import { layoutChanged, SourceError } from '../errors';
import { decodeEntities, textOf } from '../shared/html';
import type { LabelledText, NumberReader } from '../shared/label-values';

/**
 * google.com/finance/quote/<TICKER>:BVMF?hl=en, server-rendered: the price element carries
 * `data-last-price`, `data-currency-code` and `data-last-normal-market-timestamp`; the key stats are
 * rows of a label (`mfs7Fc`) and a value (`P6K39c`). English, so numbers are "1,234.56" and
 * abbreviated "496.32B BRL".
 */
const EN_NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const strip = (t: string): string =>
  t
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/^R\$\s*/, '')
    .replace(/\s*BRL$/, '');

function enNumber(text: string): number | null | undefined {
  const t = strip(text);
  if (t === '' || t === '-') return null;
  if (!EN_NUMBER.test(t)) return undefined;
  return Number(t.replace(/,/g, ''));
}

const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** "496.32B" → 496320000000 (K, M, B, T). */
function enScaled(text: string): number | null | undefined {
  const t = strip(text);
  if (t === '' || t === '-') return null;
  const m = /^([\d.,+-]+)([KMBT])?$/.exec(t);
  if (!m) return undefined;
  const n = enNumber(m[1] ?? '');
  if (n === undefined || n === null) return undefined;
  return m[2] ? Math.round(n * (SCALE[m[2]] ?? 1) * 100) / 100 : n;
}

const isEmpty = (t: string): boolean => t.trim() === '' || t.trim() === '-';

/** Money carries its currency ("R$38.05", "496.32B BRL"); a ratio carries none. */
export const EN_NUMBERS: NumberReader = {
  number: (t) => (/R\$|BRL/.test(t) ? undefined : enNumber(t)),
  pct(text) {
    const t = text.trim();
    if (t === '' || t === '-') return null;
    return t.endsWith('%') ? enNumber(t.slice(0, -1)) : undefined;
  },
  price: (t) => (isEmpty(t) ? null : /^\s*R\$/.test(t) ? enNumber(t) : undefined),
  scaled: (t) => (isEmpty(t) ? null : /\d[KMBT](\s*BRL)?\s*$/.test(t.trim()) ? enScaled(t) : undefined),
  money: (t) => (isEmpty(t) ? null : /^\s*R\$|BRL\s*$/.test(t) ? enScaled(t) : undefined),
  loose: enScaled,
};

/** The page must name the ticker in its title ("… (PETR4) Stock Price & News - Google Finance"). */
export function checkTicker(html: string, ticker: string): void {
  const title = textOf(/<title>([\s\S]*?)<\/title>/i.exec(html.slice(0, 50_000))?.[1] ?? '');
  if (title === '') throw layoutChanged('google-finance: no page title');
  if (!/Stock Price|Google Finance/i.test(title)) {
    if (/not found|couldn.t find|404/i.test(title))
      throw new SourceError('NOT_FOUND', `Google Finance has no ${ticker}:BVMF`);
    throw layoutChanged('google-finance: not a quote page');
  }
  const m = /\(([A-Z0-9.]{2,16})\)/.exec(title);
  if (!m) throw layoutChanged('google-finance: the title names no ticker');
  if (m[1] !== ticker) throw layoutChanged(`google-finance: the page is for ${m[1]}, ${ticker} was asked`);
}

export interface LastPrice {
  price: number;
  currency: string;
  quotedAt: string;
}

/** The one element carrying the last price, its currency and its time. */
export function lastPrice(html: string): LastPrice {
  const tags = [...html.matchAll(/<[a-z]+\b[^>]*\bdata-last-price="[^"]*"[^>]*>/g)].map((m) => m[0]);
  if (tags.length === 0) throw layoutChanged('google-finance: no data-last-price');
  const attr = (tag: string, name: string): string | undefined =>
    new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const first = tags[0] ?? '';
  const price = attr(first, 'data-last-price');
  const currency = attr(first, 'data-currency-code');
  const ts = attr(first, 'data-last-normal-market-timestamp');
  if (tags.some((t) => attr(t, 'data-last-price') !== price))
    throw layoutChanged('google-finance: two different data-last-price values');
  const p = Number(price);
  const seconds = Number(ts);
  if (!price || !/^\d+(\.\d+)?$/.test(price) || !Number.isFinite(p))
    throw layoutChanged('google-finance: data-last-price is not a number');
  if (!currency || !/^[A-Z]{3}$/.test(currency)) throw layoutChanged('google-finance: no data-currency-code');
  if (!ts || !/^\d{9,11}$/.test(ts)) throw layoutChanged('google-finance: no market timestamp');
  return { price: p, currency, quotedAt: new Date(seconds * 1000).toISOString() };
}

/** Key-stat rows: a `mfs7Fc` label and the `P6K39c` value of the same row. */
export function statRows(html: string): LabelledText[] {
  const rows = html.split(/<div class="gyFHrc">/).slice(1);
  return rows.map((row) => {
    const label = /<div class="mfs7Fc">([\s\S]*?)<\/div>/.exec(row)?.[1];
    const value = /<div class="P6K39c">([\s\S]*?)<\/div>/.exec(row)?.[1];
    if (label === undefined || value === undefined)
      throw layoutChanged('google-finance: a key-stat row without its label or its value');
    return { label: decodeEntities(textOf(label)), value: textOf(value) };
  });
}

import { layoutChanged } from '../errors';
import { textOf } from '../shared/html';

/** A label as the page shows it (upper-cased, the ticker prefix of the cards removed) and its value text. */
export interface Pair {
  label: string;
  value: string;
  block: 'cards' | 'indicators';
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLocaleUpperCase('pt-BR');

/** The ticker the page is about: `<div class="name-ticker"><h1>KNRI11</h1>`. */
export function pageTicker(html: string): string | null {
  const m = /<div class="name-ticker">\s*<h1>([^<]*)<\/h1>/.exec(html);
  return m ? norm(textOf(m[1] ?? '')) : null;
}

function between(html: string, start: string, ends: string[], what: string): string {
  const from = html.indexOf(start);
  if (from < 0) throw layoutChanged(`investidor10 page: no ${what} (marker ${start})`);
  const to = Math.min(...ends.map((e) => html.indexOf(e, from + start.length)).filter((i) => i >= 0));
  if (!Number.isFinite(to)) throw layoutChanged(`investidor10 page: the ${what} has no end`);
  return html.slice(from + start.length, to);
}

/**
 * The top cards (`#cards-ticker`): each `_card` has one `_card-header` span naming it and a
 * `_card-body` whose first span holds the value. A card missing either is a layout change.
 */
export function cardPairs(html: string, ticker: string): Pair[] {
  const region = between(html, 'id="cards-ticker"', ['</section>'], 'cards block');
  const out: Pair[] = [];
  for (const card of region.split(/<div class="_card(?: [^"]*)?">/).slice(1)) {
    const header = /<div class="_card-header">[\s\S]*?<span\b[^>]*>([\s\S]*?)<\/span>/.exec(card)?.[1];
    const bodyAt = card.indexOf('<div class="_card-body">');
    const value = bodyAt < 0 ? undefined : /<span\b[^>]*>([\s\S]*?)<\/span>/.exec(card.slice(bodyAt))?.[1];
    if (header === undefined || value === undefined)
      throw layoutChanged('investidor10 page: a card without its name or its value');
    let label = norm(textOf(header));
    if (label.startsWith(`${ticker} `)) label = label.slice(ticker.length + 1);
    out.push({ label, value: textOf(value), block: 'cards' });
  }
  return out;
}

/**
 * The indicators grid (the first `#table-indicators`): `<div class='cell'>` blocks, each with one
 * `name` span and one `value` div. Cells are read one by one, so a cell that lost its value never
 * lends its neighbour's.
 */
export function indicatorPairs(html: string): Pair[] {
  const region = between(
    html,
    'id="table-indicators"',
    ['id="table-indicators"', 'id="avg_indicato', 'id="table-indicators-company"'],
    'indicators table',
  );
  const out: Pair[] = [];
  for (const cell of region.split(/<div class=['"]cell['"]>/).slice(1)) {
    const names = [...cell.matchAll(/<span class="[^"]*\bname\b[^"]*">([\s\S]*?)<\/span>/g)];
    const values = [...cell.matchAll(/<div class="value\b[^"]*">([\s\S]*?)<\/div>/g)];
    if (names.length !== 1 || values.length !== 1)
      throw layoutChanged('investidor10 page: an indicator cell without exactly one name and one value');
    out.push({
      label: norm(textOf(names[0]?.[1] ?? '')),
      value: textOf(values[0]?.[1] ?? ''),
      block: 'indicators',
    });
  }
  return out;
}

/** The header of a table (by id) and its body rows as cell texts. */
export function tableById(html: string, id: string): { header: string[]; rows: string[][] } | null {
  const at = html.indexOf(`id="${id}"`);
  if (at < 0) return null;
  const end = html.indexOf('</table>', at);
  if (end < 0) throw layoutChanged(`investidor10 page: table ${id} has no end`);
  const table = html.slice(at, end);
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1];
  const body = /<tbody>([\s\S]*?)(?:<\/tbody>|$)/.exec(table)?.[1];
  if (head === undefined || body === undefined)
    throw layoutChanged(`investidor10 page: table ${id} lost its head or body`);
  const header = [...head.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1] ?? ''));
  const rows = [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...(r[1] ?? '').matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1] ?? '')),
  );
  return { header, rows };
}

/** Investidor10's answer for a ticker it does not list. */
export function isNotFound(html: string, status: number): boolean {
  if (status === 404) return true;
  const title = textOf(/<title>([\s\S]*?)<\/title>/i.exec(html.slice(0, 20_000))?.[1] ?? '');
  return /n[ãa]o encontrad|\b404\b/i.test(title);
}

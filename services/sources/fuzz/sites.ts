/**
 * Where the labels, values and rows of each format are, as text ranges (`Site`s) the mutations of
 * `mutations.ts` rewrite: CSV header cells, data lines and cells; HTML label spans, value cells,
 * table headers and rows.
 */
import { sitesOf, type Site } from './mutation-core';

// ---------------------------------------------------------------------------------------------
// CSV (`;`-separated, LF or CRLF). Cells are split naively: quoted delimiters are rare in these
// files, and a mis-split cell is still a fair mutation.

/** Every non-empty line (without its line break); the header is the first. */
export function csvLines(text: string): Site[] {
  return sitesOf(text, /^([^\r\n]+)/dgm);
}

export function csvCells(line: Site, delimiter = ';'): Site[] {
  const out: Site[] = [];
  let start = 0;
  const parts = line.text.split(delimiter);
  for (const part of parts) {
    out.push({ start: line.start + start, end: line.start + start + part.length, text: part });
    start += part.length + delimiter.length;
  }
  return out;
}

export function csvHeaderCells(text: string, delimiter = ';'): Site[] {
  const header = csvLines(text)[0];
  return header ? csvCells(header, delimiter) : [];
}

export function csvDataLines(text: string): Site[] {
  return csvLines(text).slice(1);
}

/** The cells of each data line, one group per line (a swap stays inside one row). */
export function csvRowCells(text: string, delimiter = ';'): Site[][] {
  return csvDataLines(text).map((l) => csvCells(l, delimiter));
}

// ---------------------------------------------------------------------------------------------
// HTML.

/** Text of `<span class="txt">` inside a `<td class="label…">` (Fundamentus detalhes.php). */
export function fundamentusLabels(html: string): Site[] {
  return sitesOf(
    html,
    /<td class="label[^"]*"[^>]*>(?:(?!<\/td>)[\s\S])*?<span class="txt">([^<]*)<\/span>/dg,
  );
}

/** Inner HTML of every `<td class="data…">` (a value, or an oscillation's `<font>`). */
export function fundamentusValues(html: string): Site[] {
  return sitesOf(html, /<td class="data[^"]*"[^>]*>([\s\S]*?)<\/td>/dg);
}

/** Header texts of `<th>` (the resultado tables' `<a href="#">Data</a>` or plain text). */
export function thLabels(html: string): Site[] {
  return sitesOf(html, /<th\b[^>]*>(?:\s*<a\b[^>]*>)?([^<]*)(?:<\/a>\s*)?<\/th>/dg);
}

/** `<tr>` elements of each `<table>` (one group per table), for shuffles that stay in a table. */
export function tableRows(html: string): Site[][] {
  const tables = sitesOf(html, /<table\b[^>]*>([\s\S]*?)<\/table>/dg);
  return tables.map((t) => sitesOf(html, /(<tr\b[^>]*>[\s\S]*?<\/tr>)/dg, t));
}

/** `<tr>` elements of each `<tbody>` (the data rows of a resultado table). */
export function tbodyRows(html: string): Site[][] {
  const bodies = sitesOf(html, /<tbody\b[^>]*>([\s\S]*?)<\/tbody>/dg);
  return bodies.map((b) => sitesOf(html, /(<tr\b[^>]*>[\s\S]*?<\/tr>)/dg, b));
}

/** The `<td>` cells of each tbody row, one group per row. */
export function tbodyCells(html: string): Site[][] {
  return tbodyRows(html)
    .flat()
    .map((row) => sitesOf(html, /<td\b[^>]*>([\s\S]*?)<\/td>/dg, row));
}

/** Status Invest labels: `<h3 class="title">`, `<span class="sub-title">`, label `<span class="sub-value">`. */
export function statusInvestLabels(html: string): Site[] {
  return [
    ...sitesOf(html, /<h3 class="title\b[^"]*"[^>]*>([^<]*)/dg),
    ...sitesOf(html, /<span class="sub-title">([^<]*)<\/span>/dg),
    ...sitesOf(html, /<span class="sub-value legend-tooltip[^"]*">\s*<span>([^<]*)<\/span>/dg),
  ].filter((s) => s.text.trim() !== '');
}

/** Status Invest values: `<strong class="value">` and the `<span class="sub-value">` values. */
export function statusInvestValues(html: string): Site[] {
  return [
    ...sitesOf(html, /<strong class="value\b[^"]*"[^>]*>([^<]*)<\/strong>/dg),
    ...sitesOf(html, /<span class="sub-title">[^<]*<\/span>\s*<span class="sub-value">([^<]*)<\/span>/dg),
  ];
}

// ---------------------------------------------------------------------------------------------
// JSON text: the contents of string values (not keys) and number tokens.

export function jsonValueSites(text: string): Site[] {
  return [
    ...sitesOf(text, /:\s*"((?:[^"\\]|\\.)*)"/dg),
    ...sitesOf(text, /[[,]\s*"((?:[^"\\]|\\.)*)"(?!\s*:)/dg),
    ...sitesOf(text, /[:[,]\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/dg),
  ];
}

// ---------------------------------------------------------------------------------------------
// News feeds (RSS/Atom) and news listing pages.

/** Group `group` of every match of `re` (flags `d` and `g`), optionally inside `within`. */
function groupSites(text: string, re: RegExp, group: number, within: Site | null = null): Site[] {
  const out: Site[] = [];
  const from = within?.start ?? 0;
  for (const m of (within ? within.text : text).matchAll(re)) {
    const at = m.indices?.[group];
    const t = m[group];
    if (at && t !== undefined) out.push({ start: from + at[0], end: from + at[1], text: t });
  }
  return out;
}

/** The `<item>`/`<entry>` elements of a feed (whole), as one group of rows. */
export function feedItems(xml: string): Site[][] {
  return [groupSites(xml, /(<(item|entry)\b[^>]*>[\s\S]*?<\/\2>)/dg, 1)];
}

const LEAF = /<([A-Za-z_][\w:.-]*)\b[^>]*>((?:<!\[CDATA\[[\s\S]*?\]\]>|[^<])+)<\/\1>/dg;

/** The text (or CDATA) of each item's leaf elements, one group per item. */
export function feedItemValues(xml: string): Site[][] {
  return feedItems(xml)
    .flat()
    .map((item) => groupSites(xml, LEAF, 2, item).filter((s) => s.text.trim() !== ''));
}

/** A leaf element of an item: where its start and end tag names are, and its item's other names. */
export interface FeedLeaf {
  name: string;
  open: number;
  close: number;
  siblings: string[];
}

export function feedLeaves(xml: string): FeedLeaf[] {
  const out: FeedLeaf[] = [];
  for (const item of feedItems(xml).flat()) {
    const names = groupSites(xml, LEAF, 1, item);
    const contents = groupSites(xml, LEAF, 2, item);
    names.forEach((n, i) => {
      const content = contents[i];
      if (!content) return;
      const siblings = [...new Set(names.map((s) => s.text))].filter((s) => s !== n.text);
      out.push({ name: n.text, open: n.start, close: content.end + 2, siblings });
    });
  }
  return out;
}

/** The `<article>` cards of a listing page, as one group of rows. */
export function listingCards(html: string): Site[][] {
  return [groupSites(html, /(<article\b[^>]*>[\s\S]*?<\/article>)/dg, 1)];
}

/** A card's href and datetime values, and the texts between its tags. */
function cardValues(html: string, card: Site): Site[] {
  return [
    ...groupSites(html, /\b(?:href|datetime)="([^"]*)"/dg, 1, card),
    ...groupSites(html, />([^<]+)</dg, 1, card),
  ].filter((s) => s.text.trim() !== '');
}

/**
 * Names of the structural opening tags of the cards (article, h2/h3, a, p, time); inline
 * formatting inside a summary (<strong>, <em>) is content, not structure.
 */
export function listingTagNames(html: string): Site[] {
  return listingCards(html)
    .flat()
    .flatMap((card) => groupSites(html, /<(article|h[23]|a|p|time)\b/dg, 1, card));
}

/** Per feed item: its date's text (pubDate, published, updated, dc:date) and its other leaf values. */
export function feedDatedItems(xml: string): { date: Site; others: Site[] }[] {
  const out: { date: Site; others: Site[] }[] = [];
  for (const item of feedItems(xml).flat()) {
    const dates = groupSites(xml, /<(pubDate|published|updated|dc:date)>([^<]+)<\/\1>/dg, 2, item);
    const values = groupSites(xml, LEAF, 2, item).filter((s) => s.text.trim() !== '');
    const date = dates[0];
    if (date) out.push({ date, others: values.filter((v) => v.start !== date.start) });
  }
  return out;
}

/** Per listing card: its `<time datetime>` value and its other values. */
export function listingDatedCards(html: string): { date: Site; others: Site[] }[] {
  const out: { date: Site; others: Site[] }[] = [];
  for (const card of listingCards(html).flat()) {
    const date = groupSites(html, /\bdatetime="([^"]+)"/dg, 1, card)[0];
    if (date) out.push({ date, others: cardValues(html, card).filter((v) => v.start !== date.start) });
  }
  return out;
}

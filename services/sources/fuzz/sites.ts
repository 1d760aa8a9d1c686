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

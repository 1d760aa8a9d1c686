/** Where the labels and values of the issue-13 sites' pages are (see sites.ts for the others). */
import { sitesOf, type Site } from './mutation-core';

/** Investidor10: card header spans and indicator-cell name spans. */
export function investidor10Labels(html: string): Site[] {
  return [
    ...sitesOf(html, /<div class="_card-header">\s*<div>\s*<span\b[^>]*>([^<]*)<\/span>/dg),
    ...sitesOf(html, /<span class="[^"]*\bname\b[^"]*">([^<]*)<\/span>/dg),
  ].filter((s) => s.text.trim() !== '');
}

/** Investidor10: the first span of each card body and each cell's value span. */
export function investidor10Values(html: string): Site[] {
  return [
    ...sitesOf(html, /<div class="_card-body">\s*(?:<div>\s*)?<span\b[^>]*>([^<]*)<\/span>/dg),
    ...sitesOf(html, /<div class="value\b[^"]*">\s*<span>([^<]*)<\/span>/dg),
  ];
}

/** Label and value cells of label/value table rows (`<td>label</td><td>value</td>`). */
export function rowLabels(html: string): Site[] {
  return sitesOf(html, /<tr>\s*<td\b[^>]*>([^<]*)<\/td>\s*<td\b/dg);
}
export function rowValues(html: string): Site[] {
  return sitesOf(html, /<\/td>\s*<td\b[^>]*>([^<]*)<\/td>\s*<\/tr>/dg);
}

/** `<dt>` terms and `<dd>` definitions. */
export function dtLabels(html: string): Site[] {
  return sitesOf(html, /<dt\b[^>]*>([^<]*)<\/dt>/dg);
}
export function ddValues(html: string): Site[] {
  return sitesOf(html, /<dd\b[^>]*>([^<]*)<\/dd>/dg);
}

/** Google Finance key-stat labels and values. */
export function googleLabels(html: string): Site[] {
  return sitesOf(html, /<div class="mfs7Fc">([^<]*)<\/div>/dg);
}
export function googleValues(html: string): Site[] {
  return sitesOf(html, /<div class="P6K39c">([^<]*)<\/div>/dg);
}

/** Plain `<th>` header cells, and the `<td>` cells of each row that has them. */
export function plainThLabels(html: string): Site[] {
  return sitesOf(html, /<th\b[^>]*>(?:<h3>)?([^<]*)(?:<\/h3>)?<\/th>/dg);
}
export function tdRows(html: string): Site[][] {
  const tables = sitesOf(html, /<table\b[^>]*>([\s\S]*?)<\/table>/dg);
  return tables.map((t) => sitesOf(html, /(<tr\b[^>]*>\s*<td[\s\S]*?<\/tr>)/dg, t));
}
export function tdCells(html: string): Site[][] {
  return tdRows(html)
    .flat()
    .map((row) => sitesOf(html, /<td\b[^>]*>([^<]*)<\/td>/dg, row));
}

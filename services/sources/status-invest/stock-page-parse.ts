import { layoutChanged } from '../errors';
import { textOf } from '../shared/html';

/** A label and the raw text of the value shown under it. */
export interface LabelledValue {
  label: string;
  value: string;
  region: string;
}

/**
 * The parts of the page that hold "today's" values, each between two markers that must be there.
 * The hidden history/average grids (`indicator-historical-container`, same labels with "-") and the
 * news, dividends and shareholders blocks are left out.
 */
const REGIONS = [
  { name: 'header', start: 'class="top-info has-special', end: 'id="indicators-section"' },
  {
    name: 'indicators',
    start: 'class="indicator-today-container"',
    end: 'class="indicator-historical-container"',
  },
  { name: 'company', start: 'id="company-section"', end: '<h2' },
] as const;

export function pageRegions(html: string): { name: string; html: string }[] {
  return REGIONS.map((r) => {
    const from = html.indexOf(r.start);
    if (from < 0) throw layoutChanged(`status-invest page: no ${r.name} block (marker ${r.start} not found)`);
    const to = html.indexOf(r.end, from + r.start.length);
    if (to < 0) throw layoutChanged(`status-invest page: the ${r.name} block has no end (marker ${r.end})`);
    return { name: r.name, html: html.slice(from, to) };
  });
}

/*
 * Tokens in page order:
 *  1 `<h3 class="title …">label</h3>` (tooltips inside `<i>` removed)
 *  2 `<span class="sub-value legend-tooltip …"><span>label</span>…<i` (Tag Along, Liquidez média diária;
 *    the last span is the desktop wording)
 *  3 `<span class="sub-title">label</span>` followed by 4 `<span class="sub-value">value</span>`
 *  4 `<span class="sub-value">label</span>` otherwise (Setor/Subsetor/Segmento de Atuação)
 *  5 `<strong class="value …">value</strong>`, the value of the latest label.
 */
const TOKEN =
  /<h3 class="title\b[^"]*"[^>]*>([\s\S]*?)<\/h3>|<span class="sub-value legend-tooltip[^"]*">([\s\S]*?)<i\b|<span class="sub-title">([^<]*)<\/span>|<span class="sub-value">([^<]*)<\/span>|<strong class="value\b[^"]*"[^>]*>([\s\S]*?)<\/strong>/g;

const TOOLTIP = /<i\b[^>]*>[\s\S]*?<\/i>/g;
const SPAN_TEXT = /<span\b[^>]*>([^<]*)<\/span>/g;

function lastSpanText(html: string): string {
  let last = '';
  for (const m of html.matchAll(SPAN_TEXT)) last = textOf(m[1] ?? '');
  return last;
}

/** Label/value pairs of one region, in page order; values with no label before them are skipped. */
export function scanRegion(name: string, html: string): LabelledValue[] {
  const out: LabelledValue[] = [];
  let label: string | null = null;
  let mainLabel: string | null = null;
  let subTitle: string | null = null;
  for (const m of html.matchAll(TOKEN)) {
    const [, h3, legend, sub, subValue, value] = m;
    if (h3 !== undefined) {
      label = textOf(h3.replace(TOOLTIP, ' ')) || null;
      mainLabel = label;
      subTitle = null;
    } else if (legend !== undefined) {
      label = lastSpanText(legend.replace(TOOLTIP, ' ')) || null;
      mainLabel = label;
      subTitle = null;
    } else if (sub !== undefined) {
      subTitle = textOf(sub) || null;
    } else if (subValue !== undefined) {
      if (subTitle !== null) {
        const l = mainLabel ? `${mainLabel}: ${subTitle}` : subTitle;
        out.push({ label: l, value: textOf(subValue), region: name });
        subTitle = null;
      } else {
        label = textOf(subValue) || null;
        mainLabel = label;
      }
    } else if (value !== undefined) {
      if (label !== null) out.push({ label, value: textOf(value.replace(TOOLTIP, ' ')), region: name });
      label = null;
      subTitle = null;
    }
  }
  return out;
}

/** The ticker the page is about (`id="indicators-section" data-ticker="TAEE11"`). */
export function pageTicker(html: string): string | null {
  const tag = /<div\b[^>]*id="indicators-section"[^>]*>/.exec(html)?.[0];
  if (!tag) return null;
  return /\bdata-ticker="([^"]*)"/.exec(tag)?.[1]?.trim().toUpperCase() ?? null;
}

/**
 * Status Invest's answer for a ticker it does not know: its "página não encontrada" page, or its
 * home page (canonical link to the site root) after a redirect.
 */
export function isNotFoundPage(html: string, status: number): boolean {
  if (status === 404) return true;
  const head = html.slice(0, 20_000);
  const canonical = /<link\s+rel="canonical"\s+href="([^"]*)"/i.exec(head)?.[1];
  if (canonical !== undefined && /^https?:\/\/(www\.)?statusinvest\.com\.br\/?$/i.test(canonical))
    return true;
  const title = textOf(/<title>([\s\S]*?)<\/title>/i.exec(head)?.[1] ?? '');
  if (/n[ãa]o encontrad[ao]|\b404\b/i.test(title)) return true;
  return /P(?:á|&#xE1;|&#225;|&aacute;)gina n(?:ã|&#xE3;|&#227;|&atilde;)o encontrada/i.test(html);
}

import { layoutChanged } from '../errors';
import { textOf } from '../shared/html';

/** The period a repeated result label belongs to, from the "Últimos 12/3 meses" (nivel2) header above it. */
export type Period = '12m' | '3m';

/** One label/value pair of detalhes.php, with the section (nivel1) and period (nivel2) heading its column. */
export interface DetailPair {
  label: string;
  value: string;
  section: string;
  period: Period | null;
  periodText: string | null;
}

const TABLE_RE = /<table\b[^>]*>([\s\S]*?)<\/table>/gi;
const ROW_RE = /<tr\b[^>]*>([\s\S]*?)<\/tr>/gi;
const CELL_RE = /<td\b([^>]*)>([\s\S]*?)<\/td>/gi;
const TXT_RE = /<span class="txt">([\s\S]*?)<\/span>/i;

function normalize(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function periodOf(text: string): Period {
  const t = normalize(text).toLowerCase();
  if (t === 'últimos 12 meses') return '12m';
  if (t === 'últimos 3 meses') return '3m';
  throw layoutChanged(
    'detalhes.php: an unknown period header (expected "Últimos 12 meses"/"Últimos 3 meses")',
  );
}

function kindOf(attrs: string): 'label' | 'data' | 'nivel1' | 'nivel2' | null {
  const cls = /class\s*=\s*"([^"]*)"/i.exec(attrs)?.[1]?.split(/\s+/) ?? [];
  for (const k of ['label', 'data', 'nivel1', 'nivel2'] as const) if (cls.includes(k)) return k;
  return null;
}

function spanOf(attrs: string): number {
  const n = Number(/colspan\s*=\s*"?(\d+)/i.exec(attrs)?.[1] ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 20 ? n : 1;
}

/**
 * Every label/value pair of the page in one pass over its tables. Headers are tracked by column, so
 * the "Receita Líquida" under "Últimos 3 meses" is told from the one under "Últimos 12 meses" by
 * where it stands, not by the order it comes in. Only complete tables, rows and cells are read: a
 * page cut short loses its last pairs instead of yielding half a number.
 */
export function readDetailPairs(html: string): DetailPair[] {
  const pairs: DetailPair[] = [];
  for (const table of html.matchAll(TABLE_RE)) {
    const sectionAt: string[] = [];
    const periodAt: ({ period: Period; text: string } | undefined)[] = [];
    for (const row of (table[1] ?? '').matchAll(ROW_RE)) {
      let col = 0;
      let pending: { label: string; col: number } | null = null;
      for (const cell of (row[1] ?? '').matchAll(CELL_RE)) {
        const attrs = cell[1] ?? '';
        const inner = cell[2] ?? '';
        const kind = kindOf(attrs);
        const span = spanOf(attrs);
        if (pending && kind !== 'data') {
          throw layoutChanged('detalhes.php: a label is not followed by a value cell');
        }
        if (kind === 'nivel1') {
          const text = normalize(textOf(inner));
          for (let c = col; c < col + span; c++) {
            sectionAt[c] = text;
            periodAt[c] = undefined;
          }
        } else if (kind === 'nivel2') {
          const text = normalize(textOf(inner));
          const period = periodOf(text);
          for (let c = col; c < col + span; c++) periodAt[c] = { period, text };
        } else if (kind === 'label') {
          const txt = TXT_RE.exec(inner);
          pending = { label: normalize(textOf(txt ? (txt[1] ?? '') : inner)), col };
        } else if (kind === 'data') {
          if (!pending) {
            throw layoutChanged('detalhes.php: a value cell has no label before it');
          }
          const value = normalize(textOf(inner));
          const p = periodAt[pending.col];
          if (pending.label !== '' || value !== '') {
            pairs.push({
              label: pending.label,
              value,
              section: sectionAt[pending.col] ?? '',
              period: p?.period ?? null,
              periodText: p?.text ?? null,
            });
          }
          pending = null;
        }
        col += span;
      }
      if (pending) throw layoutChanged('detalhes.php: a label ends its row without a value');
    }
  }
  return pairs;
}

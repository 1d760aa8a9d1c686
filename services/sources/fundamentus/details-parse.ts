import { layoutChanged, SourceError } from '../errors';
import { FUNDAMENTAL_KEYS, type FundamentalUnit } from '../fundamental-keys';
import type { FundamentalsItem } from '../models';
import { parseBrDate, parseBrNumber, parseBrPercent } from '../shared/br-format';
import { readDetailPairs, type DetailPair } from './details-cells';
import { LAYOUT_MARKS, LAYOUT_RULES, type Layout } from './details-layouts';
import { isUnknownTickerPage, pageTicker } from './page-text';

type Value = number | string | null;

const OSCILLATIONS = 'Oscilações';

function slotOf(p: DetailPair): string {
  if (p.period) return `${p.label} @${p.period}`;
  if (p.section === OSCILLATIONS) return `osc:${p.label}`;
  return p.label;
}

/** A slot as a person reads it in an error message. */
function describe(slot: string): string {
  const m = /^(.*) @(12|3)m$/.exec(slot);
  if (m) return `"${m[1]}" under "Últimos ${m[2]} meses"`;
  if (slot.startsWith('osc:')) return `"${slot.slice(4)}" under "${OSCILLATIONS}"`;
  return `"${slot}"`;
}

function readUnit(unit: FundamentalUnit | 'number', text: string): Value | undefined {
  switch (unit) {
    case 'pct':
      return parseBrPercent(text);
    case 'date':
      return parseBrDate(text);
    case 'text':
      if (text === '' || text === '-') return null;
      // A name, sector or type is never a number, a percentage or a date: such a value is another label's.
      return readLoose(text) === text ? text : undefined;
    case 'count': {
      const n = parseBrNumber(text);
      return typeof n === 'number' && !Number.isInteger(n) ? undefined : n;
    }
    default:
      return parseBrNumber(text);
  }
}

/** A value with no standard key and no known unit: as the page writes it, or kept as text. */
function readLoose(text: string): Value {
  if (text === '' || text === '-') return null;
  const v = text.endsWith('%') ? parseBrPercent(text) : (parseBrDate(text) ?? parseBrNumber(text));
  return v ?? text;
}

function detectLayout(pairs: DetailPair[]): Layout {
  const labels = new Set(pairs.map((p) => p.label));
  const found = (Object.keys(LAYOUT_MARKS) as Layout[]).filter((l) =>
    LAYOUT_MARKS[l].some((m) => labels.has(m)),
  );
  const [only, second] = found;
  if (only && !second) return only;
  if (second)
    throw layoutChanged(`detalhes.php: the page carries labels of the ${found.join(' and ')} layouts`);
  throw layoutChanged(
    `detalhes.php: unknown page layout (no company, bank or FII labels; ${
      labels.size ? `${labels.size} other label(s)` : 'no label/value pairs at all'
    })`,
  );
}

/**
 * Read a Fundamentus detalhes.php page (already decoded to text) for `ticker`. Every label/value
 * pair is read in one pass; the layout (company, bank, FII) picks the table of labels, each known
 * label fills its standard key in its unit, unknown ones go to `extra` under their own label, and a
 * missing required label, a value not in its unit, a repeated label or another ticker's page is
 * LAYOUT_CHANGED. The "Nenhum papel encontrado" page is NOT_FOUND.
 */
export function parseFundamentusDetails(html: string, ticker: string): FundamentalsItem {
  const want = ticker.trim().toUpperCase();
  if (isUnknownTickerPage(html)) {
    throw new SourceError('NOT_FOUND', `Fundamentus has no ticker ${want} ("Nenhum papel encontrado")`);
  }
  const pairs = readDetailPairs(html);
  const layout = detectLayout(pairs);
  const rules = LAYOUT_RULES[layout];
  const bySlot = new Map(rules.map((r) => [r.slot, r]));
  const values: Record<string, Value> = {};
  const extra: Record<string, Value> = {};
  const extraUnits: Record<string, FundamentalUnit> = {};
  const seen = new Set<string>();
  let pageCode: string | null = null;

  for (const p of pairs) {
    if (p.label === '') throw layoutChanged(`detalhes.php: a value has an empty label`);
    const slot = slotOf(p);
    if (seen.has(slot))
      throw layoutChanged(
        `detalhes.php: ${bySlot.has(slot) ? `label ${describe(slot)}` : 'a label not in the layout'} appears twice`,
      );
    seen.add(slot);
    const rule = bySlot.get(slot);
    if (rule?.key === 'ticker') {
      pageCode = p.value.toUpperCase();
      continue;
    }
    if (rule && rule.key !== 'extra') {
      const unit = FUNDAMENTAL_KEYS[rule.key].unit;
      const v = readUnit(unit, p.value);
      if (v === undefined) {
        throw layoutChanged(`detalhes.php (${layout}): the value of ${describe(slot)} is not a ${unit}`);
      }
      values[rule.key] = v;
      continue;
    }
    const name = p.periodText ? `${p.label} (${p.periodText})` : p.label;
    if (Object.hasOwn(extra, name))
      throw layoutChanged(`detalhes.php: a label not in the layout appears twice`);
    // The "Oscilações" column holds only percentages (its year rows have no standard key).
    const v = rule?.unit
      ? readUnit(rule.unit, p.value)
      : p.section === OSCILLATIONS
        ? parseBrPercent(p.value)
        : readLoose(p.value);
    if (v === undefined) {
      throw layoutChanged(
        `detalhes.php (${layout}): the value of ${rule ? describe(slot) : 'a label not in the layout'} is not in the expected form`,
      );
    }
    extra[name] = v;
    const unit = rule?.unit ?? (p.section === OSCILLATIONS ? 'pct' : undefined);
    if (unit) extraUnits[name] = unit === 'number' ? 'ratio' : unit;
  }

  const missing = rules.filter((r) => r.required && !seen.has(r.slot)).map((r) => describe(r.slot));
  if (missing.length) {
    throw layoutChanged(`detalhes.php (${layout} layout): label ${missing.join(', ')} not found`, {
      missing,
    });
  }
  const title = /<title>\s*FUNDAMENTUS - ([^\s<]+) -/i.exec(html)?.[1]?.toUpperCase();
  const shown = pageTicker(html);
  for (const code of [pageCode, title, shown]) {
    if (code != null && code !== want) {
      throw layoutChanged(`detalhes.php: the page is about another ticker, not the ${want} asked for`);
    }
  }
  const asOf = values['price_date'];
  return {
    ticker: want,
    layout,
    as_of: typeof asOf === 'string' ? asOf : null,
    values,
    extra,
    ...(Object.keys(extraUnits).length ? { extra_units: extraUnits } : {}),
  };
}

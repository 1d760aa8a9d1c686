export interface FieldChange {
  item: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface ItemsDiff {
  added: number;
  removed: number;
  changed_fields: number;
  /** The first changes, field by field. */
  examples: FieldChange[];
}

const MAX_EXAMPLES = 20;

function keyOf(item: unknown, i: number): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    // Items with a `values` record (fundamentals, screener) are one per ticker: diff inside them.
    if ('values' in o && typeof o['ticker'] === 'string') return o['ticker'];
  }
  return `#${i}:${JSON.stringify(item)}`;
}

function flatten(item: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (v: unknown, path: string): void => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, path ? `${path}.${k}` : k);
    } else out[path] = v;
  };
  walk(item, '');
  return out;
}

/**
 * What a re-parse changed: items keyed by ticker (fundamentals, screener) are compared field by
 * field; other items are compared whole (an edited one counts as removed + added).
 */
export function diffItems(before: unknown[], after: unknown[]): ItemsDiff {
  const strip = (k: string): string => (k.startsWith('#') ? k.slice(k.indexOf(':') + 1) : k);
  const a = new Map(before.map((x, i) => [strip(keyOf(x, i)), x]));
  const b = new Map(after.map((x, i) => [strip(keyOf(x, i)), x]));
  const diff: ItemsDiff = { added: 0, removed: 0, changed_fields: 0, examples: [] };
  for (const k of a.keys()) if (!b.has(k)) diff.removed++;
  for (const [k, x] of b) {
    const old = a.get(k);
    if (old === undefined) {
      diff.added++;
      continue;
    }
    const fo = flatten(old);
    const fn = flatten(x);
    for (const field of new Set([...Object.keys(fo), ...Object.keys(fn)])) {
      if (JSON.stringify(fo[field]) === JSON.stringify(fn[field])) continue;
      diff.changed_fields++;
      if (diff.examples.length < MAX_EXAMPLES)
        diff.examples.push({ item: k.slice(0, 80), field, before: fo[field], after: fn[field] });
    }
  }
  return diff;
}

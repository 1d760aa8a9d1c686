/**
 * Daily bars as columns, read from PGlite as one text value and parsed here: PGlite builds one JS
 * object (and a Date) per result row, which for 5,000 bars costs more than the query itself, and
 * `numeric::float8` / `to_char` cost PostgreSQL more than printing the numbers as they are stored.
 */

export interface BarRow {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A ticker's bars oldest first, one typed array per field (~44 bytes a bar). */
export interface BarColumns {
  /** 'YYYY-MM-DD'; the strings are shared by every ticker (one per calendar day). */
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * The select list that `parseBarText` reads, over a FROM clause whose rows carry `date`, the four
 * prices and the volume expression: days since 1970-01-01, then the values as PostgreSQL prints
 * them (numeric_out), `,` between fields and `;` between bars, oldest first. NULL-free inputs only
 * (concat_ws skips NULLs): the volume expression must COALESCE.
 */
export const barTextSelect = (volume: string): string =>
  `string_agg(concat_ws(',', date - DATE '1970-01-01', open, high, low, close, ${volume}), ';' ORDER BY date)`;

const FIELDS = 6;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact up to 10^22

/**
 * One number as PostgreSQL printed it, the same double as `::float8` gives (strtod, correctly
 * rounded): digits that fit an exact integer divided by an exact power of ten (one correctly
 * rounded division, Clinger's fast path); anything else (more digits, NaN, Infinity) through
 * Number(), which rounds correctly too.
 */
function parseNumber(text: string, start: number, end: number): number {
  if (end <= start) throw new Error('bar text: an empty field');
  let i = start;
  const negative = text.charCodeAt(i) === 45; // '-'
  if (negative) i++;
  let mantissa = 0;
  let decimals = 0;
  let point = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (point) decimals++;
    } else if (c === 46 && !point) point = true;
    else return Number(text.slice(start, end));
  }
  if (mantissa > Number.MAX_SAFE_INTEGER || decimals > 22) return Number(text.slice(start, end));
  const value = decimals === 0 ? mantissa : mantissa / POW10[decimals]!;
  return negative ? -value : value;
}

const DAY_MS = 86_400_000;
const isoDays = new Map<number, string>();
const MAX_ISO_DAYS = 200_000; // ~550 years of calendar days: a bound, never reached in practice

/** 'YYYY-MM-DD' of a day count since 1970-01-01, one shared string per day. */
export function isoOfDay(days: number): string {
  let iso = isoDays.get(days);
  if (iso === undefined) {
    if (isoDays.size >= MAX_ISO_DAYS) isoDays.clear();
    iso = new Date(days * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(days, iso);
  }
  return iso;
}

/** Parse the text of `barTextSelect` (null or '' when there are no bars). */
export function parseBarText(text: string | null): BarColumns {
  if (!text) return emptyColumns(0);
  let n = 1;
  for (let i = text.indexOf(';'); i !== -1; i = text.indexOf(';', i + 1)) n++;
  const cols = emptyColumns(n);
  const values = [cols.open, cols.high, cols.low, cols.close, cols.volume];
  let pos = 0;
  for (let row = 0; row < n; row++) {
    let rowEnd = text.indexOf(';', pos);
    if (rowEnd === -1) rowEnd = text.length;
    for (let field = 0; field < FIELDS; field++) {
      let end = text.indexOf(',', pos);
      if (field === FIELDS - 1) {
        if (end !== -1 && end < rowEnd)
          throw new Error(`bar text: bar ${row} has more than ${FIELDS} fields`);
        end = rowEnd;
      } else if (end === -1 || end > rowEnd)
        throw new Error(`bar text: bar ${row} has fewer than ${FIELDS} fields`);
      if (field === 0) cols.dates[row] = isoOfDay(parseNumber(text, pos, end));
      else values[field - 1]![row] = parseNumber(text, pos, end);
      pos = end + 1;
    }
  }
  return cols;
}

function emptyColumns(n: number): BarColumns {
  return {
    dates: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/** The bars as row objects (what the corporate-action and indicator functions take). */
export function rowsOf(c: BarColumns): BarRow[] {
  const out = new Array<BarRow>(c.dates.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = {
      date: c.dates[i]!,
      open: c.open[i]!,
      high: c.high[i]!,
      low: c.low[i]!,
      close: c.close[i]!,
      volume: c.volume[i]!,
    };
  }
  return out;
}

/** Bytes the columns hold (typed arrays plus the date pointers; the date strings are shared). */
export const columnBytes = (c: BarColumns): number => c.dates.length * (5 * 8 + 8) + 512;

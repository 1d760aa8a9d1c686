/**
 * A 20-year COTAHIST file for the analysis benchmark, generated from real records: the most traded
 * tickers of the real daily file (25/06/2021, cash market standard lots and FIIs) are the templates;
 * every weekday of the 20 years before gets a bar whose prices follow a seeded random walk per
 * ticker that ends at the ticker's real close, and the last day is the real record unchanged. Every
 * other field (CODBDI, name, ISIN, FATCOT…) is the real record's.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_COTAHIST_MARKETS } from '../../services/contract';
import { FIELD } from '../../services/core/cotahist/layout';
import { COTAHIST_DAILY } from '../../test/helpers/fixtures';
import { businessDays, WORK_DIR } from '../cotahist/make-file';

/** The real file's date: the last day of the generated history. */
export const LAST_DAY = '20210625';
const FIRST_DAY = '2001-06-26';
/** Bump when the generator changes, so a cached file of the old shape is not reused. */
const VERSION = 1;

/** Log-price walk: daily σ 2 %, mean reversion to the real close with a half-life of ~350 days. */
const SIGMA = 0.02;
const THETA = 0.002;

export interface HistoryFile {
  path: string;
  tickers: string[];
  days: number;
  records: number;
  bytes: number;
  first: string;
  last: string;
}

const cut = (line: string, f: readonly [number, number]): string => line.slice(f[0], f[1]);

/** The `n` kept records (default markets) of the real daily file with the largest traded volume. */
export function templateRecords(n: number): string[] {
  const lines = readFileSync(COTAHIST_DAILY(), 'latin1').split('\r\n');
  const codbdi = new Set<string>(DEFAULT_COTAHIST_MARKETS.codbdi);
  const tpmerc = new Set<string>(DEFAULT_COTAHIST_MARKETS.tpmerc);
  const kept = lines.filter(
    (l) => l.startsWith('01') && codbdi.has(cut(l, FIELD.CODBDI)) && tpmerc.has(cut(l, FIELD.TPMERC)),
  );
  kept.sort(
    (a, b) =>
      Number(cut(b, FIELD.VOLTOT)) - Number(cut(a, FIELD.VOLTOT)) ||
      cut(a, FIELD.CODNEG).localeCompare(cut(b, FIELD.CODNEG)),
  );
  if (kept.length < n) throw new Error(`the daily file has ${kept.length} kept records, ${n} asked`);
  return kept.slice(0, n);
}

/** Every weekday from 26/06/2001 to the real file's day (25/06/2021), as YYYYMMDD. */
export function historyDays(): string[] {
  return businessDays(FIRST_DAY, 5_300).filter((d) => d <= LAST_DAY);
}

/** mulberry32: a small seeded PRNG; `normal` by Box–Muller. */
function rng(seed: number): { normal(): number } {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
  };
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Closes (raw COTAHIST integers, i.e. cents per quote unit) walked backwards from the real one. */
function walkCloses(realClose: number, days: number, seed: number): Float64Array {
  const r = rng(seed);
  const mu = Math.log(realClose);
  const out = new Float64Array(days);
  let x = mu;
  out[days - 1] = realClose;
  for (let i = days - 2; i >= 0; i--) {
    x = x + THETA * (mu - x) + SIGMA * r.normal();
    out[i] = Math.max(1, Math.round(Math.exp(x)));
  }
  return out;
}

const num = (v: number, width: number): string => {
  const s = String(Math.round(v));
  if (s.length > width) throw new Error(`${v} does not fit ${width} digits`);
  return s.padStart(width, '0');
};

interface Walker {
  template: string;
  closes: Float64Array;
  r: { normal(): number };
  quantity: number;
  trades: number;
  factor: number;
}

/** One generated record of `w` for day index `i` (not the last day, which is the real record). */
function record(w: Walker, date: string, i: number): string {
  const t = w.template;
  const close = w.closes[i]!;
  const prev = i > 0 ? w.closes[i - 1]! : close;
  const open = Math.max(1, Math.round(prev * Math.exp(0.005 * w.r.normal())));
  const high = Math.max(
    open,
    close,
    Math.round(Math.max(open, close) * Math.exp(Math.abs(0.01 * w.r.normal()))),
  );
  const low = Math.max(
    1,
    Math.min(open, close, Math.round(Math.min(open, close) * Math.exp(-Math.abs(0.01 * w.r.normal())))),
  );
  const average = Math.min(high, Math.max(low, Math.round((open + high + low + close) / 4)));
  const scale = Math.exp(0.5 * w.r.normal());
  const quantity = Math.max(1, Math.round(w.quantity * scale));
  const trades = Math.min(99_999, Math.max(1, Math.round(w.trades * scale)));
  const volume = Math.round((quantity * average) / w.factor);
  return (
    `01${date}${t.slice(FIELD.CODBDI[0], FIELD.PREABE[0])}` +
    `${num(open, 13)}${num(high, 13)}${num(low, 13)}${num(average, 13)}${num(close, 13)}${num(close, 13)}${num(close, 13)}` +
    `${num(trades, 5)}${num(quantity, 18)}${num(volume, 18)}${t.slice(FIELD.PREEXE[0])}\r\n`
  );
}

/**
 * Write (or reuse, when it exists) the file: header, records day by day (the tickers of each day
 * together, as B3's annual files), trailer with the right line count.
 */
export function makeHistoryFile(tickerCount = 400): HistoryFile {
  mkdirSync(WORK_DIR, { recursive: true });
  const days = historyDays();
  const templates = templateRecords(tickerCount);
  const tickers = templates.map((t) => cut(t, FIELD.CODNEG).trim());
  const records = templates.length * days.length;
  const path = join(WORK_DIR, `COTAHIST_ANALYSIS_v${VERSION}_${tickerCount}T_${days.length}D.TXT`);
  const first = days[0]!;
  const base = { path, tickers, days: days.length, records, first, last: LAST_DAY };
  if (existsSync(path)) return { ...base, bytes: statSync(path).size };

  const lines = readFileSync(COTAHIST_DAILY(), 'latin1').split('\r\n');
  const header = lines[0]!;
  const trailer = lines.findLast((l) => l.startsWith('99'))!;
  const walkers: Walker[] = templates.map((t) => ({
    template: t,
    closes: walkCloses(Number(cut(t, FIELD.PREULT)), days.length, seedOf(cut(t, FIELD.CODNEG))),
    r: rng(seedOf(`bars:${cut(t, FIELD.CODNEG)}`)),
    quantity: Number(cut(t, FIELD.QUATOT)),
    trades: Number(cut(t, FIELD.TOTNEG)),
    factor: Number(cut(t, FIELD.FATCOT)) || 1,
  }));
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${header.slice(0, 23)}${LAST_DAY}${header.slice(31)}\r\n`, null, 'latin1');
    days.forEach((date, i) => {
      const last = i === days.length - 1;
      const block = walkers.map((w) => (last ? `${w.template}\r\n` : record(w, date, i))).join('');
      writeSync(fd, block, null, 'latin1');
    });
    writeSync(
      fd,
      `${trailer.slice(0, 23)}${LAST_DAY}${String(records + 2).padStart(11, '0')}${trailer.slice(42)}\r\n`,
      null,
      'latin1',
    );
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return { ...base, bytes: statSync(path).size };
}

import { z } from 'zod';
import { layoutChanged } from '../errors';
import { readJson, type RawPayload } from '../raw';
import { readChart, type Chart } from './chart-answer';
import { yahooSymbol } from './symbol';

/** One split as Yahoo dates it: `numerator` new shares for `denominator` old ones. */
export interface YahooSplit {
  /** Epoch seconds of the event (the ex-date's session). */
  epoch: number;
  numerator: number;
  denominator: number;
}

/** Epoch seconds from 1900 to 2200, as in chart-answer.ts. */
const Epoch = z.number().int().min(-2_208_988_800).max(7_258_118_400);
const Split = z.object({
  date: Epoch,
  numerator: z.number(),
  denominator: z.number(),
  splitRatio: z.string(),
});

/**
 * Keys of `chart.result[0]` and of its `events`. Anything else is refused: a renamed `events` or
 * `splits` would otherwise read as "no split", and a missed split skews every adjusted price.
 */
const RESULT_KEYS = new Set(['meta', 'timestamp', 'events', 'indicators']);
const EVENT_KEYS = new Set(['dividends', 'splits', 'capitalGains', 'earnings']);
const Events = z.object({ splits: z.record(z.string(), Split).optional() });

const RATIO = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameRatio(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function checkSplit(key: string, s: z.infer<typeof Split>, where: string): YahooSplit {
  const at = `${where}.${key}`;
  if (key !== String(s.date)) throw layoutChanged(`${at}: keyed ${key} but dated ${s.date}`);
  for (const [name, n] of [
    ['numerator', s.numerator],
    ['denominator', s.denominator],
  ] as const) {
    if (!Number.isFinite(n) || n <= 0) throw layoutChanged(`${at}: ${name} ${n} is not a positive number`);
  }
  const m = RATIO.exec(s.splitRatio);
  const [num, den] = [Number(m?.[1]), Number(m?.[2])];
  if (!m || !(num > 0) || !(den > 0)) {
    throw layoutChanged(`${at}: splitRatio is not "<new>:<old>"`);
  }
  if (!sameRatio(num / den, s.numerator / s.denominator)) {
    throw layoutChanged(`${at}: splitRatio disagrees with numerator/denominator`);
  }
  return { epoch: s.date, numerator: s.numerator, denominator: s.denominator };
}

/**
 * The validated chart answer (errors, symbol, bars: as readChart) and the splits of its
 * `events.splits` (`{"<epoch>": {date, numerator, denominator, splitRatio: "4:1"}}`), by date.
 * No `events`, or events without `splits`, is a window without splits.
 */
export function readSplits(raw: RawPayload, ticker: string): { chart: Chart; splits: YahooSplit[] } {
  const chart = readChart(raw, ticker);
  const symbol = yahooSymbol(ticker);
  const where = `yahoo chart ${symbol}: events.splits`;
  // readChart has checked chart.result[0] is an object; its schema drops the events, so re-read.
  const body = readJson(raw, `yahoo chart ${symbol}`);
  const result: unknown =
    isRecord(body) && isRecord(body['chart']) && Array.isArray(body['chart']['result'])
      ? body['chart']['result'][0]
      : undefined;
  if (!isRecord(result)) throw layoutChanged(`yahoo chart ${symbol}: no result object`);
  const strange = Object.keys(result).find((k) => !RESULT_KEYS.has(k));
  if (strange !== undefined) throw layoutChanged(`yahoo chart ${symbol}: an unknown key in result`);
  const events = result['events'];
  if (events === undefined) return { chart, splits: [] };
  if (!isRecord(events)) throw layoutChanged(`yahoo chart ${symbol}: events is not an object`);
  const odd = Object.keys(events).find((k) => !EVENT_KEYS.has(k));
  if (odd !== undefined)
    throw layoutChanged(`yahoo chart ${symbol}: an unknown key in events (dividends and splits expected)`);
  const parsed = Events.safeParse(events);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw layoutChanged(`yahoo chart ${symbol}: events.${issue?.path.join('.')}: ${issue?.message}`);
  }
  const splits = Object.entries(parsed.data.splits ?? {}).map(([k, s]) => checkSplit(k, s, where));
  return { chart, splits: splits.sort((a, b) => a.epoch - b.epoch) };
}

/**
 * Runs a fetcher's transform on mutated bytes exactly as the runner does (`runTransform`, the
 * encoding the fetcher's `request()` declares) and states the fuzz properties:
 *  1. only typed errors: items that passed the model schema, or an AppError whose code is a
 *     SourceError code — never a TypeError/RangeError, never "parser failed:" (an untyped
 *     exception the runner had to wrap), never a hang;
 *  2. no value under a wrong label: after a rename or a swap, a standard key keeps the value the
 *     unmutated page gives it, or is gone;
 *  3. rows: after a shuffle the same set of rows; after a cut, only rows of the unmutated parse.
 * FUZZ_RUNS scales every property's runs (default 1); FUZZ_SEED fixes fast-check's seed.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { AppError } from '../../contract/errors';
import type { FetchContext, Fetcher } from '../define';
import { SOURCE_ERROR_CODES } from '../errors';
import type { FundamentalsItem, ModelItem, ModelName } from '../models';
import type { SourceQuery } from '../query';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import type { Mutation } from './mutations';

export const CTX: FetchContext = {
  baseUrl: 'https://fuzz.example',
  credentials: { apiKey: 'fuzz-key', token: 'fuzz-token' },
  now: new Date('2026-05-04T12:00:00Z'),
};

export interface Target<M extends ModelName> {
  sourceId: string;
  fetcher: Fetcher<M>;
  query: SourceQuery;
}

export type Outcome<M extends ModelName> =
  { ok: true; items: ModelItem<M>[]; ms: number } | { ok: false; error: unknown; ms: number };

const HANG_MS = 5_000;
const SLOW_MS = 2_000;

export function encodingOf<M extends ModelName>(t: Target<M>): 'auto' | 'utf-8' | 'latin1' {
  return t.fetcher.request(t.query, CTX).encoding ?? 'auto';
}

/** The transform on `body`, through runTransform, with a watchdog for async hangs. */
export async function outcome<M extends ModelName>(t: Target<M>, body: Buffer): Promise<Outcome<M>> {
  const raw = rawFromFile(body, t.fetcher.request(t.query, CTX).url, encodingOf(t));
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HANG: no answer after ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    const items = await Promise.race([runTransform(t.sourceId, t.fetcher, raw, t.query), hang]);
    return { ok: true, items, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** The unmutated seed must parse: the properties compare against it. */
export async function baseline<M extends ModelName>(t: Target<M>, body: Buffer): Promise<ModelItem<M>[]> {
  const o = await outcome(t, body);
  if (!o.ok) throw new Error(`the unmutated seed does not parse: ${describeError(o.error)}`);
  return o.items;
}

export function describeError(e: unknown): string {
  if (e instanceof AppError) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

const CODES: ReadonlySet<string> = new Set(SOURCE_ERROR_CODES);

/** Property 1. Throws (for fast-check) a message naming the mutation and what escaped. */
export function assertTyped<M extends ModelName>(o: Outcome<M>, m: Mutation): void {
  const fail = (why: string): never => {
    throw new Error(`${m.kind} (${m.note}): ${why}`);
  };
  if (o.ms > SLOW_MS) fail(`took ${Math.round(o.ms)} ms`);
  if (o.ok) return;
  const e = o.error;
  if (!(e instanceof AppError)) fail(`untyped error escaped: ${describeError(e)}`);
  else if (!CODES.has(e.code)) fail(`error code ${e.code} is not a source error code: ${e.message}`);
  else if (e.message.includes('parser failed:')) fail(`untyped exception inside the parser: ${e.message}`);
}

const key = (v: unknown): string => JSON.stringify(v);

/** Property 3 (cut, garbage): every returned row is one of the unmutated rows. */
export function assertRowsFromOriginal<T>(items: T[], original: T[], m: Mutation): void {
  const known = new Set(original.map(key));
  const stranger = items.find((it) => !known.has(key(it)));
  if (stranger !== undefined) {
    throw new Error(`${m.kind} (${m.note}): a row not in the unmutated parse: ${key(stranger)}`);
  }
}

/** Property 3 (shuffle): the same set of rows. */
export function assertSameRows<T>(items: T[], original: T[], m: Mutation): void {
  const a = new Set(items.map(key));
  const b = new Set(original.map(key));
  if (a.size !== b.size || [...a].some((k) => !b.has(k))) {
    throw new Error(`${m.kind} (${m.note}): ${a.size} distinct rows where the unmutated parse has ${b.size}`);
  }
  if (items.length !== original.length) {
    throw new Error(
      `${m.kind} (${m.note}): ${items.length} rows where the unmutated parse has ${original.length}`,
    );
  }
}

/**
 * Property 2 for fixed-shape items (quotes, bars, CSV rows): each item matches an unmutated item
 * field by field, a field being equal or null (the value is gone, not replaced). `alternatives`
 * lists, per field, other values a documented fallback may give it (brapi's name from shortName
 * when longName is missing).
 */
export function assertFieldsKept<T extends object>(
  items: T[],
  original: T[],
  m: Mutation,
  alternatives: Partial<Record<keyof T, unknown[]>> = {},
): void {
  for (const it of items) {
    const ok = original.some((o) =>
      (Object.keys(o) as (keyof T)[]).every((f) => {
        const got = it[f];
        if (got === null || isDeepStrictEqual(got, o[f])) return true;
        return (alternatives[f] ?? []).some((alt) => isDeepStrictEqual(got, alt));
      }),
    );
    if (!ok) throw new Error(`${m.kind} (${m.note}): ${key(it)} carries a value the unmutated parse has not`);
  }
}

/** Property 2 for label/value pages: every standard key keeps its unmutated value or is absent. */
export function assertLabelsKept(item: FundamentalsItem, original: FundamentalsItem, m: Mutation): void {
  for (const [k, v] of Object.entries(item.values)) {
    if (!Object.hasOwn(original.values, k)) {
      throw new Error(`${m.kind} (${m.note}): key ${k} = ${key(v)} appears (not in the unmutated parse)`);
    }
    if (!isDeepStrictEqual(v, original.values[k])) {
      throw new Error(
        `${m.kind} (${m.note}): ${k} = ${key(v)}, the unmutated parse has ${key(original.values[k])}`,
      );
    }
  }
  if (item.ticker !== original.ticker || (item.as_of !== null && item.as_of !== original.as_of)) {
    throw new Error(`${m.kind} (${m.note}): ticker/as_of ${item.ticker}/${item.as_of} changed`);
  }
}

const RUNS_SCALE = Number(process.env['FUZZ_RUNS'] ?? '1');
// A fixed seed by default, so a run (and CI) is reproducible; FUZZ_SEED=random explores new inputs
// (fast-check prints the seed of any failure, to replay it with FUZZ_SEED=<n>).
const SEED = process.env['FUZZ_SEED'] ?? '20261129';

/** fast-check parameters: `runs` scaled by FUZZ_RUNS; the seed from FUZZ_SEED (or the fixed one). */
export function params(runs: number): fc.Parameters<[Mutation]> {
  const numRuns = Math.max(1, Math.round(runs * (Number.isFinite(RUNS_SCALE) ? RUNS_SCALE : 1)));
  return SEED === 'random' ? { numRuns } : { numRuns, seed: Number(SEED) };
}

export interface FuzzOptions<M extends ModelName> {
  runs: number;
  /** Extra checks on a successful transform (properties 2 and 3). */
  check?: (items: ModelItem<M>[], m: Mutation) => void;
  /** Turn the mutated bytes into the payload (wrap a CSV in the ZIP the site serves). */
  prepare?: (body: Buffer) => Promise<Buffer>;
}

/** Property 1 on every mutation `arb` yields, then `check` on the ones that parse. */
export async function fuzz<M extends ModelName>(
  t: Target<M>,
  arb: fc.Arbitrary<Mutation>,
  opts: FuzzOptions<M>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arb, async (m) => {
      const body = opts.prepare ? await opts.prepare(m.body) : m.body;
      const o = await outcome(t, body);
      assertTyped(o, m);
      if (o.ok && opts.check) opts.check(o.items, m);
    }),
    params(opts.runs),
  );
}

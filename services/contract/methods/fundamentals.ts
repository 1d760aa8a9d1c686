import { z } from 'zod';
import { defineMethod } from '../define';
import { Ticker } from '../models';

/** One source's latest value of one metric, with where it came from. */
export const ProvenancedValue = z.object({
  source: z.string(),
  value: z.union([z.number(), z.string(), z.null()]),
  /** The date the source says the value refers to. */
  as_of: z.string().nullable(),
  fetched_at: z.string(),
  snapshot_id: z.number().int(),
});

export type ProvenancedValue = z.infer<typeof ProvenancedValue>;

export const FundamentalMetric = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.enum(['BRL', 'ratio', 'pct', 'count', 'date', 'text']),
  values: z.array(ProvenancedValue),
});

export type FundamentalMetric = z.infer<typeof FundamentalMetric>;

export const fundamentalsGet = defineMethod({
  name: 'fundamentals.get',
  summary:
    "A ticker's latest fundamentals from every source that has them, each value with its source and fetch time.",
  http: { method: 'GET', path: '/api/fundamentals/{ticker}' },
  input: z.object({ ticker: Ticker }),
  output: z.object({
    ticker: Ticker,
    metrics: z.array(FundamentalMetric),
    sources: z.array(z.object({ source: z.string(), fetched_at: z.string(), snapshot_id: z.number().int() })),
  }),
});

/** One year of a metric's history: the latest dated observation of that year across sources. */
export const YearPoint = z.object({
  year: z.number().int(),
  value: z.number(),
  source: z.string(),
  /** YYYY-MM-DD: the source's own date, or the day a web page was fetched (basis `fetched`). */
  as_of: z.string(),
  as_of_basis: z.enum(['source', 'fetched']),
  /** How many sources had a value dated in that year. */
  sources: z.number().int(),
});
export type YearPoint = z.infer<typeof YearPoint>;

export const fundamentalsHistory = defineMethod({
  name: 'fundamentals.history',
  summary:
    "A ticker's fundamentals per year from every stored snapshot (detail pages and screener exports): per metric and year the latest dated value, with its source; values from files with no date of their own are counted apart.",
  http: { method: 'GET', path: '/api/fundamentals/{ticker}/history' },
  input: z.object({ ticker: Ticker }),
  output: z.object({
    ticker: Ticker,
    metrics: z.array(
      z.object({
        key: z.string(),
        years: z.array(YearPoint),
        /** Observations with no date (a loaded file that carries none): not placed on a year. */
        undated: z.number().int(),
      }),
    ),
  }),
});

export const Snapshot = z.object({
  id: z.number().int(),
  sha256: z.string(),
  source: z.string(),
  model: z.string(),
  query: z.string(),
  url: z.string(),
  status: z.number().int(),
  content_type: z.string().nullable(),
  bytes: z.number().int(),
  fetched_at: z.string(),
  parser_version: z.number().int(),
  /** ok, or the typed error the parser raised on it. */
  parse_status: z.string(),
  /** A PNG of the page is kept with it (`<sha256>.png` in the vault): browser sources, on LAYOUT_CHANGED. */
  screenshot: z.boolean().optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const snapshotsGet = defineMethod({
  name: 'snapshots.get',
  summary: 'The provenance record of a raw payload in the vault (what was fetched, from where, when).',
  http: { method: 'GET', path: '/api/snapshots/{id}' },
  input: z.object({ id: z.coerce.number().int().positive() }),
  output: z.object({ snapshot: Snapshot }),
});

export const fundamentalsMethods = {
  'fundamentals.get': fundamentalsGet,
  'snapshots.get': snapshotsGet,
  'fundamentals.history': fundamentalsHistory,
} as const;

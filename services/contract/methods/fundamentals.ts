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
} as const;

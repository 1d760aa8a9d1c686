import { z } from 'zod';

/** A B3 trading code: 4 letters + digits (PETR4, TAEE11, A1AP34), upper-cased. */
export const Ticker = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{4,12}$/, 'expected a B3 ticker such as PETR4 (4 to 12 letters and digits)');
export type Ticker = z.infer<typeof Ticker>;

export const IsoDate = z.iso.date('expected a date as YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/** One trading day of one security, as B3 published it (prices already divided by the quote factor). */
export const DailyBar = z.object({
  date: IsoDate,
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  average: z.number(),
  /** Traded volume in R$. */
  volume: z.number(),
  trades: z.number().int(),
  quantity: z.number(),
  isin: z.string(),
  codbdi: z.string(),
  quoteFactor: z.number().int(),
});
export type DailyBar = z.infer<typeof DailyBar>;

export const Security = z.object({
  ticker: Ticker,
  name: z.string(),
  specification: z.string(),
  isin: z.string(),
  lastDate: IsoDate,
  lastClose: z.number(),
});
export type Security = z.infer<typeof Security>;

export const ComponentStatus = z.enum(['healthy', 'degraded', 'unhealthy', 'not_started']);
export type ComponentStatus = z.infer<typeof ComponentStatus>;

export const ComponentHealth = z.looseObject({ status: ComponentStatus, message: z.string().optional() });
export type ComponentHealth = z.infer<typeof ComponentHealth>;

export const Health = z.object({
  /** `offline`: the sites cannot be reached (DNS or connection refused everywhere); fetches wait. */
  status: z.enum(['healthy', 'degraded', 'unhealthy', 'offline']),
  version: z.string(),
  timestamp: z.iso.datetime(),
  components: z.object({
    database: ComponentHealth,
    queue: ComponentHealth,
    scrapers: ComponentHealth,
    /** Present where schedules run (the serving process). */
    scheduler: ComponentHealth.optional(),
    /** Present where a shell serves the API (HTTP or IPC). */
    api: ComponentHealth.optional(),
    /** The data sources as their view sums them up (`overall` is its word: the same on both). */
    sources: ComponentHealth.optional(),
    /** Whether the sites are reachable; `state: offline` makes the whole status `offline`. */
    network: ComponentHealth.optional(),
  }),
});
export type Health = z.infer<typeof Health>;

/** Markets to keep from a COTAHIST file: B3's CODBDI (2 digits) and TPMERC (3 digits) codes. */
export const CotahistMarkets = z.object({
  codbdi: z.array(z.string().regex(/^\d{2}$/, 'CODBDI is two digits, e.g. 02')).min(1),
  tpmerc: z
    .array(
      z.enum(['010', '012', '013', '017', '020', '070', '080'], {
        error:
          'TPMERC must be one market with one row per ticker and day: 010, 012, 013, 017, 020, 070 or 080',
      }),
    )
    .min(1),
});
export type CotahistMarkets = z.infer<typeof CotahistMarkets>;

/** Standard lots (02) and FIIs (12) of the cash market (010). */
export const DEFAULT_COTAHIST_MARKETS: CotahistMarkets = { codbdi: ['02', '12'], tpmerc: ['010'] };

export const ImportSummary = z.object({
  files: z.number().int(),
  records: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  tickers: z.number().int(),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

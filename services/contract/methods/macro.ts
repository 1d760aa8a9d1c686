import { z } from 'zod';
import { defineMethod } from '../define';

/** An SGS series code (432 = Meta Selic): a positive integer of at most 6 digits. */
const SeriesCode = z.coerce
  .number({ error: 'expected an SGS series code such as 432' })
  .int()
  .min(1)
  .max(999_999);
const IsoDate = z.iso.date('expected YYYY-MM-DD');
const Ticker = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.=^-]{2,16}$/, 'expected a ticker such as PETR4');
/** A Tesouro Direto bond name as the Tesouro publishes it ("Tesouro IPCA+ com Juros Semestrais"). */
const BondType = z
  .string()
  .trim()
  .min(3)
  .max(80)
  .regex(/^[\p{L}\p{N} +.-]+$/u, 'expected a bond name such as "Tesouro Selic"');

/** How to fetch a series the database lacks: the job (`b3ai scrape bcb macro-series SERIES`). */
const FetchJob = z.object({ scraper_name: z.literal('bcb'), query: z.string() });

export const MacroSeriesEntry = z.object({
  code: z.number().int(),
  name: z.string().nullable(),
  unit: z.string().nullable(),
  frequency: z.enum(['daily', 'monthly']).nullable(),
  /** The source that stored it (bcb), and how much of it. */
  source: z.string().nullable(),
  points: z.number().int(),
  first_date: z.string().nullable(),
  last_date: z.string().nullable(),
  last_value: z.number().nullable(),
  job: FetchJob,
});
export type MacroSeriesEntry = z.infer<typeof MacroSeriesEntry>;

export const macroSeries = defineMethod({
  name: 'macro.series',
  summary:
    'The Banco Central (SGS) series in the local database, with their last date and value, and the known series not yet stored with the job that fetches them.',
  http: { method: 'GET', path: '/api/macro/series' },
  input: z.object({}),
  output: z.object({ stored: z.array(MacroSeriesEntry), missing: z.array(MacroSeriesEntry) }),
});

export const macroHistory = defineMethod({
  name: 'macro.history',
  summary: "One SGS series' stored points (oldest first), optionally between two dates.",
  http: { method: 'GET', path: '/api/macro/series/{code}' },
  input: z.object({ code: SeriesCode, from: IsoDate.optional(), to: IsoDate.optional() }),
  output: z.object({
    series: MacroSeriesEntry,
    points: z.array(z.object({ date: z.string(), value: z.number() })),
  }),
});

const Benchmark = z.object({ code: z.number().int(), source: z.string(), basis: z.string() }).nullable();

export const macroRealReturns = defineMethod({
  name: 'macro.realReturns',
  summary:
    "A ticker's nominal and real return over a chosen period (total-return closes from the local prices) against IPCA (SGS 433) and CDI (SGS 12, 11 or 4391).",
  http: { method: 'GET', path: '/api/macro/real-returns/{ticker}' },
  input: z
    .object({ ticker: Ticker, from: IsoDate.optional(), to: IsoDate.optional() })
    .refine((v) => !v.from || !v.to || v.from < v.to, { message: 'from must be before to', path: ['from'] }),
  output: z.object({
    ticker: z.string(),
    prices_source: z.string(),
    start: z.string(),
    end: z.string(),
    result: z
      .object({
        from: z.string(),
        to: z.string(),
        close_from: z.number(),
        close_to: z.number(),
        nominal_pct: z.number(),
        ipca_pct: z.number().nullable(),
        real_pct: z.number().nullable(),
        cdi_pct: z.number().nullable(),
        excess_vs_cdi_pct: z.number().nullable(),
        ipca_months: z.number().int(),
        cdi_days: z.number().int().nullable(),
        notes: z.array(z.string()),
      })
      .nullable(),
    /** The series used (code, source, daily or monthly). */
    ipca: Benchmark,
    cdi: Benchmark,
    /** Why there is no result (no closes in the span, no IPCA stored…). */
    reason: z.string().nullable(),
  }),
});

export const TesouroBond = z.object({
  bond_type: z.string(),
  maturity: z.string(),
  base_date: z.string(),
  buy_rate: z.number().nullable(),
  sell_rate: z.number().nullable(),
  buy_price: z.number().nullable(),
  sell_price: z.number().nullable(),
  base_price: z.number().nullable(),
  first_date: z.string(),
  points: z.number().int(),
});
export type TesouroBond = z.infer<typeof TesouroBond>;

export const tesouroBonds = defineMethod({
  name: 'tesouro.bonds',
  summary:
    "Tesouro Direto bonds in the local database: each bond's latest rates and prices (Tesouro Transparente), and how much history is stored.",
  http: { method: 'GET', path: '/api/tesouro/bonds' },
  input: z.object({}),
  output: z.object({
    source: z.string(),
    last_date: z.string().nullable(),
    rows: z.number().int(),
    bonds: z.array(TesouroBond),
  }),
});

export const tesouroHistory = defineMethod({
  name: 'tesouro.history',
  summary: "One Tesouro Direto bond's stored rates and prices by base date (oldest first).",
  http: { method: 'GET', path: '/api/tesouro/history' },
  input: z.object({
    bond_type: BondType,
    maturity: IsoDate,
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  }),
  output: z.object({
    bond_type: z.string(),
    maturity: z.string(),
    points: z.array(
      z.object({
        date: z.string(),
        buy_rate: z.number().nullable(),
        sell_rate: z.number().nullable(),
        buy_price: z.number().nullable(),
        sell_price: z.number().nullable(),
        base_price: z.number().nullable(),
      }),
    ),
  }),
});

export const macroMethods = {
  'macro.series': macroSeries,
  'macro.history': macroHistory,
  'macro.realReturns': macroRealReturns,
  'tesouro.bonds': tesouroBonds,
  'tesouro.history': tesouroHistory,
} as const;

import { z } from 'zod';
import { defineMethod } from '../define';
import { CurrentValues } from '../current-value';
/** A B3 ticker (PETR4) or another market's symbol a price source uses (BZ=F, ^BVSP, AAPL). */
const Ticker = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.=^-]{2,16}$/, 'expected a ticker such as PETR4 (or a symbol such as BZ=F)');

/** What is missing for a full analysis, and the job that would fetch it. */
export const MissingData = z.object({
  what: z.string(),
  message: z.string(),
  job: z
    .object({ scraper_name: z.string(), ticker: z.string().optional(), query: z.string().optional() })
    .nullable(),
});
export type MissingData = z.infer<typeof MissingData>;

const Block = z.record(z.string(), z.unknown());
const PriceMode = z.enum(['raw', 'split', 'total_return']);

const StockInput = z.object({
  ticker: Ticker,
  /** Full indicator series (technical), not just the latest values. */
  series: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .optional()
    .transform((v) => v === true || v === 'true' || v === '1'),
  /** Prices for the indicators: adjusted for splits and cash events by default. */
  prices: PriceMode.optional(),
});

export const AnalysisStock = z.object({
  ticker: Ticker,
  success: z.boolean(),
  fundamental: Block.nullable(),
  technical: Block.nullable(),
  valuation: Block.nullable(),
  macro: Block.nullable(),
  sources: z.object({ count: z.number().int(), names: z.array(z.string()) }),
  confidence: z.number(),
  timestamp: z.string(),
  missing: z.array(MissingData),
});
export type AnalysisStock = z.infer<typeof AnalysisStock>;

/** A sub-answer: one block of the analysis, with what is missing for it. */
const SubBase = { ticker: Ticker, missing: z.array(MissingData), timestamp: z.string() };

export const analysisStock = defineMethod({
  name: 'analysis.stock',
  summary: 'Fundamental, technical, valuation and macro analysis of a ticker from the local database.',
  http: { method: 'GET', path: '/api/analysis/stock/{ticker}' },
  input: StockInput,
  output: AnalysisStock,
});

export const analysisFundamental = defineMethod({
  name: 'analysis.fundamental',
  summary: 'Fundamentals cross-checked across sources, with the values computed from CVM filings.',
  http: { method: 'GET', path: '/api/analysis/stock/{ticker}/fundamental' },
  input: z.object({ ticker: Ticker }),
  output: z.object({ ...SubBase, fundamental: Block.nullable() }),
});

export const analysisTechnical = defineMethod({
  name: 'analysis.technical',
  summary: 'Technical indicators, trend, signals, patterns and support/resistance over daily bars.',
  http: { method: 'GET', path: '/api/analysis/stock/{ticker}/technical' },
  input: StockInput,
  output: z.object({ ...SubBase, technical: Block.nullable() }),
});

export const analysisValuation = defineMethod({
  name: 'analysis.valuation',
  summary: 'Valuation models (Graham, Bazin, Barsi, Gordon, DCF, Magic Formula) with their inputs.',
  http: { method: 'GET', path: '/api/analysis/stock/{ticker}/valuation' },
  input: z.object({ ticker: Ticker }),
  output: z.object({ ...SubBase, valuation: Block.nullable() }),
});

export const analysisDividends = defineMethod({
  name: 'analysis.dividends',
  summary: 'The corporate-action ledger: dividends, JCP, splits and bonus shares, with yields.',
  http: { method: 'GET', path: '/api/analysis/stock/{ticker}/dividends' },
  input: z.object({ ticker: Ticker }),
  output: z.object({ ...SubBase, dividends: Block.nullable() }),
});

export const analysisCurrent = defineMethod({
  name: 'analysis.current',
  summary:
    "A ticker's current value of every number (price, P/L, P/VP, DY…): the latest observation across sources, with its source, date, staleness and spread.",
  http: { method: 'GET', path: '/api/analysis/stock/{ticker}/current' },
  input: z.object({ ticker: Ticker }),
  output: z.object({ ticker: Ticker, today: z.string(), values: CurrentValues, timestamp: z.string() }),
});

export const analysisMethods = {
  'analysis.current': analysisCurrent,
  'analysis.stock': analysisStock,
  'analysis.fundamental': analysisFundamental,
  'analysis.technical': analysisTechnical,
  'analysis.valuation': analysisValuation,
  'analysis.dividends': analysisDividends,
} as const;

const TickerList = z
  .string()
  .trim()
  .transform((s) => [
    ...new Set(
      s
        .split(',')
        .map((t) => t.trim().toUpperCase())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(Ticker).min(1, 'give at least one ticker').max(10, 'compare up to 10 tickers'));

export const CompareRow = z.object({
  ticker: Ticker,
  found: z.boolean(),
  /** The company's name (the sites' name, else COTAHIST's short name) and sector, when known. */
  name: z.string().nullable(),
  sector: z.string().nullable(),
  /** The current price (the resolver's pick: `current.price`) and its date. */
  price: z.number().nullable(),
  as_of: z.string().nullable(),
  /** Every number's current value with its source, date, staleness and spread. */
  current: CurrentValues,
  /** Closes rebased to 100 at the first common date (adjusted prices). */
  normalized: z.array(z.object({ date: z.string(), value: z.number() })),
  metrics: z.record(z.string(), z.number().nullable()),
  returns: z.record(z.string(), z.number().nullable()),
  trend: z.string().nullable(),
});

export const analysisCompare = defineMethod({
  name: 'analysis.compare',
  summary: 'Up to 10 tickers side by side: normalized prices, key fundamentals, returns and trend.',
  http: { method: 'GET', path: '/api/analysis/compare' },
  input: z.object({ tickers: TickerList }),
  output: z.object({
    tickers: z.array(Ticker),
    rows: z.array(CompareRow),
    since: z.string().nullable(),
    timestamp: z.string(),
  }),
});

export const analysisSector = defineMethod({
  name: 'analysis.sector',
  summary: "A sector's companies in the local database and the peers' median of each fundamental.",
  http: { method: 'GET', path: '/api/analysis/sector/{sector}' },
  input: z.object({ sector: z.string().trim().min(2) }),
  output: z.object({
    sector: z.string(),
    tickers: z.array(z.string()),
    medians: z.record(z.string(), z.object({ median: z.number(), count: z.number().int() })),
    timestamp: z.string(),
  }),
});

/** A screen: conditions on any fundamental (consensus) or technical field, a sort, a limit. */
export const ScreenCondition = z.object({
  field: z.string().min(1),
  op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq', 'between']),
  value: z.number(),
  value2: z.number().optional(),
});
export const Screen = z.object({
  conditions: z.array(ScreenCondition).max(30).default([]),
  sort: z.object({ field: z.string().min(1), dir: z.enum(['asc', 'desc']) }).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type Screen = z.infer<typeof Screen>;

export const analysisScreener = defineMethod({
  name: 'analysis.screener',
  summary:
    'Filter and sort the local universe on any fundamental or technical field; presets and saved screens.',
  http: { method: 'POST', path: '/api/analysis/screener' },
  input: Screen.extend({
    /** `fundamentus` (the Fundamentus-style defaults), `magic-formula`, or a saved screen's name. */
    preset: z.string().trim().min(1).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  }),
  output: z.object({
    fields: z.array(z.string()),
    total: z.number().int(),
    rows: z.array(
      z.object({
        ticker: z.string(),
        values: z.record(z.string(), z.number().nullable()),
        /** The shown fundamentals' current values (source, date, staleness); technical fields are not here. */
        current: CurrentValues,
        sector: z.string().nullable(),
        /** The company's name (the sites' name, else COTAHIST's short name). */
        name: z.string().nullable(),
        /** The newest date among the row's shown values (each value's own date is in `current`). */
        as_of: z.string().nullable(),
      }),
    ),
    /** With format csv: the same rows as CSV (`;`, decimal point). */
    csv: z.string().optional(),
    timestamp: z.string(),
  }),
});

export const screensSave = defineMethod({
  name: 'screens.save',
  summary: 'Save a screen under a name (kept in the data dir).',
  http: { method: 'POST', path: '/api/analysis/screens/{name}' },
  input: Screen.extend({ name: z.string().trim().min(1).max(60) }),
  output: z.object({ name: z.string(), screen: Screen }),
});

export const screensList = defineMethod({
  name: 'screens.list',
  summary: 'The saved screens and the presets.',
  http: { method: 'GET', path: '/api/analysis/screens' },
  input: z.object({}),
  output: z.object({ screens: z.array(z.object({ name: z.string(), preset: z.boolean(), screen: Screen })) }),
});

export const analysisUniverseMethods = {
  'analysis.compare': analysisCompare,
  'analysis.sector': analysisSector,
  'analysis.screener': analysisScreener,
  'screens.save': screensSave,
  'screens.list': screensList,
} as const;

import { z } from 'zod';
import { SourceError, layoutChanged } from '../errors';
import { readJson, type RawPayload } from '../raw';
import { yahooSymbol } from './symbol';

const Num = z.number().finite();
const Series = z.array(Num.nullable());
/** Epoch seconds from 1900 to 2200: anything else is no market time (and past ±8.64e12 s no Date). */
const Epoch = z.number().int().min(-2_208_988_800).max(7_258_118_400);

const Meta = z.object({
  currency: z.string().nullable(),
  symbol: z.string(),
  exchangeTimezoneName: z.string().optional(),
  gmtoffset: z.number().int().min(-86_400).max(86_400),
  regularMarketPrice: Num.optional(),
  regularMarketTime: Epoch.optional(),
  regularMarketDayHigh: Num.optional(),
  regularMarketDayLow: Num.optional(),
  regularMarketVolume: Num.optional(),
  chartPreviousClose: Num.optional(),
  range: z.string().optional(),
  longName: z.string().optional(),
  shortName: z.string().optional(),
});

const Result = z.object({
  meta: Meta,
  timestamp: z.array(Epoch).optional(),
  indicators: z.object({
    quote: z.array(
      z.object({
        open: Series.optional(),
        high: Series.optional(),
        low: Series.optional(),
        close: Series.optional(),
        volume: Series.optional(),
      }),
    ),
    adjclose: z.array(z.object({ adjclose: Series.optional() })).optional(),
  }),
});

const Chart = z.object({
  chart: z.object({
    result: z.array(Result).nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable(),
  }),
});

export type ChartMeta = z.infer<typeof Meta>;

export interface ChartBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adj_close: number | null;
  volume: number | null;
}

export interface Chart {
  meta: ChartMeta;
  currency: string;
  bars: ChartBar[];
  /** Epoch seconds → the exchange's local date. */
  localDate: (epoch: number) => string;
}

/**
 * The exchange's calendar date of an epoch. The IANA zone (exchangeTimezoneName) is used when the
 * runtime knows it, so each bar gets the offset in force on its own day (DST); meta.gmtoffset is
 * the offset of *now* and is the fallback.
 */
function localDater(meta: ChartMeta): (epoch: number) => string {
  try {
    if (meta.exchangeTimezoneName) {
      const fmt = new Intl.DateTimeFormat('en-CA', {
        timeZone: meta.exchangeTimezoneName,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      return (epoch) => fmt.format(new Date(epoch * 1000));
    }
  } catch {
    // unknown zone name: fall back to the fixed offset
  }
  return (epoch) => new Date((epoch + meta.gmtoffset) * 1000).toISOString().slice(0, 10);
}

/** The chart answer for the asked ticker, or the typed error Yahoo's answer stands for. */
export function readChart(raw: RawPayload, ticker: string): Chart {
  const symbol = yahooSymbol(ticker);
  const body = readJson(raw, `yahoo chart ${symbol}`);
  const parsed = Chart.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw layoutChanged(`yahoo chart ${symbol}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const { result, error } = parsed.data.chart;
  if (error) {
    const message = `yahoo: ${symbol}: ${error.code}: ${error.description}`;
    if (error.code === 'Not Found') throw new SourceError('NOT_FOUND', message);
    if (error.code === 'Bad Request') throw new SourceError('INVALID_INPUT', message);
    throw layoutChanged(message);
  }
  const r = result?.[0];
  if (!r) throw layoutChanged(`yahoo chart ${symbol}: neither a result nor an error`);
  if (r.meta.symbol.toUpperCase() !== symbol) {
    throw layoutChanged(`yahoo chart: asked for ${symbol}, the answer is for another symbol`);
  }
  if (!r.meta.currency || r.meta.currency.length !== 3) {
    throw layoutChanged(`yahoo chart ${symbol}: meta.currency is not a currency code (3 letters)`);
  }
  const localDate = localDater(r.meta);
  const times = r.timestamp ?? [];
  const quote = r.indicators.quote[0];
  const adj = r.indicators.adjclose?.[0]?.adjclose;
  const cols = {
    open: quote?.open,
    high: quote?.high,
    low: quote?.low,
    close: quote?.close,
    volume: quote?.volume,
  };
  const bars: ChartBar[] = [];
  if (times.length === 0 && Object.values(cols).some((c) => c && c.length > 0)) {
    throw layoutChanged(`yahoo chart ${symbol}: prices without timestamps`);
  }
  if (times.length > 0) {
    for (const [name, col] of Object.entries(cols)) {
      if (!col || col.length !== times.length) {
        throw layoutChanged(
          `yahoo chart ${symbol}: indicators.quote[0].${name} does not match the ${times.length} timestamps`,
        );
      }
    }
    if (adj && adj.length !== times.length) {
      throw layoutChanged(`yahoo chart ${symbol}: adjclose does not match the ${times.length} timestamps`);
    }
    for (let i = 0; i < times.length; i++) {
      const [o, h, l, c] = [cols.open?.[i], cols.high?.[i], cols.low?.[i], cols.close?.[i]];
      // Holidays and halted sessions come as null bars: no bar.
      if (o == null || h == null || l == null || c == null) continue;
      bars.push({
        date: localDate(times[i] ?? 0),
        open: o,
        high: h,
        low: l,
        close: c,
        adj_close: adj?.[i] ?? null,
        volume: cols.volume?.[i] ?? null,
      });
    }
  }
  return { meta: r.meta, currency: r.meta.currency, bars, localDate };
}

/** The statuses whose body Yahoo explains (`{"chart":{"result":null,"error":{...}}}`). */
export const YAHOO_ERROR_STATUSES = [400, 404];

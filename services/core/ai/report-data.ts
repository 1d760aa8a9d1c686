import type { ReportInput } from '../../contract';
import { buildReportInput, type MetricLabel } from '../../analysis/ai/report-input';
import { FUNDAMENTAL_KEYS } from '../../sources/fundamental-keys';
import type { AnalysisService } from '../analysis/analysis-service';
import { listNews } from '../news/news-query';
import type { Pg } from '../storage/pg';

const LABELS: Record<string, MetricLabel> = FUNDAMENTAL_KEYS;

/** Today in São Paulo (YYYY-MM-DD), for a ticker with no dated price at all. */
function todayInSaoPaulo(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(now);
}

/**
 * Everything a report of `ticker` is written from, read from the local database through the same
 * analysis the API serves (so a report never sees numbers the user cannot). The dividend windows end
 * at the price's date, not today, so the same data gives the same input (and hash) on any day.
 */
export async function loadReportInput(
  analysis: AnalysisService,
  pg: Pg,
  ticker: string,
  maxNews = 10,
): Promise<ReportInput> {
  const stock = await analysis.stock(ticker, { series: false });
  const [dividends, news] = await Promise.all([
    analysis.dividends(ticker),
    listNews(pg, { ticker, limit: maxNews }),
  ]);
  const profile = (stock.fundamental?.['profile'] ?? {}) as Record<string, unknown>;
  const priceDate = typeof profile['price_date'] === 'string' ? profile['price_date'] : null;
  const barDate = typeof stock.technical?.['as_of'] === 'string' ? stock.technical['as_of'] : null;
  const ledger = (dividends.dividends?.['ledger'] ?? []) as Parameters<typeof buildReportInput>[0]['ledger'];
  return buildReportInput({
    ticker,
    fundamental: stock.fundamental,
    technical: stock.technical,
    valuation: stock.valuation,
    macro: stock.macro,
    missing: stock.missing,
    ledger,
    news: news.news,
    labels: LABELS,
    asOf:
      [priceDate, barDate]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? todayInSaoPaulo(),
    maxNews,
  });
}

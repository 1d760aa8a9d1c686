import type { NewsEntry, NewsSummary, Output, ParsedInput } from '../../contract';
import { NEUTRAL_BAND } from '../../analysis/news/sentiment';
import type { Pg } from '../storage/pg';

interface NewsRow {
  id: string;
  title: string;
  url: string;
  publisher: string | null;
  published_at: Date | string | null;
  description: string | null;
  tickers: string[];
  sentiment_score: number;
  sentiment_label: NewsEntry['sentiment']['label'];
  sources: string[];
  first_seen_at: Date | string;
  snapshot_id: string;
}

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();

function toEntry(r: NewsRow): NewsEntry {
  return {
    id: r.id,
    title: r.title,
    url: r.url,
    publisher: r.publisher,
    published_at: r.published_at === null ? null : iso(r.published_at),
    description: r.description,
    tickers: r.tickers,
    sentiment: { score: r.sentiment_score, label: r.sentiment_label },
    sources: r.sources,
    first_seen_at: iso(r.first_seen_at),
    snapshot_id: r.snapshot_id,
  };
}

/** The label of a mean score, with the scorer's own neutral band. */
export function labelOfAverage(avg: number): NewsEntry['sentiment']['label'] {
  return avg >= NEUTRAL_BAND ? 'positive' : avg <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}

/** News about a ticker, newest first, with the sentiment summary over everything the filters match. */
export async function listNews(
  pg: Pg,
  input: ParsedInput<'analysis.news'>,
): Promise<Output<'analysis.news'>> {
  const where = ['$1 = ANY(tickers)'];
  const params: unknown[] = [input.ticker];
  if (input.sentiment) where.push(`sentiment_label = $${params.push(input.sentiment)}`);
  if (input.source) where.push(`$${params.push(input.source)} = ANY(sources)`);
  if (input.since) where.push(`coalesce(published_at, first_seen_at) >= $${params.push(input.since)}::date`);
  const cond = where.join(' AND ');
  const rows = await pg.query<NewsRow>(
    `SELECT id::text AS id, title, url, publisher, published_at, description, tickers, sentiment_score,
            sentiment_label, sources, first_seen_at, snapshot_id::text AS snapshot_id
     FROM news WHERE ${cond}
     ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC LIMIT $${params.push(input.limit)}`,
    params,
  );
  const agg = await pg.query<{ label: string; n: number; average: number }>(
    `SELECT sentiment_label AS label, count(*)::int AS n, avg(sentiment_score)::float8 AS average
     FROM news WHERE ${cond} GROUP BY sentiment_label`,
    params.slice(0, -1),
  );
  const counts = { positive: 0, negative: 0, neutral: 0 };
  let total = 0;
  let sum = 0;
  for (const a of agg.rows) {
    if (a.label === 'positive' || a.label === 'negative' || a.label === 'neutral') counts[a.label] = a.n;
    total += a.n;
    sum += a.average * a.n;
  }
  const average = total > 0 ? sum / total : null;
  const sentiment: NewsSummary = {
    count: total,
    average,
    label: average === null ? null : labelOfAverage(average),
    counts,
  };
  const sources = await pg.query<{ source: string }>(
    `SELECT DISTINCT unnest(sources) AS source FROM news WHERE $1 = ANY(tickers) ORDER BY 1`,
    [input.ticker],
  );
  return {
    ticker: input.ticker,
    news: rows.rows.map(toEntry),
    sentiment,
    sources: sources.rows.map((s) => s.source),
    timestamp: new Date().toISOString(),
  };
}

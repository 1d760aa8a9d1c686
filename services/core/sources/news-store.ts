import type { Transaction } from '@electric-sql/pglite';
import { mergeNews, mergeStory, MIN_TITLE_WORDS, type MergedNews } from '../../analysis/news/dedupe';
import { linkCompanyNames } from '../../analysis/news/company-names';
import { buildNameIndex, matchTickers, type NameIndex } from '../../analysis/news/match-tickers';
import { scoreSentiment } from '../../analysis/news/sentiment';
import type { NewsItem } from '../../sources/models';
import type { StoreContext } from './source-store';

/**
 * News items land in `news`, one row per story: merged with what other sources (or earlier fetches)
 * already stored when the canonical URL or the normalised headline is the same. Each story gets its
 * Portuguese sentiment (scored on the headline, which the scorer was evaluated on) and the tickers it
 * concerns: those the source found written in it plus the companies it names, matched against the
 * CVM register's names joined to B3's tickers (PETROBRAS → PETR3, PETR4).
 */

interface StoredRow {
  id: string;
  url: string;
  title: string;
  publisher: string | null;
  published_at: Date | string | null;
  description: string | null;
  tickers: string[];
  sources: string[];
}

/**
 * Company names → tickers: B3's COTAHIST short names, linked to the CVM register's names of the same
 * companies (services/analysis/news/company-names.ts), and B3's company profiles where fetched.
 */
export async function loadNameIndex(
  tx: Pick<Transaction, 'query'>,
): Promise<{ index: NameIndex; known: Set<string> }> {
  const securities = await tx.query<{ ticker: string; name: string }>(
    `SELECT ticker, name FROM securities WHERE length(trim(name)) >= 2`,
  );
  const register = await tx.query<{ name: string; trading_name: string | null }>(
    `SELECT name, trading_name FROM companies WHERE status = 'ATIVO'`,
  );
  const profiles = await tx.query<{ ticker: string; name: string | null; trading_name: string | null }>(
    `SELECT ticker, data->>'name' AS name, data->>'trading_name' AS trading_name FROM company_profiles`,
  );
  const entries = [
    ...linkCompanyNames(securities.rows, register.rows),
    ...profiles.rows.flatMap((p) =>
      [p.name, p.trading_name]
        .filter((n): n is string => Boolean(n))
        .map((name) => ({ name, tickers: [p.ticker] })),
    ),
  ];
  const known = new Set([
    ...securities.rows.map((r) => r.ticker),
    ...profiles.rows.map((r) => r.ticker),
    ...(await tx.query<{ ticker: string }>('SELECT DISTINCT ticker FROM fundamentals')).rows.map(
      (r) => r.ticker,
    ),
  ]);
  return { index: buildNameIndex(entries), known };
}

function toIso(v: Date | string | null): string | null {
  if (v === null) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

async function findExisting(tx: Transaction, m: MergedNews): Promise<StoredRow | undefined> {
  const usableTitle = m.title_key.split(' ').length >= MIN_TITLE_WORDS;
  const r = await tx.query<StoredRow>(
    `SELECT id::text AS id, url, title, publisher, published_at, description, tickers, sources FROM news
     WHERE url_key = $1 OR ($3 AND title_key = $2) ORDER BY (url_key = $1) DESC, id LIMIT 1`,
    [m.key, m.title_key, usableTitle],
  );
  return r.rows[0];
}

/** The stored story (one copy per source that carried it) with the new copy taken in. */
function combine(old: StoredRow, m: MergedNews, tickers: string[]): MergedNews {
  const stored = { ...old, published_at: toIso(old.published_at) };
  const [first, ...rest] = [
    ...old.sources.map((source) => ({ ...stored, source })),
    ...m.sources.map((source) => ({ ...m, tickers, source })),
  ];
  // A story always has a source; without one there is nothing to merge into.
  return first ? mergeStory([first, ...rest]) : { ...m, tickers };
}

export async function writeNews(tx: Transaction, items: unknown[], c: StoreContext): Promise<number> {
  const news = items as NewsItem[];
  if (news.length === 0) return 0;
  const { index, known } = await loadNameIndex(tx);
  const merged = mergeNews(news.map((n) => ({ ...n, source: c.source })));
  for (const m of merged) {
    const text = m.description ? `${m.title}. ${m.description}` : m.title;
    const tickers = [
      ...new Set([...m.tickers, ...matchTickers(text, index, known.size > 0 ? known : undefined)]),
    ].sort();
    const old = await findExisting(tx, m);
    if (old) {
      const n = combine(old, m, tickers);
      const s = scoreSentiment(n.title);
      await tx.query(
        `UPDATE news SET url = $2, title = $3, publisher = $4, published_at = $5, description = $6, tickers = $7,
           sources = $8, sentiment_score = $9, sentiment_label = $10 WHERE id = $1`,
        [
          old.id,
          n.url,
          n.title,
          n.publisher,
          n.published_at,
          n.description,
          n.tickers,
          n.sources,
          s.score,
          s.label,
        ],
      );
      continue;
    }
    const s = scoreSentiment(m.title);
    await tx.query(
      `INSERT INTO news (url_key, title_key, title, url, publisher, published_at, description, tickers,
         sentiment_score, sentiment_label, sources, snapshot_id, first_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        m.key,
        m.title_key,
        m.title,
        m.url,
        m.publisher,
        m.published_at,
        m.description,
        tickers,
        s.score,
        s.label,
        m.sources,
        c.snapshotId,
        c.fetchedAt,
      ],
    );
  }
  return merged.length;
}

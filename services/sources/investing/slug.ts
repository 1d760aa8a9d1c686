import { SourceError } from '../errors';
import type { SourceQuery } from '../query';

/**
 * Investing.com names equities by a slug, not by ticker. `q=<slug>` gives it; the watchlist's
 * tickers have theirs here. A wrong slug leads to another company's page, which the parsers refuse
 * (they check the symbol the page shows).
 */
const SLUGS: Record<string, string> = {
  PETR4: 'petrobras-pn',
  VALE3: 'vale-on-n1',
  ITUB4: 'itau-unibanco-pn',
  BBDC4: 'bradesco-pn-n1',
  WEGE3: 'weg-on-nm',
  ABEV3: 'ambev-sa-on',
  B3SA3: 'bmfbovespa-on-nm',
  BBAS3: 'banco-do-brasil-on-nm',
};

export function slugOf(q: SourceQuery): string {
  if (!q.ticker) throw new SourceError('INVALID_INPUT', 'investing: a ticker is required');
  const slug = q.q ?? (Object.hasOwn(SLUGS, q.ticker) ? SLUGS[q.ticker] : undefined);
  if (!slug || !/^[a-z0-9-]{2,80}$/.test(slug))
    throw new SourceError(
      'INVALID_INPUT',
      `investing: no page name known for ${q.ticker}; give it as q=<name> (investing.com/equities/<name>)`,
      { fields: ['query.q'] },
    );
  return slug;
}

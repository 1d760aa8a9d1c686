import { linkCompanyNames } from '../../analysis/news/company-names';
import type { Pg } from '../storage/pg';

const LEGAL_SUFFIX = /[\s,.-]+(S\.?\s?\/?\s?A\.?|CIA\.?|LTDA\.?|HOLDING)\s*$/i;

/** "MAGAZINE LUIZA SA" → "Magazine Luiza": how a search box and the press write it. */
export function searchName(name: string): string {
  let n = name.replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== n;) {
    prev = n;
    n = n.replace(LEGAL_SUFFIX, '').trim();
  }
  return n
    .toLowerCase()
    .replace(/(^|[\s(/-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase())
    .replace(/[&=]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The company name to search news for, besides the ticker: B3's profile trading name when fetched,
 * else the CVM register's trading name the COTAHIST short name links to, else that short name.
 * Null when the database does not know the ticker.
 */
export async function companySearchName(pg: Pg, ticker: string): Promise<string | null> {
  const profile = await pg.query<{ name: string | null }>(
    `SELECT coalesce(data->>'trading_name', data->>'name') AS name FROM company_profiles WHERE ticker = $1
     ORDER BY fetched_at DESC LIMIT 1`,
    [ticker],
  );
  const fromProfile = profile.rows[0]?.name;
  if (fromProfile) return searchName(fromProfile);
  const sec = await pg.query<{ name: string }>(`SELECT name FROM securities WHERE ticker = $1`, [ticker]);
  const short = sec.rows[0]?.name.trim();
  if (!short) return null;
  const register = await pg.query<{ name: string; trading_name: string | null }>(
    `SELECT name, trading_name FROM companies WHERE status = 'ATIVO'`,
  );
  const linked = linkCompanyNames([{ ticker, name: short }], register.rows).filter((e) => e.name !== short);
  // The register's trading name when linked (its entries come name, then trading name).
  const best = linked.at(-1)?.name ?? short;
  const name = searchName(best);
  return name.length >= 2 ? name : null;
}

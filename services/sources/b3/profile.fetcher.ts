import { z } from 'zod';
import { defineFetcher } from '../define';
import { SourceError, layoutChanged } from '../errors';
import type { CompanyProfileItem } from '../models';
import { readJson } from '../raw';
import { parseBrDate, parseBrNumber } from '../shared/br-format';
import { issuingCompany, proxyParam } from './issuer';

/**
 * GetListedSupplementCompany is the one listed-companies call that takes the issuer code a ticker
 * gives (GetDetail wants the CVM code). It answers `[{code, codeCVM, tradingName,
 * numberCommonShares, numberPreferredShares, totalNumberShares, stockCapital, segment ("BOLSA":
 * the market, not a governance level), cashDividends[], stockDividends[], subscriptions[]…}]`,
 * share counts as "15.750.216.851". An unknown issuer gets an empty body or `[]`.
 */
const Supplement = z.object({
  code: z.string(),
  codeCVM: z.string(),
  tradingName: z.string(),
  numberCommonShares: z.string(),
  numberPreferredShares: z.string(),
  totalNumberShares: z.string(),
});

function shares(value: string, field: string, issuer: string): number {
  const n = parseBrNumber(value);
  if (n === undefined || n === null || !Number.isInteger(n) || n < 0) {
    throw layoutChanged(`b3 ${issuer}: ${field} is not a share count`);
  }
  return n;
}

export const profileFetcher = defineFetcher({
  model: 'company-profile',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    const param = proxyParam({ issuingCompany: issuingCompany(q.ticker), language: 'pt-br' });
    return {
      url: `${ctx.baseUrl}/listedCompaniesProxy/CompanyCall/GetListedSupplementCompany/${param}`,
      encoding: 'utf-8',
    };
  },
  transform(raw, q): CompanyProfileItem[] {
    const ticker = q.ticker ?? '';
    const issuer = issuingCompany(ticker);
    if (raw.text().trim() === '') throw new SourceError('NOT_FOUND', `b3: no listed company ${issuer}`);
    const body = readJson(raw, `b3 supplement ${issuer}`);
    if (!Array.isArray(body)) throw layoutChanged(`b3 supplement ${issuer}: expected an array`);
    if (body.length === 0) throw new SourceError('NOT_FOUND', `b3: no listed company ${issuer}`);
    const rows = body.map((row: unknown, i) => {
      const r = Supplement.safeParse(row);
      if (r.success) return r.data;
      const issue = r.error.issues[0];
      throw layoutChanged(`b3 supplement ${issuer} [${i}]: ${issue?.path.join('.')}: ${issue?.message}`);
    });
    const s = rows.find((r) => r.code.trim().toUpperCase() === issuer);
    if (!s)
      throw layoutChanged(`b3 supplement: asked for ${issuer}, got ${rows.map((r) => r.code).join(', ')}`);
    const common = shares(s.numberCommonShares, 'numberCommonShares', issuer);
    const preferred = shares(s.numberPreferredShares, 'numberPreferredShares', issuer);
    const total = shares(s.totalNumberShares, 'totalNumberShares', issuer);
    if (common + preferred !== total) {
      throw layoutChanged(`b3 ${issuer}: ${common} common + ${preferred} preferred ≠ ${total} total shares`);
    }
    const tradingName = s.tradingName.trim();
    const cvm = s.codeCVM.trim();
    if (!tradingName || !/^\d+$/.test(cvm))
      throw layoutChanged(`b3 ${issuer}: empty tradingName or codeCVM not a number`);
    // A name that reads as a number or a date ("205.431.960.490,52", "02/01/1990") is another field's.
    if (typeof parseBrNumber(tradingName) === 'number' || typeof parseBrDate(tradingName) === 'string')
      throw layoutChanged(`b3 ${issuer}: tradingName reads as a number or a date`);
    return [
      {
        ticker,
        // This endpoint names the company only by its trading name; the legal name is GetDetail's.
        name: tradingName,
        trading_name: tradingName,
        cnpj: null,
        cvm_code: cvm,
        sector: null,
        subsector: null,
        segment: null,
        governance: null,
        free_float_pct: null,
        tag_along_pct: null,
        shares_outstanding: total,
        listing_date: null,
        tickers: [],
      },
    ];
  },
});

import { SourceError } from '../errors';

/** B3 tickers: the issuer's 4-character code, the class number, an optional fractional F. */
const B3_TICKER = /^([A-Z0-9]{4})\d{1,2}F?$/;

/** PETR4 → PETR, TAEE11 → TAEE, B3SA3 → B3SA: the `issuingCompany` B3's proxy is asked by. */
export function issuingCompany(ticker: string | undefined): string {
  const m = B3_TICKER.exec((ticker ?? '').trim().toUpperCase());
  if (!m?.[1]) {
    throw new SourceError('INVALID_INPUT', `b3: "${ticker ?? ''}" is not a B3 ticker such as PETR4`, {
      fields: ['query.ticker'],
    });
  }
  return m[1];
}

/** The listedCompaniesProxy takes its parameters as base64-encoded JSON in the path. */
export function proxyParam(params: Record<string, string>): string {
  return Buffer.from(JSON.stringify(params), 'utf-8').toString('base64');
}

/** A B3 ticker: 4 letters/digits of the issuer, the class number, an optional fractional F. */
const B3_TICKER = /^[A-Z0-9]{4}\d{1,2}F?$/;

/**
 * Yahoo's symbol for a query ticker: B3 tickers take the `.SA` suffix (PETR4 → PETR4.SA);
 * anything already qualified (BZ=F, VALE3.SA, ^BVSP) or foreign (AAPL) is passed as is.
 */
export function yahooSymbol(ticker: string): string {
  const t = ticker.trim().toUpperCase();
  if (t.includes('.') || t.includes('=') || t.startsWith('^')) return t;
  return B3_TICKER.test(t) ? `${t}.SA` : t;
}

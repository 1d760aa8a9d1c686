/** The route kept in location.hash so a reload shows the same security: `#/asset/PETR4`. */
export function tickerFromHash(hash: string): string | null {
  const m = /^#?\/asset\/([A-Za-z0-9]{4,12})\/?$/.exec(hash);
  return m?.[1] ? m[1].toUpperCase() : null;
}

export function hashForTicker(ticker: string | null): string {
  return ticker ? `#/asset/${encodeURIComponent(ticker)}` : '';
}

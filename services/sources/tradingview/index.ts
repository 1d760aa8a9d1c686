import { defineSource } from '../define';
import { quoteFetcher, technicalSummaryFetcher } from './technical-summary.fetcher';

export default defineSource({
  info: {
    id: 'tradingview',
    name: 'TradingView (technical summary)',
    url: 'https://www.tradingview.com',
    // The screener's public JSON endpoint; plain HTTP, no session.
    baseUrl: 'https://scanner.tradingview.com',
    category: 'prices',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [],
    ratePerMinute: 20,
    concurrency: 1,
    canary: { model: 'technical-summary', query: { ticker: 'PETR4' } },
    aliases: ['TRADINGVIEW', 'TRADING_VIEW'],
  },
  fetchers: { 'technical-summary': technicalSummaryFetcher, quote: quoteFetcher },
});

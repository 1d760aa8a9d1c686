import { defineSource } from '../define';
import { quoteFetcher } from './quote.fetcher';

export default defineSource({
  info: {
    id: 'coinmarketcap',
    name: 'CoinMarketCap',
    url: 'https://coinmarketcap.com',
    baseUrl: 'https://pro-api.coinmarketcap.com',
    category: 'crypto',
    requiresLogin: false,
    usesBrowser: false,
    credentials: [
      {
        name: 'apiKey',
        optional: false,
        description:
          'CoinMarketCap API key (free Basic plan at pro.coinmarketcap.com), sent as X-CMC_PRO_API_KEY.',
      },
    ],
    ratePerMinute: 10,
    concurrency: 1,
    canary: { model: 'quote', query: { ticker: 'BTC' } },
    aliases: ['COINMARKETCAP', 'CMC'],
  },
  fetchers: { quote: quoteFetcher },
});

import type { Locale } from './format';

/**
 * Portuguese names of the shipped schedules (resources/schedules/default.json names them in English),
 * by id and shipped name: a schedule the user renamed keeps the user's name (issue 15, item 5).
 */
const PT: Readonly<Record<string, readonly [shipped: string, pt: string]>> = {
  'b3-market-data-hourly': [
    'B3 market data (hourly, trading hours)',
    'Dados de mercado da B3 (de hora em hora, no pregão)',
  ],
  'statusinvest-daily': ['Status Invest (daily 19:00)', 'Status Invest (diário, 19:00)'],
  'fundamentus-daily': ['Fundamentus (daily 20:00)', 'Fundamentus (diário, 20:00)'],
  'coinmarketcap-15min': ['CoinMarketCap (every 15 min)', 'CoinMarketCap (a cada 15 min)'],
  'google-news-30min': ['Google News (every 30 min)', 'Google Notícias (a cada 30 min)'],
  'valor-2h': ['Valor Econômico (every 2 h)', 'Valor Econômico (a cada 2 h)'],
  'bcb-daily': ['Banco Central (daily 10:30)', 'Banco Central (diário, 10:30)'],
  'opcoes-net-daily': ['Opções.net (daily 18:30)', 'Opções.net (diário, 18:30)'],
  'ai-analysis-weekly-1': [
    'Weekly AI analysis (first half of the watchlist)',
    'Análise semanal por IA (primeira metade da lista)',
  ],
  'ai-analysis-weekly-2': [
    'Weekly AI analysis (second half of the watchlist)',
    'Análise semanal por IA (segunda metade da lista)',
  ],
  'bloomberg-linea-3h': ['Bloomberg Línea (every 3 h)', 'Bloomberg Línea (a cada 3 h)'],
  'market-scan-weekly': [
    'Complete market scan (Saturday 01:00)',
    'Varredura completa do mercado (sábado, 01:00)',
  ],
  'tradingview-4h': ['TradingView (every 4 h)', 'TradingView (a cada 4 h)'],
  'investidor10-daily': ['Investidor10 (daily 21:00)', 'Investidor10 (diário, 21:00)'],
  'investing-com-daily': [
    'Investing.com (daily 22:00, weekdays)',
    'Investing.com (diário, 22:00, dias úteis)',
  ],
  'news-feeds-hourly': ['News feeds (hourly)', 'Feeds de notícias (de hora em hora)'],
  'investsite-daily': ['Investsite (daily 20:30)', 'Investsite (diário, 20:30)'],
  'google-finance-hourly': [
    'Google Finance (hourly, trading hours)',
    'Google Finance (de hora em hora, no pregão)',
  ],
  'griffin-daily': ['Griffin insiders (daily 08:00)', 'Griffin, insiders (diário, 08:00)'],
  'fundamentei-weekly': ['Fundamentei (Saturday 09:00)', 'Fundamentei (sábado, 09:00)'],
  'advfn-daily': ['ADVFN (daily 18:45)', 'ADVFN (diário, 18:45)'],
};

/** A schedule's name in `locale`: the shipped English name translated; any other name as is. */
export function scheduleName(s: { id: string; name: string }, locale: Locale): string {
  const e = locale === 'pt-BR' && Object.hasOwn(PT, s.id) ? PT[s.id] : undefined;
  return e && e[0] === s.name ? e[1] : s.name;
}

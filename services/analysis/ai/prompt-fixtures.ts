import type { AiReport, DataPoint, DataPointGroup, DataPointUnit, ReportInput } from '../../contract';
import { RULES_VERSION, writeRuleReport } from './rules-writer';

/**
 * Report inputs for the tests of the prompt, the rule-based writer and the renderers (made up,
 * shaped like buildReportInput's output). Not used by production code.
 */

const GROUPS: Record<string, DataPointGroup> = {
  price: 'price',
  fund: 'fundamental',
  comp: 'computed',
  val: 'valuation',
  tech: 'technical',
  div: 'dividends',
  news: 'news',
  macro: 'macro',
};

/** A data point with provenance defaults for its group. */
export function dp(
  id: string,
  value: number | string | null,
  unit: DataPointUnit | null,
  extra: Partial<DataPoint> = {},
): DataPoint {
  const [prefix = '', key = ''] = id.split(/\.(.*)/s);
  const group = GROUPS[prefix] ?? 'fundamental';
  const fromSite = group === 'price' || group === 'fundamental';
  return {
    id,
    group,
    key,
    label: key,
    value,
    unit,
    as_of: '2026-07-03',
    source: fromSite ? 'fundamentus' : group === 'macro' ? 'bcb' : 'computed',
    snapshot_id: fromSite ? '1' : null,
    detail: null,
    ...extra,
  };
}

const base = (
  ticker: string,
  price: number,
  data_points: DataPoint[],
  missing: string[] = [],
): ReportInput => ({
  ticker,
  company: `${ticker.slice(0, 4)} SA`,
  sector: 'Setor de teste',
  price,
  price_as_of: '2026-07-03',
  data_points,
  missing,
});

/** Every group present: for the prompt snapshot and the renderers. */
export function fullInput(): ReportInput {
  return base('WEGE3', 46.48, [
    dp('price.last', 46.48, 'BRL', { key: 'price', label: 'Cotação' }),
    dp('fund.pl', 31.03, 'ratio', { label: 'P/L' }),
    dp('fund.pvp', 10.99, 'ratio', { label: 'P/VP' }),
    dp('fund.dy', 4.7, 'pct', { label: 'Dividend yield' }),
    dp('fund.roe', 35.4, 'pct', {
      label: 'ROE',
      detail: 'consenso de 2 fontes',
      source: 'fundamentus, statusinvest',
    }),
    dp('fund.roic', 26, 'pct', { label: 'ROIC' }),
    dp('fund.net_margin', 16.7, 'pct', { label: 'Margem líquida' }),
    dp('fund.net_debt_to_equity', -0.19, 'ratio', { label: 'Dívida líquida/Patrimônio' }),
    dp('fund.current_ratio', 1.55, 'ratio', { label: 'Liquidez corrente' }),
    dp('fund.revenue_cagr_5y', 12.6, 'pct', { label: 'Crescimento da receita (5 anos)' }),
    dp('fund.market_cap', 195091000000, 'BRL', { label: 'Valor de mercado' }),
    dp('fund.net_debt', -3293290000, 'BRL', { label: 'Dívida líquida' }),
    dp('fund.avg_volume_2m', 329062000, 'BRL', { label: 'Volume médio diário (2 meses)' }),
    dp('comp.roe', 34.8, 'pct', {
      label: 'ROE (CVM)',
      as_of: '2026-03-31',
      detail: 'calculado das demonstrações entregues à CVM',
    }),
    dp('val.graham_number', 11.948326242616579, 'BRL', {
      label: 'Preço justo (graham_number)',
      detail: 'potencial -74,3%',
    }),
    dp('val.bazin_12m', 36.29333333333334, 'BRL', {
      label: 'Preço justo (bazin_12m)',
      detail: 'potencial -21,9%',
    }),
    dp('val.dcf', 52.1, 'BRL', { label: 'Preço justo (dcf)', detail: 'potencial +12,1%' }),
    dp('val.magic_formula_rank', 12, 'count', { label: 'Posição na Fórmula Mágica', detail: 'de 180 ações' }),
    dp('tech.trend', 'UP', 'text', {
      label: 'Tendência',
      source: 'cotahist',
      detail: 'close above SMA50 and SMA200',
    }),
    dp('tech.sma_200', 44.1, 'BRL', { label: 'Média móvel 200', source: 'cotahist' }),
    dp('tech.rsi_14', 58.234, 'ratio', { label: 'IFR 14', source: 'cotahist' }),
    dp('tech.macd_histogram', 0.0123, 'ratio', { label: 'Histograma MACD', source: 'cotahist' }),
    dp('tech.signal', 'BUY', 'text', { label: 'Sinal técnico geral', source: 'cotahist' }),
    dp('tech.support', 44.5, 'BRL', { label: 'Suporte mais próximo', source: 'cotahist' }),
    dp('tech.resistance', 49.9, 'BRL', { label: 'Resistência mais próxima', source: 'cotahist' }),
    dp('tech.close', 46.48, 'BRL', { label: 'Último fechamento', source: 'cotahist' }),
    dp('div.dps_12m', 2.1776, 'BRL', {
      label: 'Proventos por ação (12 meses)',
      source: 'fundamentus',
      detail: '9 pagamentos',
    }),
    dp('div.years_paid_5y', 5, 'count', { label: 'Anos com proventos (2021–2025)', source: 'fundamentus' }),
    dp('div.yield_12m', 4.685025817555939, 'pct', {
      label: 'Dividend yield 12 meses (ledger)',
      source: 'fundamentus',
    }),
    dp('div.last', 0.1044, 'BRL', {
      label: 'Último provento (jcp)',
      source: 'fundamentus',
      as_of: '2026-06-22',
    }),
    dp('news.1', 0.45, 'ratio', {
      key: 'n1',
      label: 'WEG eleva lucro e supera "expectativas"',
      source: 'InfoMoney',
      as_of: '2026-07-01T10:00:00Z',
      snapshot_id: '7',
      detail: 'https://example.com/a',
    }),
    dp('news.2', -0.3, 'ratio', {
      key: 'n2',
      label: 'Exportações caem\nno trimestre',
      source: 'Valor',
      as_of: '2026-06-28T09:00:00Z',
      snapshot_id: '8',
      detail: 'https://example.com/b',
    }),
    dp('news.average', 0.075, 'ratio', {
      label: 'Sentimento médio de 2 notícias',
      as_of: '2026-07-01T10:00:00Z',
    }),
    dp('macro.selic_target', 10.5, 'pct', { label: 'Selic meta', as_of: '2026-06-30', detail: 'SGS 432' }),
    dp('macro.ipca_12m', 4.83, 'pct', { label: 'IPCA 12 meses', as_of: '2026-05-01', detail: 'SGS 433/12' }),
  ]);
}

/** Cheap against its fair-value models, profitable, low debt, rising: should be COMPRA. */
export function cheapHealthyInput(): ReportInput {
  return base('BOMB3', 20, [
    dp('price.last', 20, 'BRL', { key: 'price', label: 'Cotação' }),
    dp('fund.pl', 6, 'ratio', { label: 'P/L' }),
    dp('fund.pvp', 0.9, 'ratio', { label: 'P/VP' }),
    dp('fund.roe', 22, 'pct', { label: 'ROE' }),
    dp('fund.roic', 16, 'pct', { label: 'ROIC' }),
    dp('fund.net_margin', 18, 'pct', { label: 'Margem líquida' }),
    dp('fund.net_debt_to_equity', 0.3, 'ratio', { label: 'Dívida líquida/Patrimônio' }),
    dp('fund.current_ratio', 1.8, 'ratio', { label: 'Liquidez corrente' }),
    dp('fund.revenue_cagr_5y', 8, 'pct', { label: 'Crescimento da receita (5 anos)' }),
    dp('fund.avg_volume_2m', 50e6, 'BRL', { label: 'Volume médio diário (2 meses)' }),
    dp('val.graham_number', 28, 'BRL', { label: 'Preço justo (graham_number)' }),
    dp('val.bazin_5y', 30, 'BRL', { label: 'Preço justo (bazin_5y)' }),
    dp('val.barsi', 32, 'BRL', { label: 'Preço justo (barsi)' }),
    dp('val.dcf', 36, 'BRL', { label: 'Preço justo (dcf)' }),
    dp('tech.trend', 'UP', 'text', { label: 'Tendência' }),
    dp('tech.signal', 'BUY', 'text', { label: 'Sinal técnico geral' }),
    dp('tech.sma_200', 18, 'BRL', { label: 'Média móvel 200' }),
    dp('tech.rsi_14', 55, 'ratio', { label: 'IFR 14' }),
    dp('tech.close', 20, 'BRL', { label: 'Último fechamento' }),
    dp('div.years_paid_5y', 5, 'count', { label: 'Anos com proventos' }),
    dp('div.yield_12m', 7.5, 'pct', { label: 'Dividend yield 12 meses (ledger)' }),
    dp('news.1', 0.5, 'ratio', { label: 'Lucro recorde no trimestre', source: 'InfoMoney' }),
    dp('news.2', 0.3, 'ratio', { label: 'Empresa anuncia recompra', source: 'Valor' }),
    dp('news.3', 0.1, 'ratio', { label: 'Vendas crescem', source: 'Exame' }),
    dp('news.average', 0.3, 'ratio', { label: 'Sentimento médio de 3 notícias' }),
    dp('macro.selic_target', 10.5, 'pct', { label: 'Selic meta' }),
  ]);
}

/** Expensive, indebted, shrinking, falling, bad news: should be VENDA. */
export function expensiveFallingInput(): ReportInput {
  return base('CARO3', 50, [
    dp('price.last', 50, 'BRL', { key: 'price', label: 'Cotação' }),
    dp('fund.pl', 40, 'ratio', { label: 'P/L' }),
    dp('fund.pvp', 8, 'ratio', { label: 'P/VP' }),
    dp('fund.roe', 8, 'pct', { label: 'ROE' }),
    dp('fund.roic', 6, 'pct', { label: 'ROIC' }),
    dp('fund.net_margin', 4, 'pct', { label: 'Margem líquida' }),
    dp('fund.net_debt_to_equity', 2.5, 'ratio', { label: 'Dívida líquida/Patrimônio' }),
    dp('fund.current_ratio', 0.8, 'ratio', { label: 'Liquidez corrente' }),
    dp('fund.revenue_cagr_5y', -3, 'pct', { label: 'Crescimento da receita (5 anos)' }),
    dp('fund.avg_volume_2m', 5e6, 'BRL', { label: 'Volume médio diário (2 meses)' }),
    dp('val.graham_number', 20, 'BRL', { label: 'Preço justo (graham_number)' }),
    dp('val.bazin_5y', 25, 'BRL', { label: 'Preço justo (bazin_5y)' }),
    dp('val.barsi', 30, 'BRL', { label: 'Preço justo (barsi)' }),
    dp('tech.trend', 'DOWN', 'text', { label: 'Tendência' }),
    dp('tech.signal', 'SELL', 'text', { label: 'Sinal técnico geral' }),
    dp('tech.sma_200', 60, 'BRL', { label: 'Média móvel 200' }),
    dp('tech.rsi_14', 45, 'ratio', { label: 'IFR 14' }),
    dp('tech.close', 50, 'BRL', { label: 'Último fechamento' }),
    dp('div.years_paid_5y', 2, 'count', { label: 'Anos com proventos' }),
    dp('div.yield_12m', 1, 'pct', { label: 'Dividend yield 12 meses (ledger)' }),
    dp('news.1', -0.6, 'ratio', { label: 'Empresa tem prejuízo e rebaixamento', source: 'Valor' }),
    dp('news.2', -0.4, 'ratio', { label: 'Ações despencam', source: 'InfoMoney' }),
    dp('news.3', -0.2, 'ratio', { label: 'Dívida preocupa analistas', source: 'Exame' }),
    dp('news.average', -0.4, 'ratio', { label: 'Sentimento médio de 3 notícias' }),
    dp('macro.selic_target', 13.75, 'pct', { label: 'Selic meta' }),
  ]);
}

/** A price and one multiple, nothing else. */
export function thinInput(): ReportInput {
  return base(
    'THIN3',
    10,
    [
      dp('price.last', 10, 'BRL', { key: 'price', label: 'Cotação' }),
      dp('fund.pl', 12, 'ratio', { label: 'P/L' }),
    ],
    ['statements', 'daily_bars', 'macro_series'],
  );
}

/** A stored rule-based report of fullInput() in pt-BR, as the core would keep it. */
export function sampleReport(over: Partial<AiReport> = {}): AiReport {
  const input = over.input ?? fullInput();
  const language = over.language ?? 'pt-BR';
  return {
    id: 'r-1',
    ticker: input.ticker,
    created_at: '2026-07-04T12:30:05.123Z',
    kind: 'rule-based',
    language,
    model: { id: 'rules', provider: 'rules', name: RULES_VERSION },
    params: { version: RULES_VERSION },
    input_hash: 'a'.repeat(64),
    prompt_hash: 'b'.repeat(64),
    prompt: '',
    report: writeRuleReport(input, language),
    flags: [],
    attempts: 1,
    usage: null,
    duration_ms: 3.4,
    input,
    ...over,
  };
}

/**
 * Test support: small hand-built AI reports (a WEGE3-like input of a few data points), with
 * overrides for the fields a test varies. Not real model output.
 */
import type { AiReport, Claim, DataPoint, ReportBody, ReportInput } from '../../contract';

export function dataPoint(id: string, value: DataPoint['value'], over: Partial<DataPoint> = {}): DataPoint {
  const [group, key] = id.split('.') as [string, string];
  const groups: Record<string, DataPoint['group']> = {
    price: 'price',
    fund: 'fundamental',
    comp: 'computed',
    val: 'valuation',
    tech: 'technical',
    div: 'dividends',
    news: 'news',
    macro: 'macro',
  };
  return {
    id,
    group: groups[group] ?? 'fundamental',
    key,
    label: id,
    value,
    unit: typeof value === 'number' ? 'ratio' : 'text',
    as_of: '2026-07-03',
    source: 'fundamentus',
    snapshot_id: '1',
    detail: null,
    ...over,
  };
}

export function reportInput(over: Partial<ReportInput> = {}): ReportInput {
  return {
    ticker: 'WEGE3',
    company: 'WEG SA ON N1',
    sector: 'Máquinas e Equipamentos',
    price: 46.48,
    price_as_of: '2026-07-03',
    data_points: [
      dataPoint('price.last', 46.48, { unit: 'BRL', label: 'Cotação' }),
      dataPoint('fund.pl', 31.03, { label: 'P/L' }),
      dataPoint('fund.roe', 31.2, { unit: 'pct', label: 'ROE' }),
      dataPoint('fund.net_debt_to_equity', -0.05, { label: 'Dív. líquida / PL' }),
      dataPoint('val.graham_number', 11.95, { unit: 'BRL', source: 'computed', snapshot_id: null }),
      dataPoint('div.yield_12m', 1.9, { unit: 'pct', source: 'computed', snapshot_id: null }),
    ],
    missing: ['daily_bars'],
    ...over,
  };
}

export function claim(text: string, ...citations: string[]): Claim {
  return { text, citations };
}

export function reportBody(over: Partial<ReportBody> = {}): ReportBody {
  return {
    summary: 'WEG tem rentabilidade alta e caixa líquido, mas negocia acima do preço justo.',
    sentiment: 'NEUTRO',
    recommendation: 'MANTER',
    strengths: [
      claim('ROE elevado de 31,2%', 'fund.roe'),
      claim('Caixa líquido: dívida líquida negativa', 'fund.net_debt_to_equity'),
      claim('Pagamento regular de dividendos', 'div.yield_12m'),
    ],
    risks: [
      claim('P/L de 31 vezes, múltiplo exigente', 'fund.pl'),
      claim('Preço muito acima do número de Graham', 'val.graham_number', 'price.last'),
      claim('Dividend yield baixo de 1,9%', 'div.yield_12m'),
    ],
    target_prices: { conservative: 38, moderate: 45, optimistic: 52 },
    citations: ['price.last', 'fund.pl', 'val.graham_number'],
    ...over,
  };
}

/** A stored report; `model` names the model id (and name), the rest can be overridden. */
export function aiReport(over: Partial<AiReport> & { modelId?: string } = {}): AiReport {
  const { modelId = 'gpt', ...rest } = over;
  return {
    id: `r-${modelId}`,
    ticker: 'WEGE3',
    created_at: '2026-07-03T12:00:00.000Z',
    kind: 'model',
    language: 'pt-BR',
    model: { id: modelId, provider: 'openai', name: `${modelId}-model` },
    params: { temperature: 0.2, max_tokens: 1500 },
    input_hash: 'in-1',
    prompt_hash: 'pr-1',
    prompt: 'prompt',
    report: reportBody(),
    flags: [],
    attempts: 1,
    usage: { input_tokens: 1000, output_tokens: 300 },
    duration_ms: 1200,
    input: reportInput(),
    ...rest,
  };
}

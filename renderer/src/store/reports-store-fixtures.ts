import type { AiModelEntry, AiReport, AiReportSummary, Consensus } from '../../../services/contract';

/**
 * Answers shaped like the core's, for the renderer's unit tests (valid against the contract, which
 * the client checks). Values follow the rule-based writer on WEGE3's real Fundamentus capture.
 */
export function testReport(id: string, patch: Partial<AiReport> = {}): AiReport {
  const claim = (text: string, citations: string[]) => ({ text, citations });
  return {
    id,
    ticker: 'WEGE3',
    created_at: `2026-07-0${id.slice(-1)}T12:00:00.000Z`,
    kind: 'rule-based',
    language: 'pt-BR',
    model: { id: 'rules', provider: 'rules', name: 'rules-v1' },
    params: { version: 1 },
    input_hash: 'a'.repeat(64),
    prompt_hash: 'b'.repeat(64),
    prompt: '',
    report: {
      summary: 'WEGE3 negocia acima dos preços justos calculados.',
      sentiment: 'NEUTRO',
      recommendation: 'VENDA',
      strengths: [
        claim('ROE alto', ['fund.roe']),
        claim('Margem líquida sólida', ['fund.net_margin']),
        claim('Dívida baixa', ['fund.net_debt_to_equity']),
      ],
      risks: [
        claim('P/L elevado', ['fund.pl']),
        claim('Acima do número de Graham', ['val.graham_number']),
        claim('Sem dado', ['fund.nope']),
      ],
      target_prices: { conservative: 11.95, moderate: 20.49, optimistic: 36.29 },
      citations: ['price.last', 'val.graham_number'],
    },
    flags: [
      { kind: 'unknown_citation', citation: 'fund.nope', where: 'risks[2]', message: 'unknown id fund.nope' },
    ],
    attempts: 1,
    usage: null,
    duration_ms: 12,
    input: {
      ticker: 'WEGE3',
      company: 'WEG SA ON N1',
      sector: 'Máquinas e Equipamentos',
      price: 46.48,
      price_as_of: '2026-07-03',
      data_points: [
        {
          id: 'price.last',
          group: 'price',
          key: 'price',
          label: 'Cotação',
          value: 46.48,
          unit: 'BRL',
          as_of: '2026-07-03',
          source: 'fundamentus',
          snapshot_id: '1',
          detail: null,
        },
        {
          id: 'val.graham_number',
          group: 'valuation',
          key: 'graham_number',
          label: 'Preço justo (graham_number)',
          value: 11.95,
          unit: 'BRL',
          as_of: '2026-07-03',
          source: 'computed',
          snapshot_id: null,
          detail: 'potencial -74.3%',
        },
      ],
      missing: [],
    },
    ...patch,
  };
}

/** The history row of a report. */
export function testSummary(id: string, patch: Partial<AiReportSummary> = {}): AiReportSummary {
  const r = testReport(id);
  return {
    id: r.id,
    ticker: r.ticker,
    created_at: r.created_at,
    kind: r.kind,
    language: r.language,
    model: r.model,
    input_hash: r.input_hash,
    prompt_hash: r.prompt_hash,
    flags: r.flags,
    recommendation: r.report.recommendation,
    sentiment: r.report.sentiment,
    target_prices: r.report.target_prices,
    price: r.input.price,
    ...patch,
  };
}

export function testConsensus(reports: AiReportSummary[]): Consensus {
  return {
    ticker: 'WEGE3',
    reports,
    count: reports.length,
    recommendation: 'VENDA',
    sentiment: 'NEUTRO',
    votes: { recommendation: { VENDA: reports.length }, sentiment: { NEUTRO: reports.length } },
    confidence: 1,
    strength: 'strong',
    common_strengths: [],
    common_risks: [],
    target_prices: { conservative: 11.95, moderate: 20.49, optimistic: 36.29 },
  };
}

export const RULES_ENTRY: AiModelEntry = {
  id: 'rules',
  provider: 'rules',
  model: 'rules-v1',
  base_url: null,
  has_key: false,
  enabled: true,
  temperature: null,
  max_tokens: null,
  timeout_ms: null,
  stream: false,
  key_storage: 'none',
};

export function testModel(id: string, patch: Partial<AiModelEntry> = {}): AiModelEntry {
  return {
    id,
    provider: 'openai',
    model: 'llama3.1:8b',
    base_url: 'http://127.0.0.1:11434/v1',
    has_key: false,
    enabled: true,
    temperature: 0.2,
    max_tokens: 1500,
    timeout_ms: 120000,
    stream: true,
    key_storage: 'key-file',
    ...patch,
  };
}

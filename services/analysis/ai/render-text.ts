import type { AiReport, DataPoint, Recommendation, ReportLanguage, ReportSentiment } from '../../contract';
import { formatBRL, formatPct } from './format-number';

/** The words and derived figures the Markdown and HTML renderings share, in both languages. */

export interface RenderLabels {
  title: (ticker: string) => string;
  date: string;
  kind: string;
  ruleBased: string;
  aiModel: (name: string, provider: string) => string;
  recommendation: string;
  sentiment: string;
  targets: string;
  noTargets: string;
  scenario: string;
  price: string;
  upside: string;
  conservative: string;
  moderate: string;
  optimistic: string;
  currentPrice: string;
  summary: string;
  sources: string;
  strengths: string;
  risks: string;
  flags: string;
  unknownCitation: (id: string, where: string) => string;
  cited: string;
  id: string;
  dataPoint: string;
  value: string;
  source: string;
  asOf: string;
  snapshot: string;
  noCited: string;
  reproducibility: string;
  inputHash: string;
  promptHash: string;
  model: string;
  params: string;
  attempts: string;
  tokens: string;
  duration: string;
  none: string;
}

export const LABELS: Record<ReportLanguage, RenderLabels> = {
  'pt-BR': {
    title: (t) => `Relatório de análise — ${t}`,
    date: 'Data',
    kind: 'Tipo',
    ruleBased: 'Relatório por regras (sem modelo de IA)',
    aiModel: (name, provider) => `Modelo de IA: ${name} (${provider})`,
    recommendation: 'Recomendação',
    sentiment: 'Sentimento',
    targets: 'Preços-alvo',
    noTargets: 'Sem preços-alvo: dados insuficientes.',
    scenario: 'Cenário',
    price: 'Preço',
    upside: 'Potencial',
    conservative: 'Conservador',
    moderate: 'Moderado',
    optimistic: 'Otimista',
    currentPrice: 'Cotação',
    summary: 'Resumo',
    sources: 'Dados',
    strengths: 'Pontos fortes',
    risks: 'Riscos',
    flags: 'Alertas',
    unknownCitation: (id, where) => `Citação desconhecida ${id} em ${where}`,
    cited: 'Dados citados',
    id: 'Id',
    dataPoint: 'Dado',
    value: 'Valor',
    source: 'Fonte',
    asOf: 'Data',
    snapshot: 'Snapshot',
    noCited: 'Nenhum dado citado existe na entrada.',
    reproducibility: 'Reprodutibilidade',
    inputHash: 'Hash dos dados de entrada',
    promptHash: 'Hash do prompt',
    model: 'Modelo',
    params: 'Parâmetros',
    attempts: 'Tentativas',
    tokens: 'Tokens (entrada/saída)',
    duration: 'Duração',
    none: 'n/d',
  },
  en: {
    title: (t) => `Analysis report — ${t}`,
    date: 'Date',
    kind: 'Kind',
    ruleBased: 'Rule-based report (no AI model)',
    aiModel: (name, provider) => `AI model: ${name} (${provider})`,
    recommendation: 'Recommendation',
    sentiment: 'Sentiment',
    targets: 'Target prices',
    noTargets: 'No target prices: insufficient data.',
    scenario: 'Scenario',
    price: 'Price',
    upside: 'Upside',
    conservative: 'Conservative',
    moderate: 'Moderate',
    optimistic: 'Optimistic',
    currentPrice: 'Price',
    summary: 'Summary',
    sources: 'Data',
    strengths: 'Strengths',
    risks: 'Risks',
    flags: 'Flags',
    unknownCitation: (id, where) => `Unknown citation ${id} in ${where}`,
    cited: 'Cited data',
    id: 'Id',
    dataPoint: 'Data point',
    value: 'Value',
    source: 'Source',
    asOf: 'Date',
    snapshot: 'Snapshot',
    noCited: 'No cited data point exists in the input.',
    reproducibility: 'Reproducibility',
    inputHash: 'Input hash',
    promptHash: 'Prompt hash',
    model: 'Model',
    params: 'Parameters',
    attempts: 'Attempts',
    tokens: 'Tokens (input/output)',
    duration: 'Duration',
    none: 'n/a',
  },
};

const REC_EN: Record<Recommendation, string> = { COMPRA: 'buy', MANTER: 'hold', VENDA: 'sell' };
const SENT_EN: Record<ReportSentiment, string> = {
  POSITIVO: 'positive',
  NEUTRO: 'neutral',
  NEGATIVO: 'negative',
};

/** `COMPRA`; in English `COMPRA (buy)`. */
export function recommendationText(r: Recommendation, l: ReportLanguage): string {
  return l === 'en' ? `${r} (${REC_EN[r]})` : r;
}

export function sentimentText(s: ReportSentiment, l: ReportLanguage): string {
  return l === 'en' ? `${s} (${SENT_EN[s]})` : s;
}

/** The kind line: rule-based label, or the AI model's name and provider. */
export function kindText(r: AiReport): string {
  const L = LABELS[r.language];
  return r.kind === 'rule-based' ? L.ruleBased : L.aiModel(r.model.name, r.model.provider);
}

export interface TargetRow {
  label: string;
  price: string;
  upside: string;
}

/** The three targets with their upside over the input's price (`n/d` without a price). */
export function targetRows(r: AiReport): TargetRow[] {
  const L = LABELS[r.language];
  const t = r.report.target_prices;
  const p = r.input.price;
  const row = (label: string, v: number): TargetRow => ({
    label,
    price: formatBRL(v, r.language),
    upside:
      p !== null && p > 0 ? formatPct((v / p - 1) * 100, r.language, { decimals: 1, signed: true }) : L.none,
  });
  // No targets when the data was too thin ("dados insuficientes").
  if (!t) return [];
  return [row(L.conservative, t.conservative), row(L.moderate, t.moderate), row(L.optimistic, t.optimistic)];
}

/** Every id the report cites (root citations and claims). */
export function citedIds(r: AiReport): Set<string> {
  const b = r.report;
  return new Set(
    [...b.citations, ...b.strengths, ...b.risks].flatMap((c) => (typeof c === 'string' ? [c] : c.citations)),
  );
}

/** The cited data points, in the input's order. */
export function citedPoints(r: AiReport): DataPoint[] {
  const ids = citedIds(r);
  return r.input.data_points.filter((p) => ids.has(p.id));
}

/** The ids present in the input (citations outside it are unknown). */
export function knownIds(r: AiReport): Set<string> {
  return new Set(r.input.data_points.map((p) => p.id));
}

/** Parameters as canonical JSON (keys sorted). */
export function paramsText(params: AiReport['params']): string {
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted);
}

export function tokensText(r: AiReport): string {
  return r.usage ? `${r.usage.input_tokens}/${r.usage.output_tokens}` : LABELS[r.language].none;
}

export function durationText(r: AiReport): string {
  return `${Math.round(r.duration_ms)} ms`;
}

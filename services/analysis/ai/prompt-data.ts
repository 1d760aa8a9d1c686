import type { DataPoint, DataPointGroup, ReportInput } from '../../contract';
import { formatBRL, formatSigned } from './format-number';
import { formatProvenance, formatValue } from './format-value';

/**
 * The data part of the prompt: the asset, every data point grouped with its id in brackets, and
 * what is missing. Always in Portuguese with pt-BR numbers; deterministic (input order kept within
 * each group, groups in a fixed order).
 */

export const GROUP_TITLES_PT: Record<DataPointGroup, string> = {
  price: 'Preço',
  fundamental: 'Indicadores fundamentalistas (sites)',
  computed: 'Indicadores calculados das demonstrações entregues à CVM',
  valuation: 'Valuation (preço justo por modelo, em R$)',
  technical: 'Análise técnica',
  dividends: 'Proventos',
  news: 'Notícias (sentimento de -1 a +1)',
  macro: 'Macroeconomia',
};

export const GROUP_ORDER: readonly DataPointGroup[] = [
  'price',
  'fundamental',
  'computed',
  'valuation',
  'technical',
  'dividends',
  'news',
  'macro',
];

/** What the `missing` keys of buildReportInput mean. */
const MISSING_PT: Record<string, string> = {
  statements: 'demonstrações financeiras da CVM (sem indicadores calculados)',
  daily_bars: 'cotações diárias (sem análise técnica)',
  macro_series: 'séries do Banco Central (Selic, IPCA)',
  news: 'notícias',
  dividends: 'histórico de proventos',
  fundamentals: 'indicadores fundamentalistas dos sites',
};

/** Texts from outside (headlines, reasons) on one line: a newline in data must not start a new item. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** `[news.3] 2026-07-01 InfoMoney — "título" (sentimento +0,45)` */
function newsLine(p: DataPoint): string {
  const parts = [`[${p.id}]`];
  if (p.as_of) parts.push(p.as_of.slice(0, 10));
  if (p.source) parts.push(`${oneLine(p.source)} —`);
  parts.push(`"${oneLine(p.label)}"`);
  if (typeof p.value === 'number') parts.push(`(sentimento ${formatSigned(p.value, 2, 'pt-BR')})`);
  return parts.join(' ');
}

/** `[fund.pl] P/L: 31,03x (fundamentus, 2026-07-03)`, with the detail after a dash when useful. */
export function dataLine(p: DataPoint): string {
  if (p.group === 'news' && p.id !== 'news.average') return newsLine(p);
  let line = `[${p.id}] ${oneLine(p.label)}: ${oneLine(formatValue(p, 'pt-BR'))}`;
  // Computed values all carry the same derivation note (it is in the group title); news link out.
  if (p.detail && p.group !== 'computed' && p.group !== 'news') line += ` — ${oneLine(p.detail)}`;
  const prov = formatProvenance(p);
  return prov ? `${line} ${prov}` : line;
}

export function assetLines(input: ReportInput): string[] {
  const price =
    input.price === null
      ? 'não disponível'
      : formatBRL(input.price, 'pt-BR') + (input.price_as_of ? ` em ${input.price_as_of}` : '');
  return [
    `Ticker: ${input.ticker}`,
    `Empresa: ${input.company ?? 'não informada'}`,
    `Setor: ${input.sector ?? 'não informado'}`,
    `Preço: ${price}`,
  ];
}

export function dataSection(input: ReportInput): string[] {
  const out: string[] = [];
  for (const group of GROUP_ORDER) {
    const points = input.data_points.filter((p) => p.group === group);
    if (points.length === 0) continue;
    out.push('', `### ${GROUP_TITLES_PT[group]}`, ...points.map(dataLine));
  }
  return out;
}

export function missingSection(input: ReportInput): string[] {
  const lines = input.missing.map((m) => `- ${m}: ${MISSING_PT[m] ?? 'não disponível'}`);
  const present = new Set(input.data_points.map((p) => p.group));
  const empty = GROUP_ORDER.filter((g) => !present.has(g)).map((g) => GROUP_TITLES_PT[g]);
  if (empty.length) lines.push(`- Grupos sem dados: ${empty.join('; ')}`);
  return lines.length ? lines : ['- Nada: todos os grupos têm dados.'];
}

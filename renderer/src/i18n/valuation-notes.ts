import type { Locale } from './format';

/**
 * The valuation models' notes (why a model gave no value) in the user's language. The engine writes
 * them in English from a fixed list (services/analysis/valuation); each is mapped here to pt-BR, and
 * one not in the list is shown as written (a new note then shows in English until it is added).
 */
const PT: Record<string, string> = {
  'EBIT, D&A, capex, net debt or shares missing':
    'faltam EBIT, D&A, capex, dívida líquida ou número de ações',
  'no discount rate: give Selic or a WACC': 'sem taxa de desconto: informe a Selic ou um WACC',
  'shares must be > 0': 'o número de ações deve ser > 0',
  'the WACC must exceed the terminal growth': 'o WACC deve superar o crescimento na perpetuidade',
  'free cash flow to the firm ≤ 0: a perpetuity of it means nothing':
    'fluxo de caixa livre da firma ≤ 0: uma perpetuidade dele não tem sentido',
  'net debt exceeds the enterprise value': 'a dívida líquida supera o valor da firma',
  'desired yield must be > 0': 'o dividend yield desejado deve ser > 0',
  'no cash distributions in the window': 'nenhum provento em dinheiro no período',
  'LPA or payout missing': 'faltam LPA ou payout',
  'only for LPA > 0': 'só para LPA > 0',
  'the company pays no dividends (payout ≤ 0)': 'a empresa não paga dividendos (payout ≤ 0)',
  'dividends or required return missing': 'faltam proventos ou retorno exigido',
  'no dividends in the last 12 months': 'nenhum provento nos últimos 12 meses',
  'the required return must exceed the growth (k > g)':
    'o retorno exigido deve superar o crescimento (k > g)',
  'LPA or VPA missing': 'faltam LPA ou VPA',
  'only for LPA > 0 and VPA > 0': 'só para LPA > 0 e VPA > 0',
  'LPA, growth or Selic missing': 'faltam LPA, crescimento ou Selic',
  'Y (Selic) must be > 0': 'Y (Selic) deve ser > 0',
  '8.5 + 2g ≤ 0': '8,5 + 2g ≤ 0',
};

const HISTORY = /^dividend history starts on (\d{4})-(\d{2})-(\d{2}), after the window$/;

export function valuationNote(note: string, locale: Locale): string {
  if (locale === 'en') return note;
  if (Object.hasOwn(PT, note)) return PT[note]!;
  const h = HISTORY.exec(note);
  if (h) return `o histórico de proventos começa em ${h[3]}/${h[2]}/${h[1]}, depois do início do período`;
  return note;
}

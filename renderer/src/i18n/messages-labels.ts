import type { Locale } from './format';

/**
 * Names of the ids the API answers with (source categories, data models), so the UI never shows a
 * raw id such as "fundamentals" or "prices" (issue 15, item 5). An id with no name here is shown as is.
 */
export const labelsPtBR = {
  'source.category.official': 'Oficial',
  'source.category.fundamentals': 'Fundamentos',
  'source.category.prices': 'Cotações',
  'source.category.crypto': 'Cripto',
  'source.category.news': 'Notícias',
  'source.category.insiders': 'Insiders',
  'source.category.options': 'Opções',
  'source.category.ai': 'IA',
  'source.model.daily-bars': 'cotações diárias',
  'source.model.quote': 'cotação',
  'source.model.fundamentals': 'indicadores',
  'source.model.dividends': 'proventos',
  'source.model.company-profile': 'perfil da empresa',
  'source.model.companies': 'empresas',
  'source.model.statements': 'demonstrações',
  'source.model.macro-series': 'séries macro',
  'source.model.treasury-bonds': 'títulos do Tesouro',
  'source.model.screener': 'filtro de ações',
  'source.model.insider-trades': 'negociações de insiders',
  'source.model.option-chain': 'opções',
  'source.model.technical-summary': 'resumo técnico',
  'source.model.news': 'notícias',
  'source.model.corporate-actions': 'eventos societários',
} as const;

export const labelsEn: Record<keyof typeof labelsPtBR, string> = {
  'source.category.official': 'Official',
  'source.category.fundamentals': 'Fundamentals',
  'source.category.prices': 'Prices',
  'source.category.crypto': 'Crypto',
  'source.category.news': 'News',
  'source.category.insiders': 'Insiders',
  'source.category.options': 'Options',
  'source.category.ai': 'AI',
  'source.model.daily-bars': 'daily quotes',
  'source.model.quote': 'quote',
  'source.model.fundamentals': 'fundamentals',
  'source.model.dividends': 'dividends',
  'source.model.company-profile': 'company profile',
  'source.model.companies': 'companies',
  'source.model.statements': 'statements',
  'source.model.macro-series': 'macro series',
  'source.model.treasury-bonds': 'treasury bonds',
  'source.model.screener': 'screener',
  'source.model.insider-trades': 'insider trades',
  'source.model.option-chain': 'option chains',
  'source.model.technical-summary': 'technical summary',
  'source.model.news': 'news',
  'source.model.corporate-actions': 'corporate actions',
};

const LABELS: Record<Locale, Readonly<Record<string, string>>> = { 'pt-BR': labelsPtBR, en: labelsEn };

/** The name of `kind`'s id (`source.category` + `prices` → "Cotações"); the id itself when unknown. */
export function idLabel(locale: Locale, kind: 'source.category' | 'source.model', id: string): string {
  const key = `${kind}.${id}`;
  return Object.hasOwn(LABELS[locale], key) ? (LABELS[locale][key] ?? id) : id;
}

import type { Locale } from './format';
import { aiEn, aiPtBR } from './messages-ai';
import { newsEn, newsPtBR } from './messages-news';
import { settingsEn, settingsPtBR } from './messages-settings';
import { desktopEn, desktopPtBR } from './messages-desktop';
import { sqlEn, sqlPtBR } from './messages-sql';
import { portfolioEn, portfolioPtBR } from './messages-portfolio';
import { portfolioReportEn, portfolioReportPtBR } from './messages-portfolio-report';
import { dataDirEn, dataDirPtBR } from './messages-data-dir';
import { homeEn, homePtBR } from './messages-home';
import { analysisEn, analysisPtBR } from './messages-analysis';
import { jobsEn, jobsPtBR } from './messages-jobs';
import { sourcesEn, sourcesPtBR } from './messages-sources';
import { signinEn, signinPtBR } from './messages-signin';
import { universeEn, universePtBR } from './messages-universe';
import { currentEn, currentPtBR } from './messages-current';
import { labelsEn, labelsPtBR } from './messages-labels';
import { assetEn, assetPtBR } from './messages-asset';
import { macroEn, macroPtBR } from './messages-macro';

const ptBR = {
  'app.name': 'B3 AI Analysis',
  'app.tagline': 'Análise local de ações brasileiras',
  'app.loading': 'Carregando…',
  'lang.switchTo': 'English',
  'lang.label': 'Mudar o idioma para inglês',
  'header.import': 'Importar',
  'header.closeImport': 'Fechar importação',
  'health.healthy': 'Serviços OK',
  'health.degraded': 'Serviços degradados',
  'health.unhealthy': 'Serviços com falha',
  'health.offline': 'Sem conexão',
  'search.label': 'Buscar ativo',
  'search.placeholder': 'Ticker ou nome (ex.: PETR4)',
  'search.none': 'Nenhum ativo encontrado para “{q}”.',
  'search.results': 'Resultados',
  'asset.lastClose': 'Último fechamento',
  'asset.lastDate': 'Data',
  'asset.dayRange': 'Mínima – máxima do dia',
  'asset.volume': 'Volume financeiro',
  'asset.chart': 'Gráfico de preços (candles) e volume de {ticker}',
  'asset.bars': '{count} pregões de {from} a {to}',
  'asset.barsOne': '1 pregão, em {from}',
  'asset.loading': 'Carregando cotações…',
  'asset.pick': 'Escolha um ativo na busca para ver cotações e gráfico.',
  'empty.title': 'Nenhuma cotação no banco de dados ainda',
  'empty.body':
    'Para começar, importe um arquivo COTAHIST da B3 (.TXT ou .ZIP). Ele traz as cotações diárias de todos os ativos negociados.',
  'empty.where':
    'Baixe-o gratuitamente na página “Séries Históricas” do site da B3 (Market Data e Índices → Dados Históricos → Cotações Históricas), escolhendo o ano, mês ou dia desejado.',
  'import.title': 'Importar cotações (COTAHIST)',
  'import.close': 'Fechar',
  'import.drop': 'Arraste arquivos COTAHIST (.TXT ou .ZIP) para cá',
  'import.or': 'ou',
  'import.choose': 'Escolher arquivos…',
  'import.reading': 'Lendo {name}…',
  'import.sending': 'Enviando {count, plural, one {# arquivo} other {# arquivos}}…',
  'import.progress': 'Arquivo {index} de {count}: {name} — {percent} ({records} registros)',
  'import.done': 'Importação concluída',
  'import.failed': 'A importação falhou; veja a mensagem acima.',
  'import.summary.files': 'Arquivos',
  'import.summary.records': 'Registros lidos',
  'import.summary.imported': 'Cotações importadas',
  'import.summary.skipped': 'Ignoradas',
  'import.summary.tickers': 'Ativos',
  'import.summary.period': 'Período',
  'error.title': 'Erro',
  'error.dismiss': 'Fechar',
  'a11y.named': '{action} — {name}',
  ...jobsPtBR,
  ...sourcesPtBR,
  ...signinPtBR,
  ...analysisPtBR,
  ...universePtBR,
  ...currentPtBR,
  ...assetPtBR,
  ...aiPtBR,
  ...newsPtBR,
  ...settingsPtBR,
  ...desktopPtBR,
  ...sqlPtBR,
  ...portfolioPtBR,
  ...portfolioReportPtBR,
  ...dataDirPtBR,
  ...labelsPtBR,
  ...macroPtBR,
  ...homePtBR,
} as const;

export type MessageKey = keyof typeof ptBR;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  'app.name': 'B3 AI Analysis',
  'app.tagline': 'Local analysis of Brazilian stocks',
  'app.loading': 'Loading…',
  'lang.switchTo': 'Português',
  'lang.label': 'Switch the language to Portuguese',
  'header.import': 'Import',
  'header.closeImport': 'Close import',
  'health.healthy': 'Services OK',
  'health.degraded': 'Services degraded',
  'health.unhealthy': 'Services failing',
  'health.offline': 'Offline',
  'search.label': 'Search security',
  'search.placeholder': 'Ticker or name (e.g. PETR4)',
  'search.none': 'No security found for “{q}”.',
  'search.results': 'Results',
  'asset.lastClose': 'Last close',
  'asset.lastDate': 'Date',
  'asset.dayRange': 'Day low – high',
  'asset.volume': 'Traded value',
  'asset.chart': 'Price (candlestick) and volume chart of {ticker}',
  'asset.bars': '{count} sessions from {from} to {to}',
  'asset.barsOne': '1 session, on {from}',
  'asset.loading': 'Loading quotes…',
  'asset.pick': 'Pick a security in the search to see its quotes and chart.',
  'empty.title': 'No quotes in the database yet',
  'empty.body':
    'To start, import a B3 COTAHIST file (.TXT or .ZIP). It holds the daily quotes of every traded security.',
  'empty.where':
    'Download it for free from the “Séries Históricas” (historical series) page on B3’s website (Market Data e Índices → Dados Históricos → Cotações Históricas), choosing a year, month or day.',
  'import.title': 'Import quotes (COTAHIST)',
  'import.close': 'Close',
  'import.drop': 'Drop COTAHIST files (.TXT or .ZIP) here',
  'import.or': 'or',
  'import.choose': 'Choose files…',
  'import.reading': 'Reading {name}…',
  'import.sending': 'Sending {count, plural, one {# file} other {# files}}…',
  'import.progress': 'File {index} of {count}: {name} — {percent} ({records} records)',
  'import.done': 'Import finished',
  'import.failed': 'The import failed; see the message above.',
  'import.summary.files': 'Files',
  'import.summary.records': 'Records read',
  'import.summary.imported': 'Quotes imported',
  'import.summary.skipped': 'Skipped',
  'import.summary.tickers': 'Securities',
  'import.summary.period': 'Period',
  'error.title': 'Error',
  'error.dismiss': 'Dismiss',
  'a11y.named': '{action} — {name}',
  ...jobsEn,
  ...sourcesEn,
  ...signinEn,
  ...analysisEn,
  ...universeEn,
  ...currentEn,
  ...assetEn,
  ...aiEn,
  ...newsEn,
  ...settingsEn,
  ...desktopEn,
  ...sqlEn,
  ...portfolioEn,
  ...portfolioReportEn,
  ...dataDirEn,
  ...labelsEn,
  ...macroEn,
  ...homeEn,
};

export const messages: Record<Locale, Messages> = { 'pt-BR': ptBR, en };

/** `{count, plural, one {# pregão} other {# pregões}}`: the branch Intl.PluralRules picks, `#` the number. */
export const PLURAL_RE = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralOf(locale: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  // Zero takes the plural in Brazilian usage ("0 eventos"), though CLDR files it under "one" for pt.
  return n === 0 ? 'other' : rules.select(n);
}

/** Looks up a message and fills `{name}` placeholders and `{name, plural, …}` forms. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = messages[locale][key];
  if (!vars) return text;
  return text
    .replace(PLURAL_RE, (whole, name: string, one: string, other: string) => {
      const v = vars[name];
      if (v === undefined) return whole;
      const n = typeof v === 'number' ? v : Number(v);
      return (pluralOf(locale, n) === 'one' ? one : other).replace(/#/g, String(v));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = vars[name];
      return v === undefined ? whole : String(v);
    });
}

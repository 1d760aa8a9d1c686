import type { DataPointGroup, ReportLanguage } from '../../contract';
import { fmt, type Facts, type Factor } from './rules-data';

/**
 * Neutral observations for the rule-based writer to fill strengths and risks with when fewer than
 * three factors lean each way: notes on missing data (each citing the closest data point present,
 * the price at worst) and generic facts about the price. All score 0.
 */

const words = (l: ReportLanguage, pt: string, en: string): string => (l === 'en' ? en : pt);

function note(key: string, citations: string[], pt: string, en: string): Factor {
  return { key, score: 0, citations, text: (l) => words(l, pt, en), short: (l) => words(l, pt, en) };
}

/** The `missing` keys of buildReportInput and the group each one leaves empty. */
const MISSING_GROUP: Record<string, DataPointGroup> = {
  statements: 'computed',
  daily_bars: 'technical',
  macro_series: 'macro',
  news: 'news',
  dividends: 'dividends',
  fundamentals: 'fundamental',
};

function groupNote(group: DataPointGroup, f: Facts): Factor | null {
  const cite = (...ids: string[]): string[] => [f.pick(...ids)?.id ?? f.priceId];
  switch (group) {
    case 'computed':
      return note(
        'missing.computed',
        cite('fund.roe', 'fund.pl'),
        'Sem demonstrações da CVM no banco local: os indicadores vêm só dos sites, sem conferência pelos balanços.',
        'No CVM filings in the local database: the ratios come only from the websites, unchecked against the statements.',
      );
    case 'valuation':
      return note(
        'missing.valuation',
        cite('fund.pl'),
        'Sem modelos de preço justo: os preços-alvo são faixas em torno da cotação.',
        'No fair-value models: the target prices are bands around the price.',
      );
    case 'dividends':
      return note(
        'missing.dividends',
        cite('fund.dy'),
        'Sem histórico de proventos no banco local: a regularidade dos dividendos não foi avaliada.',
        'No dividend history in the local database: dividend regularity was not assessed.',
      );
    case 'news':
      return note(
        'missing.news',
        cite(),
        'Sem notícias armazenadas sobre o ativo: o sentimento do noticiário não foi avaliado.',
        'No stored news about the stock: news sentiment was not assessed.',
      );
    case 'macro':
      return note(
        'missing.macro',
        cite('fund.dy'),
        'Sem dados macroeconômicos (Selic, IPCA): o retorno não foi comparado aos juros.',
        'No macro data (Selic, IPCA): the return was not compared with interest rates.',
      );
    case 'fundamental':
      return note(
        'missing.fundamental',
        cite(),
        'Sem indicadores fundamentalistas: qualidade, dívida e múltiplos não foram avaliados.',
        'No fundamental ratios: quality, debt and multiples were not assessed.',
      );
    default:
      // price and technical: the price is always present; the technical note is a factor of its own.
      return null;
  }
}

/** Notes on what is missing: groups with no data point, partial macro data, unknown missing keys. */
export function missingNotes(f: Facts): Factor[] {
  const present = new Set(f.input.data_points.map((p) => p.group));
  const out: Factor[] = [];
  const seen = new Set<string>();
  const add = (n: Factor | null): void => {
    if (n && !seen.has(n.key)) {
      seen.add(n.key);
      out.push(n);
    }
  };
  for (const m of f.input.missing) {
    const group = MISSING_GROUP[m];
    if (group === undefined) {
      add(
        note(
          `missing.${m}`,
          [f.priceId],
          `Dado ausente no banco local: ${m}.`,
          `Missing from the local database: ${m}.`,
        ),
      );
    } else if (group === 'macro' && present.has('macro')) {
      const macro = f.input.data_points.filter((p) => p.group === 'macro').map((p) => p.id);
      const noSelic = !macro.some((id) => id.startsWith('macro.selic') || id === 'macro.cdi_12m');
      add(
        note(
          'missing.macro_partial',
          macro.slice(0, 2),
          noSelic
            ? 'Séries do Banco Central incompletas: sem a Selic, o dividend yield não foi comparado aos juros.'
            : 'Séries do Banco Central incompletas no banco local.',
          noSelic
            ? 'Incomplete central bank series: without the Selic, the dividend yield was not compared with interest rates.'
            : 'Incomplete central bank series in the local database.',
        ),
      );
    }
  }
  const groups: DataPointGroup[] = ['fundamental', 'computed', 'valuation', 'dividends', 'news', 'macro'];
  for (const g of groups) if (!present.has(g)) add(groupNote(g, f));
  return out;
}

/** Last-resort observations, distinct from each other, all citing the price. */
export function fallbackNotes(f: Facts): Factor[] {
  const n = f.input.data_points.length;
  const date = f.input.price_as_of;
  return [
    {
      key: 'fallback.price',
      score: 0,
      citations: [f.priceId],
      text: (l) => {
        const p = fmt(l).brl(f.price);
        return date
          ? words(l, `Cotação de referência: ${p} em ${date}.`, `Reference price: ${p} on ${date}.`)
          : words(l, `Cotação de referência: ${p}.`, `Reference price: ${p}.`);
      },
      short: (l) => fmt(l).brl(f.price),
    },
    {
      key: 'fallback.coverage',
      score: 0,
      citations: [f.priceId],
      text: (l) =>
        words(
          l,
          `Análise limitada aos ${n} dados do banco local citados neste relatório.`,
          `Analysis limited to the ${n} data points of the local database cited in this report.`,
        ),
      short: (l) => words(l, `${n} dados`, `${n} data points`),
    },
    {
      key: 'fallback.rules',
      score: 0,
      citations: [f.priceId],
      text: (l) =>
        words(
          l,
          'Leitura por regras fixas: não considera fatos qualitativos nem eventos fora dos dados.',
          'Fixed-rule reading: it does not weigh qualitative facts or events outside the data.',
        ),
      short: (l) => words(l, 'regras fixas', 'fixed rules'),
    },
  ];
}

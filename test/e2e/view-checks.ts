import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Locale } from '../../renderer/src/i18n/format';

/**
 * Words of one language that must never show in the other (issue 15, item 5). Matched against the
 * page's whitespace-separated words (punctuation around a word is dropped), so "Preço" does not
 * match "Preços" and "Close" does not match "Closed". Case counts, except that a word listed in
 * lower case also matches it capitalised ("the" matches "The", not the SQL keyword "WITH" for
 * "with"; "Dividends" does not match the table name "dividends"). A phrase of several words
 * matches those words in a row. Proper nouns both languages share (B3, Tesouro Direto, Status
 * Invest, COTAHIST) are left out on purpose.
 */
export const FOREIGN_WORDS: Record<Locale, readonly string[]> = {
  // Portuguese words that must not appear in the English UI.
  en: [
    'nenhum',
    'nenhuma',
    'preço',
    'fechamento',
    'pregão',
    'pregões',
    'relatório',
    'relatórios',
    'carregando',
    'sem dados',
    'nunca',
    'ações',
    'ativos',
    'fechar',
    'importar',
    'rodar',
    'salvar',
    'cotação',
    'cotações',
    'configurações',
    'carteira',
    'comparar',
    'setor',
    'lucro',
    'receita',
    'dívida',
    'proventos',
    'ainda',
    'não',
    'você',
    'para',
    'com',
    'VENDA',
    'COMPRA',
    'MANTER',
    'POSITIVO',
    'NEGATIVO',
    'NEUTRO',
    'dia(s)',
    'pregão(ões)',
  ],
  // English words that must not appear in the Portuguese UI.
  'pt-BR': [
    'no data',
    'price',
    'close',
    'report',
    'reports',
    'loading',
    'run',
    'save',
    'settings',
    'search',
    'import',
    'the',
    'and',
    'with',
    'from',
    'never',
    'failed',
    'missing',
    'none',
    'sessions',
    'portfolio',
    'Dividends',
    'BUY',
    'SELL',
    'HOLD',
    'POSITIVE',
    'NEGATIVE',
    'NEUTRAL',
    'STOCK',
    'price_above',
    'price_below',
  ],
};

const norm = (w: string): string => w.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N})]+$/u, '');
const capitalised = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** The words of `words` found in `text` as whole words (or runs of words), in list order. */
export function foreignWordsIn(text: string, words: readonly string[]): string[] {
  const joined = ` ${text.split(/\s+/).map(norm).filter(Boolean).join(' ')} `;
  return words.filter((w) => {
    const phrase = w.split(/\s+/).map(norm).join(' ');
    const forms = phrase === phrase.toLowerCase() ? [phrase, capitalised(phrase)] : [phrase];
    return forms.some((f) => joined.includes(` ${f} `));
  });
}

/** The text a user meets on the page: what is shown, plus labels, titles and placeholders. */
export async function visibleText(page: Page): Promise<string> {
  return String(
    await page.evaluate(`(() => {
      const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((el) =>
        ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
      );
      return document.body.innerText + '\\n' + attrs.join('\\n');
    })()`),
  );
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it stands (WCAG 2 A/AA rules). */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, so the app's Content-Security-Policy does not block it.
  await page.evaluate(`if (!window.axe) { ${axeSource} }`);
  const json = await page.evaluate(`(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return JSON.stringify(r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 160)) })));
  })()`);
  return JSON.parse(String(json)) as AxeViolation[];
}

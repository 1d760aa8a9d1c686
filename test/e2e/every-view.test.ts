import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../renderer/src/i18n/format';
import { hashForView, VIEWS, type View } from '../../renderer/src/store/hash-route';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { api, ingestWege3 } from './ai-data';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';
import { axeSerious, FOREIGN_WORDS, foreignWordsIn, visibleText, type AxeViolation } from './view-checks';

/**
 * Every view (renderer/src/store/hash-route.ts's VIEWS), in both languages, with real data loaded
 * (the daily COTAHIST of 25/06/2021, WEGE3's Fundamentus pages, Status Invest's export): one
 * screenshot each in test-results/e2e/view-<name>-<lang>.png (issue 15, item 10), no word of the
 * other language (item 5), no serious or critical axe-core violation, no console error, and a
 * header that fits one row at 1366 px (item 9).
 */
/** A little of the text around a word, to find where it comes from. */
const context = (text: string, word: string): string => {
  const i = text.toLowerCase().indexOf(word.toLowerCase());
  return text.slice(Math.max(0, i - 60), i + word.length + 60).replace(/\s+/g, ' ');
};

const LOCALES: readonly Locale[] = ['pt-BR', 'en'];
/** renderer/src/i18n/locale-store.ts's LOCALE_STORAGE_KEY (that module needs the DOM's types). */
const LOCALE_STORAGE_KEY = 'b3ai.locale';
const TICKER = 'WEGE3';

interface Seen {
  foreign: string[];
  axe: AxeViolation[];
  duplicateNames: string[];
  headerRows: number;
  consoleErrors: string[];
}

describe('every view in both languages (words, axe, screenshots)', () => {
  let session: AppSession;
  let page: Page;
  const seen = new Map<string, Seen>();

  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-views-', { width: 1366, height: 900 });
    page = session.page;
    await ingestWege3(session);
    const screener = (await api(session, 'POST', '/api/sources/status-invest/ingest', {
      model: 'screener',
      file: fixture('statusinvest', 'statusinvest-busca-avancada.csv'),
    })) as { items: number };
    expect(screener.items).toBe(601);
    const quotes = (await api(session, 'POST', '/api/import/cotahist', { paths: [COTAHIST_DAILY()] })) as {
      imported: number;
    };
    expect(quotes.imported).toBe(989);
  });

  afterAll(async () => {
    // What each view showed, for reading a failure: its words, axe findings and console errors.
    writeFileSync(join(ARTIFACTS, 'every-view.json'), JSON.stringify(Object.fromEntries(seen), null, 2));
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  async function visit(view: View, locale: Locale): Promise<Seen> {
    const key = `${view}-${locale}`;
    const cached = seen.get(key);
    if (cached) return cached;
    await page.evaluate(
      `localStorage.setItem(${JSON.stringify(LOCALE_STORAGE_KEY)}, ${JSON.stringify(locale)})`,
    );
    const before = session.consoleErrors.length;
    await page.goto('about:blank');
    await page.goto(`${session.serve.url}${hashForView(view, TICKER)}`);
    await page.locator(`[data-app-state="ready"][data-view="${view}"]`).waitFor();
    if (view === 'assets') await page.getByTestId('asset-page').waitFor();
    // Let the view's own requests answer and render (no spinner left to catch).
    await page.waitForLoadState('load');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(ARTIFACTS, `view-${view}-${locale}.png`), fullPage: true });
    const text = await visibleText(page);
    const foreign = foreignWordsIn(text, FOREIGN_WORDS[locale]).map((w) => `${w} :: ${context(text, w)}`);
    const axe = await axeSerious(page);
    const duplicateNames = await page.evaluate<string[]>(`(() => {
      const names = [...document.querySelectorAll('button, [role="button"]')]
        .filter((b) => b.offsetParent !== null)
        .map((b) => (b.getAttribute('aria-label') || b.textContent || '').trim())
        .filter(Boolean);
      return names.filter((n, i) => names.indexOf(n) !== i && names.indexOf(n, names.indexOf(n) + 1) === i);
    })()`);
    const headerRows = Number(
      await page.evaluate(`(() => {
        const h = document.querySelector('header');
        if (!h) return 0;
        // The header's blocks, its tabs and its actions: a new row starts below the last one's bottom.
        const items = [...h.children, ...h.querySelectorAll('.nav-tab, .header-actions > *')]
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.height > 0)
          .sort((a, b) => a.top - b.top);
        let rows = 0;
        let bottom = -Infinity;
        for (const r of items) {
          if (r.top >= bottom - 1) { rows += 1; bottom = r.bottom; } else bottom = Math.max(bottom, r.bottom);
        }
        return rows;
      })()`),
    );
    const result: Seen = {
      foreign,
      axe,
      duplicateNames,
      headerRows,
      consoleErrors: session.consoleErrors.slice(before),
    };
    seen.set(key, result);
    return result;
  }

  for (const locale of LOCALES) {
    for (const view of VIEWS) {
      it(`${view} in ${locale}: a screenshot, no ${locale === 'en' ? 'Portuguese' : 'English'} word, no serious axe violation, no console error`, async () => {
        const s = await visit(view, locale);
        expect(s.foreign, 'words of the other language').toEqual([]);
        expect(s.axe, 'axe-core serious/critical violations').toEqual([]);
        expect(s.duplicateNames, 'buttons sharing one accessible name').toEqual([]);
        expect(s.consoleErrors, 'console errors').toEqual([]);
      });
    }
  }

  it('the header fits one row at 1366 px on every view', async () => {
    for (const locale of LOCALES)
      for (const view of VIEWS) expect((await visit(view, locale)).headerRows, `${view}-${locale}`).toBe(1);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, attrs, ingestWege3, nbsp, writeFeed } from './ai-data';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

/**
 * The asset page's news panel against the real `b3ai serve`. The news is stored the way users
 * store saved pages: through the sources' own parsers (POST /api/sources/{id}/ingest). The feeds
 * are minimal RSS 2.0 files written by this test (no capture of a real feed is needed here): a
 * Google News search for WEGE3 (one positive, one negative and one neutral headline) and an
 * InfoMoney market feed (a positive WEGE3 headline, and one about VALE3 only). The job the empty
 * state queues runs against a local server of this test answering the same kind of feed (no
 * network), and its headline then shows.
 */
describe('news panel in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;
  let feeds: string;
  let feedServer: Server;
  /** The Google News requests the queued job made to the local feed server. */
  const feedRequests: string[] = [];

  const text = async (testId: string) => nbsp(await page.getByTestId(testId).first().textContent());
  const ready = () => page.locator('[data-app-state="ready"]').waitFor();
  const panelReady = () => page.locator('[data-testid="news-panel"][data-state="ready"]').waitFor();
  const items = () => page.locator('[data-testid^="news-item-"]');
  const titles = () => page.locator('[data-testid^="news-link-"]').allTextContents();

  beforeAll(async () => {
    feeds = mkdtempSync(join(tmpdir(), 'b3ai-e2e-feeds-'));
    const itub4 = writeFeed(join(feeds, 'google-itub4.xml'), '"ITUB4" - Google Notícias', [
      {
        title: 'Itaú (ITUB4) sobe após lucro forte no trimestre - Exame',
        link: 'https://news.google.com/rss/articles/e2e-itau-lucro?oc=5',
        pubDate: 'Wed, 06 May 2026 08:00:00 GMT',
        publisher: { name: 'Exame', url: 'https://exame.com' },
      },
    ]);
    feedServer = createServer((req, res) => {
      feedRequests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(readFileSync(itub4));
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    session = await openAppSession('b3ai-e2e-news-', { width: 1400, height: 1000 }, (dir) => {
      // The empty state's buttons queue real jobs: Google News answers from the local feed server,
      // the other news sources point at a closed local port.
      const dead = { baseUrl: 'http://127.0.0.1:9' };
      const sources = { 'google-news': { baseUrl: feedUrl }, infomoney: dead, valor: dead };
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ sources }, null, 2));
    });
    page = session.page;
    await ingestWege3(session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    await new Promise((resolve) => feedServer?.close(resolve));
    rmSync(feeds, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it('stores a Google News search for WEGE3 and an InfoMoney feed through the sources’ parsers', async () => {
    const google = writeFeed(join(feeds, 'google-wege3.xml'), '"WEGE3" - Google Notícias', [
      {
        title: 'WEG (WEGE3) tem lucro recorde e ações disparam - InfoMoney',
        link: 'https://news.google.com/rss/articles/e2e-weg-lucro?oc=5',
        pubDate: 'Mon, 04 May 2026 12:45:00 GMT',
        publisher: { name: 'InfoMoney', url: 'https://www.infomoney.com.br' },
      },
      {
        title: 'WEGE3 cai após balanço fraco e queda nas margens - Valor Econômico',
        link: 'https://news.google.com/rss/articles/e2e-weg-queda?oc=5',
        pubDate: 'Mon, 04 May 2026 11:00:00 GMT',
        publisher: { name: 'Valor Econômico', url: 'https://valor.globo.com' },
      },
      {
        title: 'WEG anuncia data da assembleia de acionistas - Exame',
        link: 'https://news.google.com/rss/articles/e2e-weg-assembleia?oc=5',
        pubDate: 'Sun, 03 May 2026 09:00:00 GMT',
        publisher: { name: 'Exame', url: 'https://exame.com' },
      },
    ]);
    const infomoney = writeFeed(join(feeds, 'infomoney-mercados.xml'), 'InfoMoney Mercados', [
      {
        title: 'WEGE3: analistas elevam recomendação e veem forte crescimento',
        link: 'https://www.infomoney.com.br/mercados/e2e-weg-recomendacao/',
        pubDate: 'Tue, 05 May 2026 10:00:00 GMT',
        description: 'Bancos elevam o preço-alvo da fabricante de motores.',
      },
      {
        title: 'VALE3 recua com minério em queda',
        link: 'https://www.infomoney.com.br/mercados/e2e-vale-minerio/',
        pubDate: 'Tue, 05 May 2026 09:00:00 GMT',
      },
    ]);
    const g = (await api(session, 'POST', '/api/sources/google-news/ingest', {
      model: 'news',
      file: google,
      ticker: 'WEGE3',
    })) as { items: number; stored: number };
    expect(g).toMatchObject({ items: 3, stored: 3 });
    const i = (await api(session, 'POST', '/api/sources/infomoney/ingest', {
      model: 'news',
      file: infomoney,
    })) as {
      items: number;
    };
    expect(i.items).toBe(2);
  });

  it('lists the WEGE3 headlines on the asset page, newest first, each with its sentiment', async () => {
    await page.goto(`${session.serve.url}#/asset/WEGE3`);
    await ready();
    await panelReady();
    await page.getByTestId('news-list').waitFor();
    expect(await titles()).toEqual([
      'WEGE3: analistas elevam recomendação e veem forte crescimento',
      'WEG (WEGE3) tem lucro recorde e ações disparam',
      'WEGE3 cai após balanço fraco e queda nas margens',
      'WEG anuncia data da assembleia de acionistas',
    ]);
    expect(await attrs(items(), 'data-sentiment')).toEqual(['positive', 'positive', 'negative', 'neutral']);
    expect(await text('news-summary')).toBe('▲ Positiva +0,23 4 notícias: 2 positivas, 1 negativa, 1 neutra');

    // One item in full: the badge (shape, word, score), the publisher, the link opening a new window.
    const negative = page.locator('[data-testid^="news-item-"][data-sentiment="negative"]');
    const badge = negative.locator('[data-testid^="news-sentiment-"]');
    expect(nbsp(await badge.textContent())).toMatch(/^▼ Negativa -0,\d\d$/);
    expect(Number(await badge.getAttribute('data-score'))).toBeLessThan(0);
    expect(await negative.locator('[data-testid^="news-publisher-"]').textContent()).toBe('Valor Econômico');
    const link = negative.locator('[data-testid^="news-link-"]');
    expect(await link.getAttribute('href')).toBe('https://news.google.com/rss/articles/e2e-weg-queda?oc=5');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    // How long ago depends on today's date (the feed's dates are fixed): any "há N dias/meses/anos".
    expect(nbsp(await negative.textContent())).toMatch(/Valor Econômicohá \d+ \p{L}+google-newsWEGE3▼/u);
    // The newest one came from the InfoMoney feed, matched to WEGE3 by the ticker in its title.
    expect(nbsp(await items().first().textContent())).toMatch(/InfoMoney.*infomoney/);
    await page.getByTestId('news-panel').screenshot({ path: join(ARTIFACTS, 'news-WEGE3.png') });
  });

  it('filters by sentiment and by source', async () => {
    expect(await page.getByTestId('news-filter-all').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('news-filter-negative').click();
    await expect.poll(() => items().count()).toBe(1);
    await panelReady();
    expect(await titles()).toEqual(['WEGE3 cai após balanço fraco e queda nas margens']);
    expect(await page.getByTestId('news-filter-negative').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('news-filter-all').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('news-summary').getAttribute('data-count')).toBe('1');

    await page.getByTestId('news-filter-positive').click();
    await expect.poll(() => items().count()).toBe(2);
    const sources = await page.locator('[data-testid="news-source"] option').allTextContents();
    expect(sources).toEqual(['Todas as fontes', 'google-news', 'infomoney']);
    await page.getByTestId('news-source').selectOption('infomoney');
    await expect.poll(() => items().count()).toBe(1);
    expect(await titles()).toEqual(['WEGE3: analistas elevam recomendação e veem forte crescimento']);

    // Nothing negative from InfoMoney: the filters stay, with a line that says so.
    await page.getByTestId('news-filter-negative').click();
    await page.getByTestId('news-empty-filtered').waitFor();
    expect(await text('news-empty-filtered')).toBe('Nenhuma notícia com estes filtros.');
    expect(await page.getByTestId('news-source').inputValue()).toBe('infomoney');
    await page.getByTestId('news-panel').screenshot({ path: join(ARTIFACTS, 'news-WEGE3-filtered.png') });

    await page.getByTestId('news-filter-all').click();
    await page.getByTestId('news-source').selectOption('');
    await expect.poll(() => items().count()).toBe(4);
  });

  it('shows a ticker with news from a feed only: VALE3', async () => {
    await page.goto(`${session.serve.url}#/asset/VALE3`);
    await ready();
    await expect.poll(() => titles()).toEqual(['VALE3 recua com minério em queda']);
    await panelReady();
    expect(await items().first().getAttribute('data-sentiment')).toBe('negative');
  });

  it('shows the empty state of a ticker without news; the job it queues fetches the headline', async () => {
    await page.goto(`${session.serve.url}#/asset/ITUB4`);
    await ready();
    await panelReady();
    const empty = page.getByTestId('news-empty');
    await empty.waitFor();
    expect(nbsp(await empty.textContent())).toMatch(
      /^Nenhuma notícia de ITUB4 no banco de dados\. Busque-as em uma destas fontes:/,
    );
    await expect(page.getByTestId('news-filter-all').count()).resolves.toBe(0);
    const hint = nbsp(await page.getByTestId('news-missing').textContent());
    expect(hint).toContain('notícias de ITUB4 (google-news, busca por ticker e nome da empresa)');
    expect(hint).toContain('notícias do feed de infomoney');
    expect(hint).toContain('notícias do feed de valor');
    await page.getByTestId('news-panel').screenshot({ path: join(ARTIFACTS, 'news-empty-ITUB4.png') });

    await page.getByTestId('missing-run-google-news').click();
    const queued = page.getByTestId('missing-queued-google-news');
    const failed = page.locator('[data-testid="news-missing"] [data-error-code]');
    await Promise.race([queued.waitFor(), failed.waitFor()]);
    if ((await failed.count()) > 0)
      throw new Error(`jobs.create refused the job: ${await failed.textContent()}`);
    const jobId = /^Na fila \(tarefa (.+)\)$/.exec((await queued.textContent()) ?? '')?.[1];
    expect(jobId).toBeTruthy();
    const status = async () =>
      ((await api(session, 'GET', `/api/jobs/${jobId}`)) as { job: { status: string } }).job.status;
    await expect.poll(status, { timeout: 30_000 }).toBe('completed');
    expect(feedRequests).toEqual(['/rss/search?q=ITUB4&hl=pt-BR&gl=BR&ceid=BR:pt-419']);
    await page.reload();
    await ready();
    await expect.poll(() => titles()).toEqual(['Itaú (ITUB4) sobe após lucro forte no trimestre']);
    expect(await attrs(items(), 'data-sentiment')).toEqual(['positive']);
  });

  it('speaks English too', async () => {
    await page.goto(`${session.serve.url}#/asset/WEGE3`);
    await ready();
    await page.getByTestId('news-list').waitFor();
    await page.getByTestId('lang-switch').click();
    await expect
      .poll(() => text('news-summary'))
      .toBe('▲ Positive +0.23 4 items: 2 positive, 1 negative, 1 neutral');
    expect(await text('news-filter-negative')).toBe('Negative');
    await page.getByTestId('lang-switch').click();
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    // quotes.list answers 404 (NOT_FOUND) for tickers with no quotes imported, and ai.latest for
    // tickers with no report: Chromium logs those as failed loads.
    const unexpected = session.consoleErrors.filter((m) => !/status of 404/.test(m));
    expect(unexpected).toEqual([]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName, Output } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';

// News stored the way the app stores it: feeds parsed by the sources, merged across sources, tickers
// matched from the real CVM register and B3 COTAHIST names. The feeds are OUR OWN minimal files in
// each site's published format (no real pt-BR capture exists here); the register and COTAHIST file
// are real captures from ../shared/fixtures.

let dataDir: string;
let core: Core;

async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.call(method, input);
  if (!r.ok)
    throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.data as Output<M>;
}

const rss = (items: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>feed</title><link>https://example.com/</link><description>d</description>${items}</channel></rss>`;

const GOOGLE = rss(`
<item><title>Petrobras anuncia recompra de ações e dividendos bilionários - InfoMoney</title>
<link>https://news.google.com/rss/articles/CBMiPetroRecompra?oc=5</link><guid isPermaLink="false">CBMiPetroRecompra</guid>
<pubDate>Tue, 24 Nov 2026 13:00:00 GMT</pubDate><description>Petrobras anuncia recompra</description>
<source url="https://www.infomoney.com.br">InfoMoney</source></item>
<item><title>Ibovespa fecha em queda forte com temor fiscal e prejuízo de bancos - Valor Econômico</title>
<link>https://news.google.com/rss/articles/CBMiIbovQueda?oc=5</link><guid isPermaLink="false">CBMiIbovQueda</guid>
<pubDate>Mon, 23 Nov 2026 20:10:00 GMT</pubDate><description>Bolsa</description>
<source url="https://valor.globo.com">Valor Econômico</source></item>`);

const INFOMONEY = rss(`
<item><title>Petrobras anuncia recompra de ações e dividendos bilionários</title>
<link>https://www.infomoney.com.br/mercados/petrobras-recompra/?utm_source=rss&amp;utm_medium=feed</link>
<pubDate>Tue, 24 Nov 2026 10:02:00 -0300</pubDate>
<description><![CDATA[<p>A estatal aprovou um programa de recompra e a distribuição de dividendos.</p>]]></description></item>
<item><title>Vale (VALE3) sobe após relatório de produção forte</title>
<link>https://www.infomoney.com.br/mercados/vale-producao/</link>
<pubDate>Wed, 25 Nov 2026 09:00:00 -0300</pubDate><description>Mineradora</description></item>
<item><title>Magazine Luiza tem prejuízo e ações despencam</title>
<link>https://www.infomoney.com.br/mercados/magalu-prejuizo/</link>
<pubDate>Wed, 25 Nov 2026 11:00:00 -0300</pubDate><description>Varejo</description></item>`);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-news-'));
  core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  await call('import.cotahist', { paths: [COTAHIST_DAILY()] });
  await call('sources.ingest', {
    source: 'cvm',
    model: 'companies',
    file: fixture('cvm', 'cad_cia_aberta.csv'),
  });
  const g = join(dataDir, 'google.xml');
  const i = join(dataDir, 'infomoney.xml');
  writeFileSync(g, GOOGLE);
  writeFileSync(i, INFOMONEY);
  await call('sources.ingest', { source: 'google-news', model: 'news', file: g, ticker: 'PETR4' });
  await call('sources.ingest', { source: 'infomoney', model: 'news', file: i });
});

afterAll(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('news', () => {
  it('one story carried by two sources is stored once, with the publisher URL and both sources', async () => {
    const n = await call('analysis.news', { ticker: 'PETR4' });
    const story = n.news.filter((x) => x.title.startsWith('Petrobras anuncia recompra'));
    expect(story).toHaveLength(1);
    expect(story[0]).toMatchObject({
      url: 'https://www.infomoney.com.br/mercados/petrobras-recompra',
      sources: ['google-news', 'infomoney'],
      published_at: '2026-11-24T13:00:00.000Z',
      sentiment: { label: 'positive' },
    });
    expect(story[0]?.description).toContain('programa de recompra');
    // Company name → both share classes (CVM register "PETROBRAS" = COTAHIST PETR3, PETR4).
    expect(story[0]?.tickers).toEqual(expect.arrayContaining(['PETR3', 'PETR4']));
    expect(n.news.map((x) => x.published_at)).toEqual(
      [...n.news.map((x) => x.published_at)].sort().reverse(),
    );
  });

  it('tickers come from the text (VALE3) and from company names (PETR3 found by "Petrobras")', async () => {
    const petr3 = await call('analysis.news', { ticker: 'PETR3' });
    expect(petr3.news.map((x) => x.title)).toEqual([
      'Petrobras anuncia recompra de ações e dividendos bilionários',
    ]);
    const vale = await call('analysis.news', { ticker: 'VALE3' });
    expect(vale.news.map((x) => x.title)).toEqual(['Vale (VALE3) sobe após relatório de produção forte']);
    expect(vale.news[0]?.sentiment.label).toBe('positive');
    // COTAHIST writes "MAGAZ LUIZA"; the register's "MAGAZINE LUIZA SA" links the headline's name to MGLU3.
    const mglu = await call('analysis.news', { ticker: 'MGLU3' });
    expect(mglu.news.map((x) => [x.title, x.sentiment.label])).toEqual([
      ['Magazine Luiza tem prejuízo e ações despencam', 'negative'],
    ]);
  });

  it('filters by sentiment and source, and summarises what matches', async () => {
    const all = await call('analysis.news', { ticker: 'PETR4' });
    expect(all.sentiment.count).toBe(2);
    expect(all.sentiment.counts).toEqual({ positive: 1, negative: 1, neutral: 0 });
    expect(all.sources).toEqual(['google-news', 'infomoney']);
    const neg = await call('analysis.news', { ticker: 'PETR4', sentiment: 'negative' });
    expect(neg.news.map((x) => x.publisher)).toEqual(['Valor Econômico']);
    expect(neg.news[0]?.sentiment.score).toBeLessThan(0);
    const fromInfomoney = await call('analysis.news', { ticker: 'PETR4', source: 'infomoney' });
    expect(fromInfomoney.news).toHaveLength(1);
    const limited = await call('analysis.news', { ticker: 'PETR4', limit: 1 });
    expect(limited.news).toHaveLength(1);
    expect(limited.sentiment.count).toBe(2);
  });

  it('fetching the same feeds again adds nothing', async () => {
    await call('sources.ingest', {
      source: 'infomoney',
      model: 'news',
      file: join(dataDir, 'infomoney.xml'),
    });
    await call('sources.ingest', {
      source: 'google-news',
      model: 'news',
      file: join(dataDir, 'google.xml'),
      ticker: 'PETR4',
    });
    const { pg } = core.stores();
    const rows = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM news');
    expect(rows.rows[0]?.n).toBe(4);
  });

  it('bad input is refused with the field named', async () => {
    await expect(call('analysis.news', { ticker: 'PETR4', limit: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(call('analysis.news', { ticker: 'PETR4', since: '24/11/2026' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

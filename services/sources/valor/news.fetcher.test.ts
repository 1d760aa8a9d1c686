/**
 * fixtures/rss-valor.xml is OUR OWN minimal file shaped after Globo's RSS 2.0 feeds
 * (pox.globo.com: CDATA titles, an <img> leading the description, media:content, -0300 dates) —
 * not a capture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { brokenFeeds } from '../shared/news-broken';
import { errorCode } from '../test-support';
import source from './index';

const { news } = source.fetchers;
if (!news) throw new Error('valor: no news fetcher');
const FEED_URL = 'https://pox.globo.com/rss/valor/';
const text = readFileSync(new URL('./fixtures/rss-valor.xml', import.meta.url), 'utf8');
const run = (body: string) => runTransform('valor', news, rawFromFile(Buffer.from(body), FEED_URL), {});
const ctx = { baseUrl: 'https://pox.globo.com', credentials: {}, now: new Date('2026-05-04T12:00:00Z') };

describe('valor news (Globo RSS)', () => {
  it('requests /rss/valor/ under ctx.baseUrl', () => {
    expect(news.request({}, ctx).url).toBe(FEED_URL);
    expect(source.info.url).toBe('https://valor.globo.com');
  });

  it('reads the 2 items: the leading image dropped, spaces collapsed, -0300 in UTC', async () => {
    const items = await run(text);
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      title: 'Itaú Unibanco (ITUB4) lucra R$ 10,9 bilhões no trimestre, acima do esperado',
      url: 'https://valor.globo.com/financas/noticia/2026/05/04/itau-unibanco-lucra-r-109-bilhoes.ghtml',
      publisher: 'Valor Econômico',
      published_at: '2026-05-04T11:05:00Z',
      description: 'Resultado do banco superou o consenso; retorno sobre patrimônio chegou a 22,5%',
      tickers: ['ITUB4'],
    });
    expect(items[1]).toMatchObject({ published_at: '2026-05-04T10:40:12Z', tickers: ['CMIN3', 'VALE3'] });
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it.each(brokenFeeds(text))('LAYOUT_CHANGED: %s', async (_name, broken) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
  });
});

/**
 * fixtures/mercados-feed.xml is OUR OWN minimal file shaped after Exame's WordPress RSS 2.0 feed
 * (CDATA descriptions, some plain and some in <p>) — not a capture.
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
if (!news) throw new Error('exame: no news fetcher');
const FEED_URL = 'https://exame.com/mercados/feed/';
const text = readFileSync(new URL('./fixtures/mercados-feed.xml', import.meta.url), 'utf8');
const run = (body: string) => runTransform('exame', news, rawFromFile(Buffer.from(body), FEED_URL), {});
const ctx = { baseUrl: 'https://exame.com', credentials: {}, now: new Date('2026-05-04T12:00:00Z') };

describe('exame news (mercados feed)', () => {
  it('requests /mercados/feed/ under ctx.baseUrl', () => {
    expect(news.request({}, ctx).url).toBe(FEED_URL);
    expect(news.request({ ticker: 'MGLU3' }, { ...ctx, baseUrl: 'http://127.0.0.1:9' }).url).toBe(
      'http://127.0.0.1:9/mercados/feed/',
    );
  });

  it('reads the 2 items', async () => {
    const items = await run(text);
    expect(items).toEqual([
      {
        title: 'Magazine Luiza (MGLU3) dispara 8% após balanço do 1º trimestre',
        url: 'https://exame.com/mercados/magazine-luiza-mglu3-dispara-apos-balanco/',
        publisher: 'Exame',
        published_at: '2026-05-04T13:30:00Z',
        description: 'Varejista reverteu prejuízo e registrou lucro líquido de R$ 120 milhões',
        tickers: ['MGLU3'],
      },
      {
        title: 'Dólar fecha em queda com fluxo estrangeiro para a bolsa',
        url: 'https://exame.com/mercados/dolar-fecha-em-queda/',
        publisher: 'Exame',
        published_at: '2026-05-01T20:15:00Z',
        description: 'Moeda americana recuou 0,8%, a R$ 5,01',
        tickers: [],
      },
    ]);
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it.each(brokenFeeds(text))('LAYOUT_CHANGED: %s', async (_name, broken) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
  });
});

/**
 * fixtures/mercados-feed.xml is OUR OWN minimal file shaped after InfoMoney's WordPress RSS 2.0
 * feed (dc:creator, CDATA categories and descriptions, sy:/wfw:/slash: extensions) — not a capture.
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
if (!news) throw new Error('infomoney: no news fetcher');
const FEED_URL = 'https://www.infomoney.com.br/mercados/feed/';
const text = readFileSync(new URL('./fixtures/mercados-feed.xml', import.meta.url), 'utf8');
const run = (body: string, q = {}) =>
  runTransform('infomoney', news, rawFromFile(Buffer.from(body), FEED_URL), q);
const ctx = {
  baseUrl: 'https://www.infomoney.com.br',
  credentials: {},
  now: new Date('2026-05-04T12:00:00Z'),
};

describe('infomoney news (mercados feed)', () => {
  it('requests /mercados/feed/ under ctx.baseUrl, whatever the ticker', () => {
    expect(news.request({}, ctx).url).toBe(FEED_URL);
    expect(news.request({ ticker: 'PETR4' }, { ...ctx, baseUrl: 'http://127.0.0.1:9/' }).url).toBe(
      'http://127.0.0.1:9/mercados/feed/',
    );
    expect([news.primary, news.required, news.emptyIsValid]).toEqual(['ticker', [], true]);
  });

  it('reads the 3 items, with the tickers written in them', async () => {
    const items = await run(text, { ticker: 'VALE3' });
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      title: 'Petrobras (PETR4) sobe 3% após anúncio de dividendos extraordinários',
      url: 'https://www.infomoney.com.br/mercados/petrobras-petr4-sobe-apos-anuncio-de-dividendos-extraordinarios/',
      publisher: 'InfoMoney',
      published_at: '2026-05-04T12:45:00Z',
      description:
        'Estatal aprovou pagamento de R$ 15 bilhões; ações preferenciais lideram as altas do Ibovespa',
      tickers: ['PETR4'],
    });
    expect(items[1]?.description).toBe(
      'VALE3 perde 2,1%; ITUB4 e BBDC4 avançam. Dólar opera estável a R$ 5,02 – acompanhe',
    );
    expect(items[1]?.tickers).toEqual(['BBDC4', 'ITUB4', 'VALE3']);
    expect(items[2]).toMatchObject({
      title: 'Copom: o que esperar da reunião & dos juros nesta semana',
      published_at: '2026-05-03T21:00:00Z',
      tickers: [],
    });
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it('a channel with no items is a normal, empty answer', async () => {
    expect(await run(text.replace(/<item>[\s\S]*<\/item>/, ''))).toEqual([]);
  });

  it.each(brokenFeeds(text))('LAYOUT_CHANGED: %s', async (_name, broken) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
  });
});

/**
 * fixtures/outboundfeed-rss.xml is OUR OWN minimal file shaped after the Arc XP outbound RSS 2.0
 * feed Bloomberg Línea serves (one line, CDATA everywhere, dc:creator, content:encoded,
 * media:content) — not a capture.
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
if (!news) throw new Error('bloomberg-linea: no news fetcher');
const FEED_URL = 'https://www.bloomberglinea.com.br/arc/outboundfeeds/rss/?outputType=xml';
const text = readFileSync(new URL('./fixtures/outboundfeed-rss.xml', import.meta.url), 'utf8');
const run = (body: string) =>
  runTransform('bloomberg-linea', news, rawFromFile(Buffer.from(body), FEED_URL), {});
const ctx = {
  baseUrl: 'https://www.bloomberglinea.com.br',
  credentials: {},
  now: new Date('2026-05-04T12:00:00Z'),
};

describe('bloomberg-linea news (Arc outbound feed)', () => {
  it('requests the outbound feed under ctx.baseUrl', () => {
    expect(news.request({}, ctx).url).toBe(FEED_URL);
  });

  it('reads the 2 items', async () => {
    const items = await run(text);
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      title: 'Nubank supera 110 milhões de clientes e XP (XPBR31) perde espaço em corretagem',
      url: 'https://www.bloomberglinea.com.br/negocios/nubank-supera-110-milhoes-de-clientes/',
      publisher: 'Bloomberg Línea',
      published_at: '2026-05-04T14:32:10Z',
      description:
        'Fintech ampliou base na América Latina; analistas veem pressão sobre bancos incumbentes como BBDC4',
      tickers: ['BBDC4', 'XPBR31'],
    });
    expect(items[1]).toMatchObject({
      title: 'Embraer (EMBR3) fecha acordo para entregar 20 jatos E2 a companhia dos EUA',
      published_at: '2026-05-04T12:01:00Z',
      tickers: ['EMBR3'],
    });
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it.each(brokenFeeds(text))('LAYOUT_CHANGED: %s', async (_name, broken) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
  });
});

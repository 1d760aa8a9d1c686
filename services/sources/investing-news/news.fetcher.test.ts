/**
 * fixtures/news-rss.xml is OUR OWN minimal file shaped after Investing.com's RSS 2.0 news feed
 * (<enclosure> first, <pubDate> as "YYYY-MM-DD HH:MM:SS", the provider in <author>) — not a capture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { brokenFeeds } from '../shared/news-broken';
import { errorCode } from '../test-support';
import source from './index';
import { investingDate } from './news-date';

const { news } = source.fetchers;
if (!news) throw new Error('investing-news: no news fetcher');
const FEED_URL = 'https://br.investing.com/rss/news.rss';
const text = readFileSync(new URL('./fixtures/news-rss.xml', import.meta.url), 'utf8');
const run = (body: string) =>
  runTransform('investing-news', news, rawFromFile(Buffer.from(body), FEED_URL), {});
const ctx = { baseUrl: 'https://br.investing.com', credentials: {}, now: new Date('2026-05-04T12:00:00Z') };

describe('investing-news (news.rss)', () => {
  it('requests /rss/news.rss under ctx.baseUrl', () => {
    expect(news.request({}, ctx).url).toBe(FEED_URL);
  });

  it('reads the 3 items; the publisher is the <author>, else Investing.com', async () => {
    const items = await run(text);
    expect(items.map((i) => [i.publisher, i.published_at, i.tickers])).toEqual([
      ['Investing.com', '2026-05-04T13:05:21Z', ['ELET3']],
      ['Reuters', '2026-05-04T11:48:02Z', []],
      ['Investing.com', '2026-05-04T10:15:00Z', ['BBAS3', 'WEGE3']],
    ]);
    expect(items[0]).toMatchObject({
      title: 'Ações da Eletrobras (ELET3) sobem após aprovação de aumento de capital',
      url: 'https://br.investing.com/news/stock-market-news/acoes-da-eletrobras-elet3-sobem-1234567',
      description: null,
    });
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it('reads its own date form and RFC 822, nothing else', () => {
    expect(investingDate('2026-05-04 13:05:21')).toBe('2026-05-04T13:05:21Z');
    expect(investingDate('Mon, 04 May 2026 13:05:21 GMT')).toBe('2026-05-04T13:05:21Z');
    expect(investingDate('2026-02-30 13:05:21')).toBeUndefined();
    expect(investingDate('04/05/2026 13:05')).toBeUndefined();
  });

  it.each(brokenFeeds(text))('LAYOUT_CHANGED: %s', async (_name, broken) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
  });
});

/**
 * google_news_en-GB_brent_trimmed6.xml is a REAL capture (English edition, shared fixtures, see
 * their README). fixtures/search-petr4-pt-BR.xml is OUR OWN minimal file shaped after the pt-BR
 * edition of the same feed (same elements: " - Publisher" titles, <source url>, redirect links,
 * headline-only and story-cluster descriptions) — not a capture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { brokenFeeds } from '../shared/news-broken';
import { errorCode } from '../test-support';
import source from './index';
import { stripPublisher } from './search-parse';
import { searchFetcher, searchTerms } from './search.fetcher';

const FEED_URL = 'https://news.google.com/rss/search?q=PETR4&hl=pt-BR&gl=BR&ceid=BR:pt-419';
const ptBr = readFileSync(new URL('./fixtures/search-petr4-pt-BR.xml', import.meta.url), 'utf8');
const enGb = readFileSync(fixture('rss', 'google_news_en-GB_brent_trimmed6.xml'), 'utf8');
const run = (body: string, q: { ticker: string; q?: string } = { ticker: 'PETR4' }) =>
  runTransform('google-news', searchFetcher, rawFromFile(Buffer.from(body), FEED_URL), q);
const ctx = { baseUrl: 'https://news.google.com', credentials: {}, now: new Date('2026-05-04T12:00:00Z') };

describe('google-news search request', () => {
  it('searches the ticker, or "TICKER OR terms", in the pt-BR edition under ctx.baseUrl', () => {
    expect(source.fetchers.news).toBe(searchFetcher);
    expect(searchFetcher.request({ ticker: 'PETR4' }, ctx).url).toBe(FEED_URL);
    expect(
      searchFetcher.request({ ticker: 'PETR4', q: 'Petrobras' }, { ...ctx, baseUrl: 'http://127.0.0.1:9/' })
        .url,
    ).toBe('http://127.0.0.1:9/rss/search?q=PETR4%20OR%20Petrobras&hl=pt-BR&gl=BR&ceid=BR:pt-419');
    expect(searchTerms('BBAS3', 'Banco do Brasil')).toBe('BBAS3 OR "Banco do Brasil"');
    expect([searchFetcher.primary, searchFetcher.required]).toEqual(['ticker', ['ticker']]);
  });

  it('refuses a query without a ticker', async () => {
    expect(await errorCode(() => searchFetcher.request({}, ctx))).toBe('INVALID_INPUT');
  });
});

describe('google-news search transform', () => {
  it('reads the real English capture: 6 items, publisher suffix cut, redirect links kept', async () => {
    const items = await run(enGb, { ticker: 'PETR4', q: 'Brent crude oil price' });
    expect(items).toHaveLength(6);
    expect(items[0]).toMatchObject({
      title: 'Middle East War Triggers New Global Refining Boom',
      publisher: 'Crude Oil Prices Today | OilPrice.com',
      published_at: '2026-08-05T00:00:00Z',
      description: null,
      tickers: ['PETR4'],
    });
    expect(items[0]?.url).toMatch(
      /^https:\/\/news\.google\.com\/rss\/articles\/CBMingFBVV95cUxPYUY5.*\?oc=5$/,
    );
    expect(items.map((i) => i.publisher)).toEqual([
      'Crude Oil Prices Today | OilPrice.com',
      'Crude Oil Prices Today | OilPrice.com',
      'Crude Oil Prices Today | OilPrice.com',
      'Crude Oil Prices Today | OilPrice.com',
      'BBC',
      'NBC News',
    ]);
    expect(items[5]).toMatchObject({
      title: 'Oil prices surge to $100 per barrel after Red Sea attacks',
      published_at: '2026-07-23T07:00:00Z',
    });
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it('reads our pt-BR fixture: 3 items, the cluster list kept, a suffix other than the source kept', async () => {
    const items = await run(ptBr);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      title: 'Petrobras (PETR4) aprova dividendos de R$ 15 bilhões e ações sobem',
      publisher: 'InfoMoney',
      published_at: '2026-05-04T12:45:00Z',
      description: null,
      tickers: ['PETR4'],
    });
    expect(items[1]).toMatchObject({
      title: 'Petróleo em queda pesa sobre Petrobras e PRIO3; Ibovespa recua',
      publisher: 'Valor Econômico',
      description:
        'Petróleo em queda pesa sobre Petrobras e PRIO3; Ibovespa recua Valor Econômico Ações de petroleiras recuam com Brent abaixo de US$ 80 Exame',
      tickers: ['PETR4', 'PRIO3'],
    });
    expect(items[2]).toMatchObject({
      title:
        'Conselho da Petrobras aprova plano de investimentos & nova meta de produção - Estadão E-Investidor',
      publisher: 'Estadão',
      published_at: '2026-05-03T22:05:00Z',
    });
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it('an empty result is a normal answer', async () => {
    expect(await run(ptBr.replace(/<item>[\s\S]*<\/item>/, ''))).toEqual([]);
  });

  it('stripPublisher cuts only " - <source>" at the end', () => {
    expect(stripPublisher('A - B - InfoMoney', 'InfoMoney')).toBe('A - B');
    expect(stripPublisher('A - InfoMoney!', 'InfoMoney')).toBe('A - InfoMoney!');
    expect(stripPublisher(' - InfoMoney', 'InfoMoney')).toBe(' - InfoMoney');
    expect(stripPublisher('A - X', null)).toBe('A - X');
  });

  it.each([
    ...brokenFeeds(ptBr),
    ...brokenFeeds(enGb).map(([n, t]): [string, string] => [`capture: ${n}`, t]),
  ])('LAYOUT_CHANGED: %s', async (_name, broken) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
  });
});

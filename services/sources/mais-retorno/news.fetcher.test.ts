/**
 * fixtures/portal.html is OUR OWN minimal page shaped after a Next.js listing page: the stories are
 * read from its embedded `<script id="__NEXT_DATA__">` JSON (props.pageProps.posts) — not a
 * capture of maisretorno.com; the real key names are unverified here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { errorCode } from '../test-support';
import source from './index';

const { news } = source.fetchers;
if (!news) throw new Error('mais-retorno: no news fetcher');
const PAGE_URL = 'https://maisretorno.com/portal';
const html = readFileSync(new URL('./fixtures/portal.html', import.meta.url), 'utf8');
const run = (body: string) =>
  runTransform('mais-retorno', news, rawFromFile(Buffer.from(body), PAGE_URL), {});
const ctx = { baseUrl: 'https://maisretorno.com', credentials: {}, now: new Date('2026-05-04T12:00:00Z') };

describe('mais-retorno news (portal, __NEXT_DATA__)', () => {
  it('requests /portal under ctx.baseUrl', () => {
    expect(news.request({}, ctx).url).toBe(PAGE_URL);
    expect(news.request({}, { ...ctx, baseUrl: 'http://127.0.0.1:9/' }).url).toBe(
      'http://127.0.0.1:9/portal',
    );
  });

  it('reads the 3 posts of the embedded JSON', async () => {
    const items = await run(html);
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      title: 'WEG (WEGE3) tem lucro 18% maior no 1º trimestre',
      url: 'https://maisretorno.com/portal/weg-wege3-lucro-cresce-1t26',
      publisher: 'Mais Retorno',
      published_at: '2026-05-04T12:15:00Z',
      description:
        'Receita com exportações compensou a desaceleração no mercado interno; ações sobem 4% & renovam máxima',
      tickers: ['WEGE3'],
    });
    expect(items[1]).toMatchObject({ description: null, tickers: ['HGLG11', 'KNRI11'] });
    expect(items[2]).toMatchObject({
      url: 'https://maisretorno.com/portal/tesouro-direto-taxas-prefixados-recuam',
      published_at: '2026-05-03T12:00:00Z',
      description: null,
      tickers: [],
    });
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it('an empty posts list is EMPTY_DATA (a news portal always lists stories)', async () => {
    const empty = html.replace(/"posts":\[[\s\S]*\]\},"__N_SSG"/, '"posts":[]},"__N_SSG"');
    expect(await errorCode(() => run(empty))).toBe('EMPTY_DATA');
  });

  it.each([
    ['cut short', html.slice(0, Math.floor(html.length * 0.6)), /cut short/],
    ['the script renamed', html.replace('__NEXT_DATA__', '__NUXT__'), /no <script id="__NEXT_DATA__">/],
    ['JSON broken', html.replace('{"props"', '{props'), /not JSON/],
    ['posts renamed', html.replace('"posts"', '"articles"'), /no props\.pageProps\.posts list/],
    ['a post without a title', html.replace('"title":"WEG', '"headline":"WEG'), /post 1: no title/],
    ['a post without a slug', html.replace('"slug":"weg-wege3', '"path":"weg-wege3'), /post 1: no slug/],
    [
      'a date without an offset',
      html.replace('2026-05-04T09:15:00-03:00', '2026-05-04T09:15:00'),
      /post 1: the date is not RFC 3339/,
    ],
    ['a date as a number', html.replace('"2026-05-04T09:15:00-03:00"', '1777896900'), /post 1: the date/],
    [
      'an RSS feed instead',
      '<?xml version="1.0"?><rss version="2.0"></rss>',
      /no <script id="__NEXT_DATA__">/,
    ],
  ])('LAYOUT_CHANGED: %s', async (_name, broken, message) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
    await expect(run(broken)).rejects.toThrow(message);
  });
});

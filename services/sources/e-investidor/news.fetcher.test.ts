/**
 * fixtures/mercado.html is OUR OWN minimal page shaped after a news section listing (one
 * <article> card per story: <h2>/<h3> headline link, <p class="resumo">, <time datetime>) — not
 * a capture of einvestidor.estadao.com.br; its real markup is unverified here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { errorCode } from '../test-support';
import source from './index';

const { news } = source.fetchers;
if (!news) throw new Error('e-investidor: no news fetcher');
const PAGE_URL = 'https://einvestidor.estadao.com.br/mercado/';
const html = readFileSync(new URL('./fixtures/mercado.html', import.meta.url), 'utf8');
const run = (body: string) =>
  runTransform('e-investidor', news, rawFromFile(Buffer.from(body), PAGE_URL), {});
const ctx = {
  baseUrl: 'https://einvestidor.estadao.com.br',
  credentials: {},
  now: new Date('2026-05-04T12:00:00Z'),
};

describe('e-investidor news (HTML listing)', () => {
  it('requests /mercado/ under ctx.baseUrl', () => {
    expect(news.request({}, ctx).url).toBe(PAGE_URL);
    expect(news.request({ ticker: 'PETR4' }, { ...ctx, baseUrl: 'http://127.0.0.1:9/' }).url).toBe(
      'http://127.0.0.1:9/mercado/',
    );
  });

  it('reads the 3 cards: relative links resolved, summaries stripped, times in UTC', async () => {
    const items = await run(html);
    expect(items).toEqual([
      {
        title: 'Petrobras (PETR4): o que muda para o acionista com os dividendos extras',
        url: 'https://einvestidor.estadao.com.br/mercado/petrobras-petr4-dividendos-extraordinarios/',
        publisher: 'E-Investidor',
        published_at: '2026-05-04T13:32:00Z',
        description:
          'Estatal vai pagar R$ 15 bilhões; analistas veem yield de 4% & manutenção da recomendação',
        tickers: ['PETR4'],
      },
      {
        title: 'Bradesco (BBDC4) e Itaú (ITUB4): quem ganhou mais no 1º trimestre',
        url: 'https://einvestidor.estadao.com.br/mercado/bradesco-bbdc4-resultado-1t26/',
        publisher: 'E-Investidor',
        published_at: '2026-05-04T11:00:00Z',
        description: 'Comparamos rentabilidade, inadimplência e provisões dos dois bancos',
        tickers: ['BBDC4', 'ITUB4'],
      },
      {
        title: 'Ibovespa fecha a semana em alta de 2,3%',
        url: 'https://einvestidor.estadao.com.br/mercado/ibovespa-fecha-semana-em-alta/',
        publisher: 'E-Investidor',
        published_at: null,
        description: null,
        tickers: [],
      },
    ]);
    for (const it of items) MODEL_SCHEMAS.news.parse(it);
  });

  it.each([
    ['cut short', html.slice(0, Math.floor(html.length * 0.6)), /cut short/],
    ['no cards (<article> renamed)', html.replace(/<(\/?)article\b/g, '<$1div'), /no <article> story cards/],
    [
      'a card without its headline',
      html.replace(/<h2 class="titulo">[\s\S]*?<\/h2>/, ''),
      /card 1: no headline link/,
    ],
    ['an empty headline', html.replace(/>Petrobras \(PETR4\)[^<]*</, '><'), /card 1: an empty headline/],
    [
      'a datetime that is not RFC 3339',
      html.replace('2026-05-04T08:00:00-03:00', '04/05/2026'),
      /card 2: <time>/,
    ],
    [
      'a javascript: link',
      html.replace('/mercado/bradesco', 'javascript:void(0)//'),
      /card 2: the link is not an http\(s\) URL/,
    ],
    ['an XML feed instead', '<?xml version="1.0"?><rss version="2.0"></rss>', /not an HTML page/],
    ['JSON instead', '{"posts":[]}', /not an HTML page/],
  ])('LAYOUT_CHANGED: %s', async (_name, broken, message) => {
    expect(await errorCode(() => run(broken))).toBe('LAYOUT_CHANGED');
    await expect(run(broken)).rejects.toThrow(message);
  });
});

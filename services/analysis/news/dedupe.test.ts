import { describe, expect, it } from 'vitest';
import { canonicalUrl, mergeNews, normalizeTitle, stripPublisherSuffix, type NewsLike } from './dedupe';

describe('canonicalUrl', () => {
  it('lower-cases scheme and host, drops the default port, the fragment and tracking parameters', () => {
    expect(
      canonicalUrl(
        'HTTPS://WWW.InfoMoney.com.br:443/mercados/Petrobras-Dividendos/?utm_source=rss&utm_medium=rss&fbclid=x1#comments',
      ),
    ).toBe('https://www.infomoney.com.br/mercados/Petrobras-Dividendos');
    expect(canonicalUrl('http://valor.globo.com:80/a/?gclid=1&mc_cid=2&mc_eid=3&ref=home&cmpid=fb')).toBe(
      'http://valor.globo.com/a',
    );
    expect(canonicalUrl('https://exame.com:8443/x')).toBe('https://exame.com:8443/x');
  });

  it('removes AMP forms and sorts the remaining parameters', () => {
    expect(canonicalUrl('https://exame.com/mercados/vale-lucro/amp/')).toBe(
      'https://exame.com/mercados/vale-lucro',
    );
    expect(canonicalUrl('https://exame.com/mercados/vale-lucro/amp')).toBe(
      'https://exame.com/mercados/vale-lucro',
    );
    expect(canonicalUrl('https://g1.globo.com/x.ghtml?outputType=amp&b=2&a=1')).toBe(
      'https://g1.globo.com/x.ghtml?a=1&b=2',
    );
    expect(canonicalUrl('https://g1.globo.com/x?outputType=html')).toBe(
      'https://g1.globo.com/x?outputType=html',
    );
    expect(canonicalUrl('https://news.google.com/rss/articles/CBMiXWh0?oc=5&hl=pt-BR')).toBe(
      'https://news.google.com/rss/articles/CBMiXWh0?hl=pt-BR&oc=5',
    );
  });

  it('keeps the root slash and www., and returns a non-URL trimmed', () => {
    expect(canonicalUrl('https://www.Valor.com.br')).toBe('https://www.valor.com.br/');
    expect(canonicalUrl('https://www.valor.com.br/?utm_campaign=x')).toBe('https://www.valor.com.br/');
    expect(canonicalUrl('  /relative/path  ')).toBe('/relative/path');
    expect(canonicalUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  });
});

describe('normalizeTitle', () => {
  it('strips the publisher suffix Google News adds, then accents, punctuation, case and spaces', () => {
    expect(normalizeTitle('Petrobras aprova R$ 20 bilhões em dividendos - InfoMoney', 'InfoMoney')).toBe(
      'petrobras aprova r 20 bilhoes em dividendos',
    );
    expect(
      normalizeTitle('Petrobras aprova R$ 20 bilhões em dividendos | Valor Econômico', 'valor economico'),
    ).toBe('petrobras aprova r 20 bilhoes em dividendos');
    expect(normalizeTitle('  “Petrobras  aprova”  dividendos! ')).toBe('petrobras aprova dividendos');
  });

  it('strips the suffix only when it names the publisher (which may hold a separator itself)', () => {
    const t = 'Russia Is Running Out of Soldiers, Oil, and Time - Crude Oil Prices Today | OilPrice.com';
    expect(stripPublisherSuffix(t, 'Crude Oil Prices Today | OilPrice.com')).toBe(
      'Russia Is Running Out of Soldiers, Oil, and Time',
    );
    expect(stripPublisherSuffix('Vale - o balanço do trimestre', 'InfoMoney')).toBe(
      'Vale - o balanço do trimestre',
    );
    expect(stripPublisherSuffix('Oil price dives - BBC', null)).toBe('Oil price dives - BBC');
  });
});

function item(over: Partial<NewsLike> & Pick<NewsLike, 'title' | 'url' | 'source'>): NewsLike {
  return { publisher: null, published_at: null, description: null, tickers: [], ...over };
}

describe('mergeNews', () => {
  const google = item({
    title: 'Petrobras aprova pagamento de R$ 20 bilhões em dividendos - InfoMoney',
    url: 'https://news.google.com/rss/articles/CBMiogFBVV95cUxNUGV0cm9icmFz?oc=5',
    publisher: 'InfoMoney',
    published_at: 'Thu, 08 Aug 2024 21:40:00 GMT',
    description: 'Petrobras aprova pagamento de R$ 20 bilhões em dividendos InfoMoney',
    tickers: ['PETR4'],
    source: 'google-news',
  });
  const infomoney = item({
    title: 'Petrobras aprova pagamento de R$ 20 bilhões em dividendos',
    url: 'https://www.infomoney.com.br/mercados/petrobras-aprova-dividendos/?utm_source=rss&utm_medium=rss',
    publisher: 'InfoMoney',
    published_at: '2024-08-08T18:45:00-03:00',
    description: 'Estatal pagará R$ 1,04 por ação; data-com em 21 de agosto',
    tickers: ['PETR3', 'PETR4'],
    source: 'infomoney',
  });
  const amp = item({
    title: 'Petrobras: conselho aprova dividendos de R$ 20 bi',
    url: 'https://www.infomoney.com.br/mercados/petrobras-aprova-dividendos/amp/#top',
    source: 'investing-news',
    published_at: '2024-08-08T21:50:00Z',
  });

  it('merges a Google News item with the publisher’s own by title, and an AMP copy by URL (transitively)', () => {
    const merged = mergeNews([google, infomoney, amp]);
    expect(merged).toEqual([
      {
        title: 'Petrobras aprova pagamento de R$ 20 bilhões em dividendos',
        url: 'https://www.infomoney.com.br/mercados/petrobras-aprova-dividendos',
        publisher: 'InfoMoney',
        // 18:45 −03:00 = 21:45Z, after 21:40Z: Google's date is the earliest.
        published_at: 'Thu, 08 Aug 2024 21:40:00 GMT',
        description: 'Petrobras aprova pagamento de R$ 20 bilhões em dividendos InfoMoney',
        tickers: ['PETR3', 'PETR4'],
        sources: ['google-news', 'infomoney', 'investing-news'],
        key: 'https://www.infomoney.com.br/mercados/petrobras-aprova-dividendos',
        title_key: 'petrobras aprova pagamento de r 20 bilhoes em dividendos',
      },
    ]);
  });

  it('keeps the aggregator URL when no publisher URL is known, and stories in first-seen order', () => {
    const other = item({
      title: 'Vale sobe 3% com minério de ferro',
      url: 'https://exame.com/v',
      source: 'exame',
    });
    const merged = mergeNews([other, google]);
    expect(merged.map((m) => m.url)).toEqual([
      'https://exame.com/v',
      'https://news.google.com/rss/articles/CBMiogFBVV95cUxNUGV0cm9icmFz?oc=5',
    ]);
    expect(merged[1]?.title).toBe('Petrobras aprova pagamento de R$ 20 bilhões em dividendos');
    expect(merged[0]).toMatchObject({
      publisher: null,
      published_at: null,
      description: null,
      sources: ['exame'],
    });
  });

  it('does not merge short equal titles (< 4 words) from different URLs', () => {
    const a = item({ title: 'Ibovespa hoje', url: 'https://a.com/1', source: 'a' });
    const b = item({ title: 'Ibovespa hoje', url: 'https://b.com/2', source: 'b' });
    expect(mergeNews([a, b])).toHaveLength(2);
    const c = item({ title: 'Ibovespa hoje', url: 'https://a.com/1?utm_source=x', source: 'c' });
    expect(mergeNews([a, b, c]).map((m) => m.sources)).toEqual([['a', 'c'], ['b']]);
  });

  it('prefers the longest description and unions the tickers sorted', () => {
    const x = item({
      title: 'A b c d',
      url: 'https://a.com/x',
      source: 's1',
      description: 'curta',
      tickers: ['VALE3'],
    });
    const y = item({
      title: 'A b c d',
      url: 'https://b.com/y',
      source: 's2',
      description: 'bem mais longa',
      tickers: ['BBAS3', 'VALE3'],
    });
    const [m] = mergeNews([x, y]);
    expect(m?.description).toBe('bem mais longa');
    expect(m?.tickers).toEqual(['BBAS3', 'VALE3']);
    expect(m?.url).toBe('https://a.com/x');
    expect(mergeNews([])).toEqual([]);
  });
});

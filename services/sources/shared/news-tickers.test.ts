import { describe, expect, it } from 'vitest';
import { newsItem } from './news-item';
import { newsTickers } from './news-tickers';

describe('newsTickers', () => {
  it('finds B3 tickers written in the texts: unique, sorted, word-bounded', () => {
    expect(
      newsTickers([
        'Petrobras (PETR4) e Vale (VALE3) puxam alta; TAEE11 e BOVA11 sobem, PETR4 de novo',
        'BDR AAPL34 avança; ÁPETR4 não conta; PETR4F é fracionário; XPETR4, petr4 e PETR nem',
        null,
      ]),
    ).toEqual(['AAPL34', 'BOVA11', 'PETR4', 'TAEE11', 'VALE3']);
  });

  it('adds the ticker a search was made for', () => {
    expect(newsTickers(['Petrobras anuncia dividendos'], ['PETR4', undefined])).toEqual(['PETR4']);
    expect(newsTickers([], [])).toEqual([]);
  });

  it('newsItem maps the fields to the model', () => {
    expect(
      newsItem(
        {
          title: 'Itaú (ITUB4) lucra',
          url: 'https://x.com/a',
          publisher: 'X',
          publishedAt: '2026-05-04T10:00:00Z',
          description: 'BBDC4 também',
        },
        'ITSA4',
      ),
    ).toEqual({
      title: 'Itaú (ITUB4) lucra',
      url: 'https://x.com/a',
      publisher: 'X',
      published_at: '2026-05-04T10:00:00Z',
      description: 'BBDC4 também',
      tickers: ['BBDC4', 'ITSA4', 'ITUB4'],
    });
  });
});

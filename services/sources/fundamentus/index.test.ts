import { describe, expect, it } from 'vitest';
import fundamentus from './index';

describe('fundamentus source', () => {
  it('declares its info and one fetcher per model it serves', () => {
    expect(fundamentus.info).toMatchObject({
      id: 'fundamentus',
      baseUrl: 'https://www.fundamentus.com.br',
      category: 'fundamentals',
      ratePerMinute: 20,
      concurrency: 1,
      canary: { model: 'fundamentals', query: { ticker: 'PETR4' } },
      aliases: ['FUNDAMENTUS'],
    });
    expect(Object.keys(fundamentus.fetchers).sort()).toEqual(['dividends', 'fundamentals', 'screener']);
    for (const [model, f] of Object.entries(fundamentus.fetchers)) expect(f?.model).toBe(model);
    expect(fundamentus.fetchers.dividends?.emptyIsValid).toBe(true);
    expect(fundamentus.fetchers.screener?.required).toEqual([]);
  });
});

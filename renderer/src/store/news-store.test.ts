import { describe, expect, it } from 'vitest';
import type { NewsEntry, Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createNewsStore, NEWS_LIMIT, newsJobs, type NewsAnswer } from './news-store';
import { fakeTransport } from './test-support';

function item(id: string, patch: Partial<NewsEntry> = {}): NewsEntry {
  return {
    id,
    title: `WEG eleva lucro no trimestre ${id}`,
    url: `https://www.infomoney.com.br/mercados/weg-${id}/`,
    publisher: 'InfoMoney',
    published_at: '2026-07-03T10:00:00.000Z',
    description: null,
    tickers: ['WEGE3'],
    sentiment: { score: 0.6, label: 'positive' },
    sources: ['infomoney'],
    first_seen_at: '2026-07-03T10:05:00.000Z',
    snapshot_id: '7',
    ...patch,
  };
}

function answer(ticker: string, news: NewsEntry[], sources: string[]): NewsAnswer {
  const count = (l: string) => news.filter((n) => n.sentiment.label === l).length;
  return {
    ticker,
    news,
    sentiment: {
      count: news.length,
      average: news.length ? news.reduce((s, n) => s + n.sentiment.score, 0) / news.length : null,
      label: news.length ? 'positive' : null,
      counts: { positive: count('positive'), negative: count('negative'), neutral: count('neutral') },
    },
    sources,
    timestamp: '2026-07-03T12:00:00.000Z',
  };
}

const negative = item('2', { sentiment: { score: -0.5, label: 'negative' }, sources: ['valor'] });

describe('news store', () => {
  it('loads a ticker’s latest headlines, 20 at most, and remembers its sources', async () => {
    const fake = fakeTransport({
      'analysis.news': () => ({
        ok: true,
        data: answer('WEGE3', [item('1'), negative], ['infomoney', 'valor']),
      }),
    });
    const store = createNewsStore(createClient(fake.transport));
    const loading = store.getState().load('wege3');
    expect(store.getState()).toMatchObject({ ticker: 'WEGE3', phase: 'loading' });
    await loading;
    expect(fake.calls).toEqual([{ method: 'analysis.news', input: { ticker: 'WEGE3', limit: NEWS_LIMIT } }]);
    expect(NEWS_LIMIT).toBe(20);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().data?.news.map((n) => n.id)).toEqual(['1', '2']);
    expect(store.getState().data?.sentiment.counts).toEqual({ positive: 1, negative: 1, neutral: 0 });
    expect(store.getState().sources).toEqual(['infomoney', 'valor']);
  });

  it('filters by sentiment and source, keeps the source options, and resets for a new ticker', async () => {
    const fake = fakeTransport({
      'analysis.news': (input) => {
        const i = input as { ticker: string; sentiment?: string; source?: string };
        if (i.source) return { ok: true, data: answer(i.ticker, [], []) };
        if (i.sentiment === 'negative') return { ok: true, data: answer(i.ticker, [negative], ['valor']) };
        return { ok: true, data: answer(i.ticker, [item('1'), negative], ['infomoney', 'valor']) };
      },
    });
    const store = createNewsStore(createClient(fake.transport));
    await store.getState().load('WEGE3');
    await store.getState().setSentiment('negative');
    expect(fake.calls[1]?.input).toEqual({ ticker: 'WEGE3', limit: 20, sentiment: 'negative' });
    expect(store.getState().data?.news.map((n) => n.sentiment.label)).toEqual(['negative']);
    expect(store.getState().sources).toEqual(['infomoney', 'valor']);
    await store.getState().setSentiment('negative');
    expect(fake.calls).toHaveLength(2);
    await store.getState().setSource('exame');
    expect(fake.calls[2]?.input).toEqual({
      ticker: 'WEGE3',
      limit: 20,
      sentiment: 'negative',
      source: 'exame',
    });
    expect(store.getState().data?.news).toEqual([]);
    expect(store.getState().filter).toEqual({ sentiment: 'negative', source: 'exame' });
    await store.getState().setSentiment(null);
    expect(fake.calls[3]?.input).toEqual({ ticker: 'WEGE3', limit: 20, source: 'exame' });
    await store.getState().load('PETR4');
    expect(fake.calls[4]?.input).toEqual({ ticker: 'PETR4', limit: 20 });
    expect(store.getState().filter).toEqual({ sentiment: null, source: null });
  });

  it('reports a failed load, and a late answer never overwrites a newer one', async () => {
    let release: (r: Result<unknown>) => void = () => undefined;
    const fake = fakeTransport({
      'analysis.news': (input) => {
        const t = (input as { ticker: string }).ticker;
        if (t === 'WEGE3') return new Promise((resolve) => (release = resolve));
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'ticker: expected a B3 ticker' } };
      },
    });
    const store = createNewsStore(createClient(fake.transport));
    const slow = store.getState().load('WEGE3');
    await store.getState().load('XX');
    expect(store.getState()).toMatchObject({
      ticker: 'XX',
      phase: 'failed',
      data: null,
      error: { code: 'INVALID_INPUT', message: 'ticker: expected a B3 ticker' },
    });
    release({ ok: true, data: answer('WEGE3', [item('1')], ['infomoney']) });
    await slow;
    expect(store.getState()).toMatchObject({ ticker: 'XX', phase: 'failed', data: null });
  });

  it('suggests the news jobs for an empty panel: the ticker search and two feeds', () => {
    expect(newsJobs(' wege3 ')).toEqual([
      { scraper_name: 'google-news', ticker: 'WEGE3', query: 'news:' },
      { scraper_name: 'infomoney', query: 'news:' },
      { scraper_name: 'valor', query: 'news:' },
    ]);
  });
});

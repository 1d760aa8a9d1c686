import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../services/core/app';
import { blobPath } from '../../services/core/sources/vault-files';
import { ALL_SOURCES } from '../../services/sources/registry';
import { coreCalls } from '../helpers/core-calls';
import { pgTemplate } from '../helpers/pg-template';
import { replayConfig, startReplayServer, type ReplayServer } from '../replay/replay-server';

// The issue-13 sites fetched over plain HTTP (investsite, investidor10, google-finance, TradingView's
// scanner) end to end: job → worker fetch from the replay server at the sites' own paths → vault →
// parse → PGlite. Investidor10's FII page is the real capture; the others are the sources' own
// fixtures (their tests say so). The browser sites cannot run here until the browser runtime is in.

let dataDir: string;
let core: Core;
let replay: ReplayServer;

const { call, runJob } = coreCalls(() => core);

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await core.stores().pg.query<T>(sql, params)).rows;
}

beforeAll(async () => {
  replay = await startReplayServer();
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-sites-'));
  const cfg = replayConfig(
    replay.url,
    ALL_SOURCES.map((s) => s.info.id),
  );
  for (const id of Object.keys(cfg.sources))
    Object.assign(cfg.sources[id]!, { ratePerMinute: null, retries: 0 });
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(cfg));
  core = await startCore({
    dataDir,
    run: true,
    scheduler: false,
    pgTemplate: await pgTemplate(),
    workers: { size: 2 },
  });
});

afterAll(async () => {
  await core?.close();
  await replay?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the issue-13 sites', () => {
  it('scrapers.list has the 32 sources (the original 27 minus its 5 AI chats, plus 5 of ours, plus the 5 chat sites to sign in to)', async () => {
    const list = await call('scrapers.list', {});
    expect(list.total).toBe(32);
    expect(list.total).toBeGreaterThanOrEqual(22);
    const byId = new Map(list.scrapers.map((s) => [s.id, s]));
    for (const id of [
      'investsite',
      'investidor10',
      'fundamentei',
      'griffin',
      'opcoes-net',
      'investing',
      'advfn',
      'google-finance',
      'tradingview',
    ])
      expect(byId.has(id), id).toBe(true);
    expect(byId.get('opcoes-net')).toMatchObject({
      requires_login: true,
      uses_browser: true,
      models: ['option-chain'],
    });
    expect(byId.get('griffin')).toMatchObject({
      requires_login: false,
      uses_browser: true,
      models: ['insider-trades'],
    });
    expect(byId.get('tradingview')?.models).toContain('technical-summary');
    expect(byId.get('opcoes-net')?.aliases).toEqual(expect.arrayContaining(['OPCOES_NET', 'OPCOES']));
    expect(list.categories['insiders']).toBe(1);
    expect(list.categories['options']).toBe(1);
  });

  it('scrapers.health: the sign-in sources (four data sites, five chat sites) count as needs_login, not failing', async () => {
    const h = await call('scrapers.health', {});
    const needs = h.scrapers
      .filter((s) => s.status === 'needs_login')
      .map((s) => s.id)
      .sort();
    expect(needs).toEqual(
      [
        'advfn',
        'fundamentei',
        'investing',
        'opcoes-net',
        'chatgpt',
        'gemini',
        'deepseek',
        'claude',
        'grok',
      ].sort(),
    );
    expect(h.needs_login).toBe(9);
    expect(h.unhealthy).toBe(0);
    // A source that needs a key it does not have (CoinMarketCap's) is needs_setup, not failing either.
    expect(h.scrapers.filter((s) => s.status === 'needs_setup').map((s) => s.id)).toEqual(['coinmarketcap']);
    expect(h.healthy + h.unhealthy + h.unknown + h.needs_login + h.needs_setup).toBe(h.total_scrapers);
  });

  const CASES = [
    {
      source: 'investidor10',
      ticker: 'KNRI11',
      table: 'fundamentals',
      where: "source = 'investidor10' AND ticker = 'KNRI11'",
      rows: 20,
    },
    {
      source: 'investidor10',
      query: 'dividends:KNRI11',
      table: 'dividends',
      where: "source = 'investidor10' AND ticker = 'KNRI11'",
      rows: 107,
    },
    {
      source: 'investidor10',
      query: 'fundamentals:PETR4',
      table: 'fundamentals',
      where: "source = 'investidor10' AND ticker = 'PETR4'",
      rows: 10,
    },
    {
      source: 'investsite',
      ticker: 'PETR4',
      table: 'fundamentals',
      where: "source = 'investsite' AND ticker = 'PETR4'",
      rows: 20,
    },
    {
      source: 'google-finance',
      query: 'quote:PETR4',
      table: 'quotes',
      where: "source = 'google-finance' AND ticker = 'PETR4'",
      rows: 1,
    },
    {
      source: 'google-finance',
      query: 'fundamentals:PETR4',
      table: 'fundamentals',
      where: "source = 'google-finance' AND ticker = 'PETR4'",
      rows: 4,
    },
    {
      source: 'tradingview',
      query: 'technical-summary:PETR4',
      table: 'technical_summaries',
      where: "source = 'tradingview' AND ticker = 'PETR4'",
      rows: 1,
    },
    {
      source: 'tradingview',
      query: 'quote:PETR4',
      table: 'quotes',
      where: "source = 'tradingview' AND ticker = 'PETR4'",
      rows: 1,
    },
  ];

  for (const c of CASES) {
    it(`${c.source} ${c.ticker ?? c.query}: job → vault → parse → ${c.table}`, async () => {
      const job = await runJob(c.source, {
        ...(c.ticker ? { ticker: c.ticker } : {}),
        ...(c.query ? { query: c.query } : {}),
      });
      expect(job.error, JSON.stringify(job.error)).toBeNull();
      expect(job.status).toBe('completed');
      const [{ n } = { n: -1 }] = await rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${c.table} WHERE ${c.where}`,
      );
      expect(n).toBeGreaterThanOrEqual(c.rows);
      const ids = await rows<{ id: number }>(
        `SELECT DISTINCT snapshot_id::int AS id FROM ${c.table} WHERE ${c.where}`,
      );
      expect(ids.length).toBeGreaterThan(0);
      for (const { id } of ids) {
        const { snapshot } = await call('snapshots.get', { id });
        expect(snapshot.source).toBe(c.source);
        expect(snapshot.parse_status).toBe('ok');
        expect(snapshot.url.startsWith(replay.url)).toBe(true);
        expect(existsSync(blobPath(join(dataDir, 'vault'), snapshot.sha256))).toBe(true);
      }
    });
  }

  it('stores what was read: the KNRI11 figures, the technical counts, the POST to the scanner', async () => {
    const f = await rows<{ metric: string; value_num: number | null }>(
      "SELECT metric, value_num::float8 AS value_num FROM fundamentals WHERE source = 'investidor10' AND ticker = 'KNRI11' AND metric IN ('price', 'pvp', 'dy')",
    );
    expect(Object.fromEntries(f.map((r) => [r.metric, r.value_num]))).toEqual({
      price: 129.84,
      pvp: 0.81,
      dy: 9.16,
    });
    const [ts] = await rows<Record<string, unknown>>(
      "SELECT recommendation, osc_buy, osc_sell, osc_neutral, ma_buy, ma_sell, ma_neutral FROM technical_summaries WHERE source = 'tradingview'",
    );
    expect(ts).toEqual({
      recommendation: 'BUY',
      osc_buy: 4,
      osc_sell: 0,
      osc_neutral: 7,
      ma_buy: 12,
      ma_sell: 2,
      ma_neutral: 1,
    });
    expect(replay.requests).toContain('POST /brazil/scan');
    // A re-run upserts on the natural keys: the dividends are not doubled.
    await runJob('investidor10', { query: 'dividends:KNRI11' });
    const [{ n } = { n: -1 }] = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM dividends WHERE source = 'investidor10' AND ticker = 'KNRI11'",
    );
    expect(n).toBe(107);
  });
});

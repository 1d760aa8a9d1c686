import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../services/core/app';
import { blobPath } from '../../services/core/sources/vault-files';
import { ALL_SOURCES } from '../../services/sources/registry';
import { fixture } from '../helpers/fixtures';
import { coreCalls } from '../helpers/core-calls';
import { pgTemplate } from '../helpers/pg-template';
import { replayConfig, startReplayServer, type ReplayServer } from '../replay/replay-server';

// Every source runs end to end here — job → worker fetch from the replay server (real captures at
// the sites' paths) → vault → parse → PGlite — with no network.

let dataDir: string;
let core: Core;
let replay: ReplayServer;

const { call, runJob } = coreCalls(() => core);

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const r = await core.stores().pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return r.rows[0]?.n ?? -1;
}

beforeAll(async () => {
  replay = await startReplayServer();
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-sources-'));
  const cfg = replayConfig(
    replay.url,
    ALL_SOURCES.map((s) => s.info.id),
  );
  for (const id of Object.keys(cfg.sources))
    Object.assign(cfg.sources[id]!, { ratePerMinute: null, retries: 0 });
  Object.assign(cfg.sources['coinmarketcap']!, { credentials: { apiKey: 'test-key-not-secret' } });
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

describe('sources end to end over the replay server', () => {
  it('lists every source with the original shape', async () => {
    const list = await call('scrapers.list', {});
    expect(list.total).toBe(ALL_SOURCES.length);
    expect(list.scrapers.map((s) => s.id).sort()).toEqual(
      [
        'b3',
        'b3-cotahist',
        'bcb',
        'brapi',
        'coinmarketcap',
        'cvm',
        'fundamentus',
        'status-invest',
        'tesouro',
        'yahoo',
        'google-news',
        'infomoney',
        'valor',
        'exame',
        'bloomberg-linea',
        'investing-news',
        'e-investidor',
        'mais-retorno',
        'investsite',
        'investidor10',
        'fundamentei',
        'griffin',
        'opcoes-net',
        'investing',
        'advfn',
        'google-finance',
        'tradingview',
        // The AI chat sites (issue 14): listed for their sign-in only.
        'chatgpt',
        'gemini',
        'deepseek',
        'claude',
        'grok',
      ].sort(),
    );
    expect(list.categories['news']).toBe(8);
    expect(list.categories['ai']).toBe(5);
    expect(Object.values(list.categories).reduce((a, b) => a + b, 0)).toBe(list.total);
    expect(list.public + list.private).toBe(list.total);
    const health = await call('scrapers.health', {});
    // The sources that need a sign-in count apart (needs_login), not as unknown or failing.
    expect(health.needs_login).toBe(list.scrapers.filter((x) => x.requires_login).length);
    expect(health.unknown + health.needs_login).toBe(list.total);
    expect(health.unhealthy).toBe(0);
    expect(health.overall_health).toBe('unknown');
  });

  // Each case: a job as a user or a schedule would queue it, and the rows it must leave behind.
  const CASES: {
    source: string;
    ticker?: string;
    query?: string;
    table: string;
    where: string;
    rows: number;
  }[] = [
    {
      source: 'b3-cotahist',
      query: 'daily-bars:date=2021-06-25',
      table: 'daily_bars',
      where: "date = '2021-06-25'",
      rows: 989,
    },
    {
      source: 'fundamentus',
      ticker: 'WEGE3',
      table: 'dividends',
      where: "source = 'fundamentus' AND ticker = 'WEGE3'",
      rows: 1,
    },
    {
      source: 'status-invest',
      ticker: 'TAEE11',
      table: 'fundamentals',
      where: "source = 'status-invest' AND ticker = 'TAEE11'",
      rows: 20,
    },
    {
      source: 'status-invest',
      query: 'screener:',
      table: 'screener_rows',
      where: "source = 'status-invest'",
      rows: 601,
    },
    { source: 'cvm', query: 'companies:', table: 'companies', where: 'true', rows: 2478 },
    {
      source: 'cvm',
      query: 'statements:year=2022',
      table: 'statements',
      where: "document = 'DFP'",
      rows: 844,
    },
    { source: 'bcb', query: 'macro-series:433', table: 'macro_series', where: 'series = 433', rows: 60 },
    { source: 'tesouro', query: 'treasury-bonds:', table: 'treasury_bonds', where: 'true', rows: 20000 },
    {
      source: 'brapi',
      query: 'quote:PETR4',
      table: 'quotes',
      where: "source = 'brapi' AND ticker = 'PETR4'",
      rows: 1,
    },
    {
      source: 'yahoo',
      query: 'daily-bars:BZ=F',
      table: 'source_bars',
      where: "source = 'yahoo' AND ticker = 'BZ=F'",
      rows: 23,
    },
    {
      source: 'coinmarketcap',
      query: 'quote:BTC',
      table: 'quotes',
      where: "source = 'coinmarketcap'",
      rows: 1,
    },
    {
      source: 'b3',
      ticker: 'PETR4',
      table: 'company_profiles',
      where: "source = 'b3' AND ticker = 'PETR4'",
      rows: 1,
    },
    { source: 'bcb', query: 'macro-series:11', table: 'macro_series', where: 'series = 11', rows: 8000 },
    // News (exame shares infomoney's WordPress path, so one replay server serves only infomoney's feed).
    { source: 'google-news', ticker: 'PETR4', table: 'news', where: "'google-news' = ANY(sources)", rows: 6 },
    ...(
      ['infomoney', 'valor', 'bloomberg-linea', 'investing-news', 'e-investidor', 'mais-retorno'] as const
    ).map((source) => ({
      source,
      query: 'news:',
      table: 'news',
      where: `'${source}' = ANY(sources)`,
      rows: 2,
    })),
  ];

  for (const c of CASES) {
    it(`${c.source} ${c.ticker ?? c.query}: job → vault → parse → ${c.table}`, async () => {
      const job = await runJob(c.source, {
        ...(c.ticker ? { ticker: c.ticker } : {}),
        ...(c.query ? { query: c.query } : {}),
      });
      expect(job.error, JSON.stringify(job.error)).toBeNull();
      expect(job.status).toBe('completed');
      const n = await count(`${c.table} WHERE ${c.where}`);
      if (c.rows >= 20) expect(n).toBeGreaterThanOrEqual(c.rows);
      else expect(n).toBeGreaterThanOrEqual(c.rows);
      // Every row keeps the snapshot it came from, and that snapshot is in the vault.
      expect(await count(`${c.table} WHERE ${c.where} AND snapshot_id IS NULL`)).toBe(0);
      const ids = await core
        .stores()
        .pg.query<{ id: number }>(`SELECT DISTINCT snapshot_id::int AS id FROM ${c.table} WHERE ${c.where}`);
      for (const { id } of ids.rows) {
        const { snapshot } = await call('snapshots.get', { id });
        expect(snapshot.source).toBe(c.source);
        expect(snapshot.parse_status).toBe('ok');
        expect(snapshot.url.startsWith(replay.url)).toBe(true);
        expect(existsSync(blobPath(join(dataDir, 'vault'), snapshot.sha256))).toBe(true);
      }
    });
  }

  it('Google News is searched by ticker and company name (B3 profile: PETROBRAS)', async () => {
    const r = (await core
      .stores()
      .state.prepare("SELECT url FROM snapshots WHERE source = 'google-news' ORDER BY id DESC LIMIT 1")
      .get()) as { url: string } | undefined;
    expect(r?.url).toBe(`${replay.url}/rss/search?q=PETR4%20OR%20Petrobras&hl=pt-BR&gl=BR&ceid=BR:pt-419`);
  });

  it('ai-analysis jobs (the weekly schedules) write a report from what the jobs above fetched', async () => {
    const job = await runJob('ai-analysis', { ticker: 'WEGE3', query: 'rules' });
    expect(job.error, JSON.stringify(job.error)).toBeNull();
    const result = job.result as { reports: { id: string; model: string }[] };
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]?.model).toBe('rules');
    const latest = await call('ai.latest', { ticker: 'WEGE3' });
    if (!latest) throw new Error('WEGE3 has a report: ai.latest answered null');
    expect(latest.id).toBe(result.reports[0]?.id);
    // The current price is the latest observation by its own date (one resolver for every view):
    // here the Status Invest export the jobs above fetched from the replay server, dated by that
    // fetch (today), beats Fundamentus' page of 03/07/2026 (46,48) and the 2021 COTAHIST close.
    expect(latest.input.price).toBe(33.35);
    const today = [
      new Date().toISOString().slice(0, 10),
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date()),
    ];
    expect(today).toContain(latest.input.price_as_of);
    // The original platform's names reach it too; a report needs a ticker.
    await expect(call('jobs.create', { scraper_name: 'CHATGPT', query: 'rules' })).rejects.toThrow(
      /INVALID_INPUT ticker: an AI report needs a ticker/,
    );
  });

  it('exact counts where the capture fixes them', async () => {
    expect(await count("daily_bars WHERE date = '2021-06-25'")).toBe(989);
    expect(await count("screener_rows WHERE source = 'status-invest'")).toBe(601);
    expect(await count("statements WHERE document = 'DFP'")).toBe(844);
    expect(await count('companies')).toBe(2478);
    expect(await count('macro_series WHERE series = 433')).toBe(60);
    expect(await count("source_bars WHERE source = 'yahoo'")).toBe(23);
    const petr = await core
      .stores()
      .pg.query<{ close: string; snapshot_id: number }>(
        "SELECT close::text, snapshot_id::int FROM daily_bars WHERE ticker = 'PETR4' AND date = '2021-06-25'",
      );
    expect(petr.rows[0]?.close).toBe('29.1');
    expect(petr.rows[0]?.snapshot_id).toBeGreaterThan(0);
  });

  it('Fundamentus WEGE3: fundamentals with provenance; the raw page is in the vault byte for byte', async () => {
    const f = await call('fundamentals.get', { ticker: 'WEGE3' });
    const price = f.metrics.find((m) => m.key === 'price');
    expect(price?.values[0]).toMatchObject({ source: 'fundamentus', value: 46.48, as_of: '2026-07-03' });
    // A label with no standard key keeps the source's label and the unit the page gives it.
    const y2025 = f.metrics.find((m) => m.key === 'extra:2025');
    expect(y2025).toMatchObject({ label: '2025', unit: 'pct', values: [{ source: 'fundamentus' }] });
    const snapId = price!.values[0]!.snapshot_id;
    const { snapshot } = await call('snapshots.get', { id: snapId });
    expect(snapshot.url).toBe(`${replay.url}/detalhes.php?papel=WEGE3`);
    expect(snapshot.status).toBe(200);
    const stored = gunzipSync(readFileSync(blobPath(join(dataDir, 'vault'), snapshot.sha256)));
    expect(stored.equals(readFileSync(fixture('fundamentus', 'wege3_details.html')))).toBe(true);
  });

  it('the same payload fetched again is stored once: same snapshot id, fetch count 2', async () => {
    const before = core
      .stores()
      .state.prepare(
        "SELECT id, fetch_count FROM snapshots WHERE source = 'fundamentus' AND model = 'fundamentals'",
      )
      .all() as { id: number; fetch_count: number }[];
    const job = await runJob('fundamentus', { ticker: 'WEGE3', query: 'fundamentals:' });
    expect(job.status).toBe('completed');
    const after = core
      .stores()
      .state.prepare(
        "SELECT id, fetch_count FROM snapshots WHERE source = 'fundamentus' AND model = 'fundamentals'",
      )
      .all() as { id: number; fetch_count: number }[];
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after[0]!.fetch_count).toBe(before[0]!.fetch_count + 1);
    expect(await count("fundamentals WHERE source = 'fundamentus' AND metric = 'price'")).toBe(1);
  });

  it('an unknown ticker is NOT_FOUND at once (no retry), and its page is still kept in the vault', async () => {
    const job = await runJob('fundamentus', { ticker: 'ZZZZ3', query: 'fundamentals:' });
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('NOT_FOUND');
    expect(job.error?.message).toContain('fundamentus');
    expect(job.attempts).toBe(1);
    const snap = core
      .stores()
      .state.prepare(
        "SELECT parse_status FROM snapshots WHERE source = 'fundamentus' AND query = 'ticker=ZZZZ3'",
      )
      .get() as { parse_status: string } | undefined;
    expect(snap?.parse_status).toBe('NOT_FOUND');
  });

  it('reparse: unchanged when the parser is the same; a changed parse is reported field by field', async () => {
    const same = await call('sources.reparse', { source: 'fundamentus', model: 'fundamentals' });
    expect(same.snapshots).toBeGreaterThanOrEqual(2);
    expect(same.changed).toBe(0);
    expect(same.broken).toBe(0);
    expect(same.unchanged).toBe(1);
    expect(same.still_failing).toBe(1); // the NOT_FOUND page stays what it was
    // Make the stored parse look like an older parser's: a different price and digest.
    const { id } = core
      .stores()
      .state.prepare(
        "SELECT id FROM snapshots WHERE source = 'fundamentus' AND query = 'ticker=WEGE3' AND model = 'fundamentals'",
      )
      .get() as { id: number };
    const file = join(dataDir, 'vault', 'parsed', `${id}.json.gz`);
    const items = JSON.parse(gunzipSync(readFileSync(file)).toString()) as {
      values: Record<string, unknown>;
    }[];
    items[0]!.values['price'] = 1.23;
    const { gzipSync } = await import('node:zlib');
    writeFileSync(file, gzipSync(JSON.stringify(items)));
    core.stores().state.prepare("UPDATE snapshots SET items_digest = 'old' WHERE id = ?").run(id);
    const changed = await call('sources.reparse', { source: 'FUNDAMENTUS', model: 'fundamentals' });
    expect(changed.changed).toBe(1);
    expect(changed.changes[0]?.diff?.examples).toContainEqual({
      item: 'WEGE3',
      field: 'values.price',
      before: 1.23,
      after: 46.48,
    });
  });

  it('scrapers.test runs now and answers data, timing and errors in the original shape', async () => {
    const ok = await call('scrapers.test', { scraper: 'STATUSINVEST', query: 'TAEE11' });
    expect(ok).toMatchObject({
      success: true,
      scraper: 'status-invest',
      model: 'fundamentals',
      query: 'ticker=TAEE11',
      error: null,
    });
    expect(ok.execution_time).toBeGreaterThan(0);
    expect(ok.item_count).toBe(1);
    const bad = await call('scrapers.test', { scraper: 'fundamentus', query: 'PETR4' });
    expect(bad.success).toBe(false);
    expect(bad.error?.code).toBe('NOT_FOUND');
    expect(bad.data).toBeNull();
  });

  it('the circuit opens after repeated failures and then refuses without touching the site', async () => {
    replay.failNext('/api/quote', 503, 100);
    for (let i = 0; i < 5; i++) {
      const r = await call('scrapers.test', { scraper: 'brapi', query: 'PETR4', model: 'quote' });
      expect(r.error?.code).toBe('UNAVAILABLE');
    }
    const h = await call('scrapers.health', {});
    const brapi = h.scrapers.find((s) => s.id === 'brapi')!;
    expect(brapi.circuit.state).toBe('open');
    expect(brapi.status).toBe('unhealthy');
    const seen = replay.requests.length;
    const job = await runJob('brapi', { query: 'quote:PETR4' });
    expect(job.error?.code).toBe('UNAVAILABLE');
    expect(job.error?.message).toContain('circuit open');
    expect(replay.requests.length).toBe(seen);
    const fund = h.scrapers.find((s) => s.id === 'fundamentus')!;
    expect(fund.last_success).not.toBeNull();
    expect(fund.success_rate).toBeGreaterThan(0);
    expect(h.unknown).toBeLessThan(h.total_scrapers);
  });
});

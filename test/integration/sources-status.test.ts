import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, ScraperHealth } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { openState } from '../../services/core/storage/state';
import { coreCalls } from '../helpers/core-calls';
import { fixture, RESOURCES_DIR } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';
import { startReplayServer, type ReplayServer } from '../replay/replay-server';

// Issue 15 item 6: the data sources view tells the truth. Data loaded from saved files (the real
// captures, as `b3ai ingest` / `b3ai import cotahist` load them) shows as each source's last success
// with its item count; fetches that cannot reach any host wait as a group instead of filling the
// queue with retries; a source without its key is "needs setup" and its schedule skips it.

const waitFor = async <T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('saved pages and files ingested: every source says when and how much', () => {
  let dataDir: string;
  let core: Core;
  const { call } = coreCalls(() => core);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-status-ingest-'));
    core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  });
  afterAll(async () => {
    await core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('Fundamentus, Status Invest, CVM, BCB, Tesouro ingested and COTAHIST imported: last success and items each', async () => {
    const before = await call('scrapers.health', {});
    for (const id of ['fundamentus', 'status-invest', 'cvm', 'bcb', 'tesouro', 'b3-cotahist'])
      expect(before.scrapers.find((s) => s.id === id)).toMatchObject({
        status: 'unknown',
        last_success: null,
      });

    const ingested = {
      fundamentus: await call('sources.ingest', {
        source: 'fundamentus',
        model: 'fundamentals',
        file: fixture('fundamentus', 'wege3_details.html'),
        ticker: 'WEGE3',
      }),
      'status-invest': await call('sources.ingest', {
        source: 'status-invest',
        model: 'screener',
        file: fixture('statusinvest', 'statusinvest-busca-avancada.csv'),
      }),
      cvm: await call('sources.ingest', {
        source: 'cvm',
        model: 'companies',
        file: fixture('cvm', 'cad_cia_aberta.csv'),
      }),
      bcb: await call('sources.ingest', {
        source: 'bcb',
        model: 'macro-series',
        file: fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json'),
        query: 'series=433',
      }),
      tesouro: await call('sources.ingest', {
        source: 'tesouro',
        model: 'treasury-bonds',
        file: fixture('tesouro', 'PrecoTaxaTesouroDireto_prefix_2025-05-04.csv'),
      }),
    };
    const imported = await call('import.cotahist', {
      paths: [fixture('cotahist', 'COTAHIST_D25062021.TXT')],
    });
    expect(imported.imported).toBe(989);

    const after = await call('scrapers.health', {});
    const of = (id: string): ScraperHealth => after.scrapers.find((s) => s.id === id)!;
    for (const [id, r] of Object.entries(ingested)) {
      expect(r.items).toBeGreaterThan(0);
      expect(of(id)).toMatchObject({
        status: 'healthy',
        last_items: r.items,
        items_total: r.items,
        last_via: 'ingest',
        // Nothing was asked of the site: no attempt, no success rate to show.
        attempts: 0,
        success_rate: null,
      });
      expect(Date.parse(of(id).last_success!)).toBeGreaterThan(Date.now() - 60_000);
      expect(of(id).freshness_seconds).toBeLessThan(60);
    }
    expect(of('bcb').last_items).toBe(60);
    expect(of('b3-cotahist')).toMatchObject({ status: 'healthy', last_items: 989, last_via: 'import' });
    expect(after.overall_health).toBe('healthy');
    expect(after.healthy).toBe(6);

    // The header's health reads the same summary: no "Serviços OK" next to a failing list.
    const health = await call('health.get', {});
    expect(health.components.sources).toMatchObject({ status: 'healthy', overall: 'healthy', healthy: 6 });
  });

  it('a file the parser refuses is not the site failing: the source keeps its state', async () => {
    const r = await core.call('sources.ingest', {
      source: 'bcb',
      model: 'macro-series',
      file: fixture('cvm', 'cad_cia_aberta.csv'),
      query: 'series=433',
    });
    expect(r.ok).toBe(false);
    const bcb = (await call('scrapers.health', {})).scrapers.find((s) => s.id === 'bcb');
    expect(bcb).toMatchObject({ status: 'healthy', last_error: null, last_items: 60 });
  });
});

describe('offline: DNS fails for every host', () => {
  let dataDir: string;
  let core: Core;
  let replay: ReplayServer | undefined;
  const { call } = coreCalls(() => core);
  const IDS = ['fundamentus', 'bcb', 'valor'];
  const writeConfig = (url: string): void =>
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        sources: Object.fromEntries(IDS.map((id) => [id, { baseUrl: url, retries: 0, ratePerMinute: null }])),
      }),
    );
  const jobs = async (): Promise<Job[]> => (await call('jobs.list', { limit: 100 })).jobs;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-status-offline-'));
    // `.invalid` never resolves (RFC 2606): ENOTFOUND here, with or without a network.
    writeConfig('http://nonexistent.invalid');
    core = await startCore({
      dataDir,
      run: true,
      scheduler: false,
      pgTemplate: await pgTemplate(),
      workers: { size: 2 },
      networkProbeMs: 300,
    });
  });
  afterAll(async () => {
    await core?.close();
    await replay?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the jobs back off as a group, uncounted and at their own priority; health says offline', async () => {
    await call('jobs.create', { scraper_name: 'fundamentus', ticker: 'WEGE3', max_retries: 3 });
    await call('jobs.create', { scraper_name: 'bcb', query: 'macro-series:433', max_retries: 3 });
    await call('jobs.create', { scraper_name: 'valor', query: 'news:', priority: 'high', max_retries: 3 });

    const h = await waitFor(
      'offline',
      () => call('scrapers.health', {}),
      (x) => x.network.state === 'offline',
    );
    expect(h.overall_health).toBe('offline');
    expect(h.network.last_code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(h.network.failing_sources.length).toBeGreaterThanOrEqual(2);
    const health = await call('health.get', {});
    expect(health.status).toBe('offline');
    expect(health.components.network).toMatchObject({ status: 'unhealthy', state: 'offline' });

    // Several probe rounds later: nothing failed for good, no retry storm, the queue is the same 3.
    await new Promise((r) => setTimeout(r, 2_500));
    // A fetch already in flight when "offline" was known ends its own attempt first (its DNS lookup
    // may take a while on a loaded machine); then no job runs while offline.
    const list = await waitFor('no job running', jobs, (l) => l.every((j) => j.status !== 'running'));
    expect(list).toHaveLength(3);
    expect(list.filter((j) => j.status === 'failed')).toEqual([]);
    for (const j of list) expect(['pending', 'retry']).toContain(j.status);
    // At most the attempt that failed before "offline" was known is counted, one job's worth.
    expect(list.reduce((n, j) => n + j.attempts, 0)).toBeLessThanOrEqual(1);
    // Their priorities are their own (no escalation for waiting).
    expect(list.find((j) => j.scraper_name === 'valor')?.priority).toBe('high');
    expect(list.find((j) => j.scraper_name === 'bcb')?.priority).toBe('normal');
    // The attempts cut short by the outage wait as `pending`, the error saying why.
    const waiting = list.filter((j) => j.status === 'pending' && j.error);
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    for (const j of waiting) expect(j.error?.message).toMatch(/network error \((ENOTFOUND|EAI_AGAIN)\)/);
  });

  it('a probe that gets through resumes them', async () => {
    replay = await startReplayServer();
    writeConfig(replay.url);
    // The config watcher applies the new base URLs; the next probe reaches them.
    await waitFor(
      'online',
      () => call('scrapers.health', {}),
      (x) => x.network.state === 'online',
    );
    const done = await waitFor(
      'the waiting jobs to run',
      jobs,
      (l) => l.every((j) => j.status === 'completed' || j.status === 'failed'),
      60_000,
    );
    expect(
      done
        .filter((j) => j.status === 'completed')
        .map((j) => j.scraper_name)
        .sort(),
    ).toEqual(['bcb', 'fundamentus', 'valor']);
    const h = await call('scrapers.health', {});
    expect(h.overall_health).not.toBe('offline');
    expect(h.scrapers.find((s) => s.id === 'bcb')).toMatchObject({
      status: 'healthy',
      last_via: 'fetch',
      last_items: 60,
    });
    expect((await call('health.get', {})).status).not.toBe('offline');
  });
});

describe('CoinMarketCap with no key: needs setup, its schedule skipped', () => {
  let dataDir: string;
  let core: Core;
  const { call } = coreCalls(() => core);
  const KEY = 'cmc-key-f3A9zQ7pL2';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-status-setup-'));
    // The app ran an hour ago: the 15-minute CoinMarketCap schedule is due as a missed run at start.
    const db = openState(dataDir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
    db.prepare('INSERT INTO schedule_runs (schedule_id, last_run_at, fired) VALUES (?, ?, 1)').run(
      'coinmarketcap-15min',
      Date.now() - 3_600_000,
    );
    db.close();
    core = await startCore({ dataDir, run: true, pgTemplate: await pgTemplate(), workers: { size: 1 } });
  });
  afterAll(async () => {
    await core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is needs_setup (not failing), and the firing queued nothing for it, saying why', async () => {
    const h = await call('scrapers.health', {});
    expect(h.scrapers.find((s) => s.id === 'coinmarketcap')).toMatchObject({
      status: 'needs_setup',
      missing_credentials: ['apiKey'],
      attempts: 0,
    });
    expect(h.needs_setup).toBe(1);
    const s = await waitFor(
      'the skip',
      async () => (await call('schedules.list', {})).schedules.find((x) => x.id === 'coinmarketcap-15min')!,
      (x) => x.skipped.length > 0,
    );
    expect(s.needs_setup_sources).toEqual(['coinmarketcap']);
    expect(s.skipped[0]).toMatchObject({ source: 'coinmarketcap' });
    expect(s.skipped[0]!.reason).toMatch(/needs setup: apiKey/);
    const queued = await call('jobs.list', { scraper: 'coinmarketcap', limit: 10 });
    expect(queued.jobs).toEqual([]);
  });

  it('a data source that signs in, with no session in its profile, is skipped the same way', async () => {
    const list = (await call('schedules.list', {})).schedules;
    expect(list.find((x) => x.id === 'opcoes-net-daily')?.needs_setup_sources).toEqual(['opcoes-net']);
    // The chat sites are the AI job's to skip (it says why in its result), not the schedule's.
    expect(list.find((x) => x.id === 'ai-analysis-weekly-1')?.needs_setup_sources).toEqual([]);
    expect(list.find((x) => x.id === 'fundamentus-daily')?.needs_setup_sources).toEqual([]);
  });

  it('the key set from Settings ends it; no answer carries the key', async () => {
    const r = await core.call('scrapers.setCredential', {
      scraper: 'coinmarketcap',
      name: 'apiKey',
      value: KEY,
    });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain(KEY);
    const list = await call('scrapers.list', {});
    expect(list.scrapers.find((x) => x.id === 'coinmarketcap')?.credentials).toEqual([
      { name: 'apiKey', optional: false, configured: true },
    ]);
    expect(JSON.stringify(list)).not.toContain(KEY);
    const h = await call('scrapers.health', {});
    expect(h.scrapers.find((s) => s.id === 'coinmarketcap')?.status).toBe('unknown');
    const s = (await call('schedules.list', {})).schedules.find((x) => x.id === 'coinmarketcap-15min')!;
    expect(s.needs_setup_sources).toEqual([]);
    // A name the source does not take is refused (never a free key into the store).
    const bad = await core.call('scrapers.setCredential', {
      scraper: 'coinmarketcap',
      name: 'other',
      value: 'x',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

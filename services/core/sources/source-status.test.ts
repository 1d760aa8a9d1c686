import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { createRegistry } from '../../sources/registry';
import { fileKeyCipher } from '../ai/secrets';
import { AppConfig } from '../config/app-config';
import { createLogger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import { openState, type StateDb } from '../storage/state';
import { scrapersHealth, sourceHealth } from './scrapers-service';
import { SourceHealth } from './source-health';
import { SourceRunner } from './source-runner';
import { SourceSecrets } from './source-secrets';
import { NO_SESSION_INFO } from './login-state';

let dir: string;
let db: StateDb;
let clock: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-source-status-'));
  db = openState(dir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
  clock = Date.parse('2026-07-03T12:00:00Z');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SourceHealth: one place records every success, however the data came', () => {
  it('a saved page ingested sets last success, items and the total, without an attempt or the circuit', () => {
    const h = new SourceHealth(db, () => clock);
    expect(h.report('fundamentus', 'Fundamentus')).toMatchObject({
      status: 'unknown',
      last_success: null,
      last_items: null,
      items_total: 0,
      last_via: null,
    });
    h.recordSuccess('fundamentus', 1, 'ingest');
    clock += 90_000;
    const r = h.report('fundamentus', 'Fundamentus');
    expect(r).toMatchObject({
      status: 'healthy',
      last_success: '2026-07-03T12:00:00.000Z',
      freshness_seconds: 90,
      last_items: 1,
      items_total: 1,
      last_via: 'ingest',
      // The site was not asked: no attempt, no success rate.
      attempts: 0,
      success_rate: null,
    });
  });

  it('a fetch counts as an attempt; an import adds to the total; a later failure turns it unhealthy', () => {
    const h = new SourceHealth(db, () => clock);
    h.recordSuccess('b3-cotahist', 989, 'import');
    clock += 1_000;
    h.recordSuccess('b3-cotahist', 10, 'fetch');
    expect(h.report('b3-cotahist', 'B3')).toMatchObject({
      status: 'healthy',
      attempts: 1,
      success_rate: 100,
      last_items: 10,
      items_total: 999,
      last_via: 'fetch',
    });
    clock += 1_000;
    h.recordFailure('b3-cotahist', 'UNAVAILABLE', 'down');
    expect(h.report('b3-cotahist', 'B3')).toMatchObject({ status: 'unhealthy', success_rate: 50 });
    // An ingest after the failure is newer data: the source shows healthy again.
    clock += 1_000;
    h.recordSuccess('b3-cotahist', 5, 'ingest');
    expect(h.report('b3-cotahist', 'B3')).toMatchObject({ status: 'healthy', items_total: 1_004 });
  });
});

describe('needs setup: a required key that is not set', () => {
  const runnerWith = (config: AppConfig, secrets?: SourceSecrets): SourceRunner =>
    new SourceRunner({
      registry: createRegistry(),
      state: db,
      pg: {} as Pg,
      dataDir: dir,
      config,
      log: createLogger('test'),
      ...(secrets ? { secrets } : {}),
    });

  it('CoinMarketCap without apiKey is needs_setup (not failing, not unknown); brapi (token optional) is not', async () => {
    const runner = runnerWith(AppConfig.parse({}));
    const cmc = runner.registry.get('coinmarketcap')!;
    expect(runner.missingCredentials('coinmarketcap')).toEqual(['apiKey']);
    expect(runner.missingCredentials('brapi')).toEqual([]);
    expect(sourceHealth(runner, cmc, NO_SESSION_INFO)).toMatchObject({
      status: 'needs_setup',
      missing_credentials: ['apiKey'],
    });
    const all = scrapersHealth(runner);
    expect(all.needs_setup).toBe(1);
    expect(all.overall_health).toBe('unknown');
    // A run is refused before any request, and it is not recorded as the site failing.
    await expect(
      runner.run({ source: 'coinmarketcap', model: 'quote', query: { ticker: 'BTC' }, store: false }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', details: { needs_setup: ['apiKey'] } });
    expect(runner.health.report('coinmarketcap', 'x').attempts).toBe(0);
  });

  it('a key set in Settings (encrypted store) or config.json ends needs setup; the file never holds it in clear', () => {
    const secrets = new SourceSecrets(dir, fileKeyCipher(join(dir, 'ai')));
    const runner = runnerWith(AppConfig.parse({}), secrets);
    secrets.set('coinmarketcap', 'apiKey', 'cmc-secret-123456');
    expect(runner.missingCredentials('coinmarketcap')).toEqual([]);
    expect(runner.credentials('coinmarketcap')).toEqual({ apiKey: 'cmc-secret-123456' });
    expect(readFileSync(join(dir, 'sources', 'keys.json'), 'utf8')).not.toContain('cmc-secret-123456');
    expect(scrapersHealth(runner).scrapers.find((s) => s.id === 'coinmarketcap')?.status).toBe('unknown');
    secrets.set('coinmarketcap', 'apiKey', '');
    expect(runner.missingCredentials('coinmarketcap')).toEqual(['apiKey']);

    const configured = runnerWith(
      AppConfig.parse({ sources: { coinmarketcap: { credentials: { apiKey: 'from-config' } } } }),
    );
    expect(configured.missingCredentials('coinmarketcap')).toEqual([]);
  });

  it('offline wins the overall word', () => {
    const runner = runnerWith(AppConfig.parse({}));
    runner.health.recordSuccess('bcb', 3, 'ingest');
    expect(scrapersHealth(runner).overall_health).toBe('healthy');
    const offline = scrapersHealth(runner, NO_SESSION_INFO, {
      state: 'offline',
      since: new Date(clock).toISOString(),
      next_probe_at: null,
      failing_sources: ['bcb', 'fundamentus'],
      last_code: 'ENOTFOUND',
    });
    expect(offline.overall_health).toBe('offline');
    expect(offline.network.failing_sources).toEqual(['bcb', 'fundamentus']);
  });
});

import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract';
import { createLogger } from '../logging/logger';
import { createRegistry } from '../../sources/registry';
import { defaultResourcesDir } from '../storage/migrations';
import { checkConfigText, type ConfigContext } from './config-check';
import { ConfigService, configContext } from './config-service';
import { watchConfigFile } from './config-watcher';
import { redactSecrets, REDACTED } from './redact';

const ctx: ConfigContext = configContext(createRegistry(), defaultResourcesDir());
const check = (value: unknown) =>
  checkConfigText('config.json', typeof value === 'string' ? value : JSON.stringify(value), ctx);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('config checks', () => {
  it('names each error by its key path', () => {
    const r = check({
      sources: { cotahist: { concurrency: 0, extra: 1 }, fundamentos: {} },
      vault: { retentionDays: 'x' },
      schedules: { 'no-such-schedule': { cron: '61 * * * *' }, 'bcb-daily': { timezone: 'Mars/Olympus' } },
    });
    expect(r.valid).toBe(false);
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'sources.cotahist.concurrency',
        'sources.cotahist.extra',
        'sources.fundamentos',
        'vault.retentionDays',
      ]),
    );
    expect(r.errors.find((e) => e.path === 'sources.fundamentos')?.message).toMatch(/unknown source id/);
    // Schema errors come first; the cron and schedule checks run on a file that passes the schema.
    const r2 = check({
      schedules: { 'no-such-schedule': { cron: '61 * * * *' }, 'bcb-daily': { timezone: 'Mars/Olympus' } },
    });
    expect(r2.errors.map((e) => e.path)).toEqual([
      'schedules.no-such-schedule',
      'schedules.no-such-schedule.cron',
      'schedules.bcb-daily.timezone',
    ]);
  });

  it('a JSON syntax error gives line and column, never the text (it may hold a token)', () => {
    const r = check('{\n  "sources": { "brapi": { "credentials": { "token": "s3cr3t-tok" } } ,, }\n}');
    expect(r.valid).toBe(false);
    expect(r.errors[0]?.message).toMatch(/^not valid JSON \(line 2, column \d+\)$/);
    expect(JSON.stringify(r)).not.toContain('s3cr3t');
  });

  it('warns about credentials a source does not use and sources this build cannot run', () => {
    const r = check({
      sources: { brapi: { credentials: { tokn: 'x' } }, 'market-scan': { concurrency: 1 } },
    });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['sources.brapi.credentials.tokn', 'sources.market-scan']);
  });

  it('redacts credentials, keys and tokens wherever they are', () => {
    expect(
      redactSecrets({
        sources: { brapi: { credentials: { token: 'abc' }, baseUrl: 'http://x' } },
        other: { apiKey: 'k', api_key: 'k', token: '', nested: [{ password: 'p' }] },
      }),
    ).toEqual({
      sources: { brapi: { credentials: { token: REDACTED }, baseUrl: 'http://x' } },
      other: { apiKey: REDACTED, api_key: REDACTED, token: '', nested: [{ password: REDACTED }] },
    });
  });
});

describe('ConfigService', () => {
  const log = createLogger('config-test');
  const write = (value: unknown): void =>
    writeFileSync(join(dir, 'config.json'), typeof value === 'string' ? value : JSON.stringify(value));

  it('reload applies a valid file and reports the changed key paths, never the values', async () => {
    write({ sources: { brapi: { credentials: { token: 'old' } } } });
    const s = new ConfigService({ dataDir: dir, context: ctx, log });
    const seen: unknown[] = [];
    s.setApplier((next) => {
      seen.push(next);
      return Promise.resolve(['applied']);
    });
    write({
      sources: { brapi: { credentials: { token: 'new' }, retries: 1 } },
      vault: { retentionDays: 30 },
    });
    const r = await s.reload();
    expect(r).toMatchObject({
      reloaded: true,
      changed: ['sources.brapi.credentials.token', 'sources.brapi.retries', 'vault.retentionDays'],
      applied: ['applied'],
    });
    expect(JSON.stringify(r)).not.toContain('new');
    expect(s.config.sources['brapi']?.credentials?.['token']).toBe('new');
    expect(seen).toHaveLength(1);
    expect(s.status()).toMatchObject({
      valid: true,
      sources_configured: ['brapi'],
      last_reload: { ok: true },
    });
  });

  it('an invalid file is refused with its errors and the old settings stay', async () => {
    write({ sources: { cotahist: { concurrency: 2 } } });
    const s = new ConfigService({ dataDir: dir, context: ctx, log });
    write({ sources: { cotahist: { concurrency: 0 } } });
    const err = await s.reload().catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('INVALID_CONFIG');
    expect(isAppError(err) && err.details?.['fields']).toEqual(['sources.cotahist.concurrency']);
    expect(s.config.sources['cotahist']?.concurrency).toBe(2);
    expect(s.status()).toMatchObject({ valid: true, last_reload: { ok: false } });
  });

  it('an invalid file at start leaves the defaults and says why', () => {
    write('{ nope');
    const s = new ConfigService({ dataDir: dir, context: ctx, log });
    expect(s.config.sources).toEqual({});
    expect(s.status().valid).toBe(false);
    expect(s.errors[0]).toMatch(/config\.json: \(file\): not valid JSON/);
  });
});

describe('config watcher', () => {
  it('reloads after an editor-style write (new file renamed over the old), once per burst', async () => {
    writeFileSync(join(dir, 'config.json'), '{}');
    const s = new ConfigService({ dataDir: dir, context: ctx, log: createLogger('config-test') });
    let reloads = 0;
    const reloaded = new Promise<void>((resolve) => {
      s.setApplier(() => {
        reloads++;
        resolve();
        return Promise.resolve([]);
      });
    });
    const w = watchConfigFile({
      file: s.file,
      changed: () => s.fileChanged(),
      reload: () => s.reload('watch'),
      log: createLogger('config-test'),
      debounceMs: 50,
    });
    try {
      writeFileSync(join(dir, 'state.sqlite-wal'), 'noise'); // other files in the data dir: ignored
      const tmp = join(dir, '.config.json.swp');
      writeFileSync(tmp, JSON.stringify({ sources: { yahoo: { retries: 1 } } }));
      renameSync(tmp, join(dir, 'config.json'));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ sources: { yahoo: { retries: 2 } } }));
      await reloaded;
      await new Promise((r) => setTimeout(r, 200));
      expect(reloads).toBe(1);
      expect(s.config.sources['yahoo']?.retries).toBe(2);
      expect(s.status().last_reload?.trigger).toBe('watch');
    } finally {
      w.close();
    }
  });
});

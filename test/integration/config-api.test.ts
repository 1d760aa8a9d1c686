import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../services/core/app';
import { RESOURCES_DIR } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';
import { cliEnv, runCli, startCli } from './cli-runner';
import { json, removeDir, tempDir, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

const SECRET = 'tok-5f2c9e-never-shown';

interface Issue {
  path: string;
  message: string;
}

describe('configuration API at the original paths', () => {
  let t: TestServer;
  beforeAll(async () => {
    // No config.json at first: the tests below write it and watch the server take it in.
    t = await startTestServer({ config: null });
  });
  afterAll(() => t?.close());

  const write = (value: unknown): void =>
    writeFileSync(join(t.dataDir, 'config.json'), typeof value === 'string' ? value : JSON.stringify(value));

  it('status and validate without a file: the defaults, valid', async () => {
    const status = json(await t.api({ path: '/api/config/status' }));
    expect(status).toMatchObject({ exists: false, valid: true, sources_configured: [], last_reload: null });
    expect(status.file).toBe(join(t.dataDir, 'config.json'));
    const v = json(await t.api({ path: '/api/config/validate' }));
    expect(v).toMatchObject({ valid: true, errors: [], warnings: [] });
    expect(v.scrapers_count).toBeGreaterThan(5);
  });

  it('reload applies base URL and credentials live; all redacts the secret everywhere', async () => {
    write({
      sources: { brapi: { baseUrl: 'http://127.0.0.1:9/brapi', credentials: { token: SECRET }, retries: 1 } },
      vault: { retentionDays: 400 },
    });
    const r = await t.postJson('/api/config/reload', {});
    expect(r.status).toBe(200);
    expect(json(r)).toMatchObject({
      reloaded: true,
      changed: [
        'sources.brapi.baseUrl',
        'sources.brapi.credentials.token',
        'sources.brapi.retries',
        'vault.retentionDays',
      ],
    });
    expect((json(r).applied as string[]).join(' ')).toMatch(/sources: brapi.*vault retention 400 days/);
    // The source runner reads the settings in force: scrapers.list shows the new base URL.
    const scrapers = json<{ scrapers: Array<{ id: string; base_url: string; credentials: unknown[] }> }>(
      await t.api({ path: '/api/scrapers/list' }),
    );
    const brapi = scrapers.scrapers.find((s) => s.id === 'brapi');
    expect(brapi?.base_url).toBe('http://127.0.0.1:9/brapi');
    expect(brapi?.credentials).toContainEqual({ name: 'token', optional: true, configured: true });

    const all = await t.api({ path: '/api/config/all' });
    expect(all.text).not.toContain(SECRET);
    const body = json<{
      config: { sources: { brapi: { credentials: { token: string } } } };
      sources: Array<{ id: string; base_url: string; retries: number | null }>;
    }>(all);
    expect(body.config.sources.brapi.credentials.token).toBe('[redacted]');
    expect(body.sources.find((s) => s.id === 'brapi')).toMatchObject({
      base_url: 'http://127.0.0.1:9/brapi',
      retries: 1,
    });
    const status = json(await t.api({ path: '/api/config/status' }));
    expect(status).toMatchObject({ exists: true, valid: true, sources_configured: ['brapi'] });
    expect(JSON.stringify(status)).not.toContain(SECRET);
  });

  it('an invalid file is refused with each error by key path, and the old settings stay', async () => {
    write({ sources: { brapi: { retries: 99, baseUrl: 'ftp://x' }, fundamentos: {} } });
    const v = json<{ valid: boolean; errors: Issue[] }>(await t.api({ path: '/api/config/validate' }));
    expect(v.valid).toBe(false);
    expect(v.errors.map((e) => e.path).sort()).toEqual([
      'sources.brapi.baseUrl',
      'sources.brapi.retries',
      'sources.fundamentos',
    ]);
    const r = await t.postJson('/api/config/reload', {});
    expect(r.status).toBe(422);
    const err = json<ErrorBody>(r).error;
    expect(err.code).toBe('INVALID_CONFIG');
    expect(err.message).toMatch(/sources\.brapi\.retries: .*the previous configuration stays/);
    expect(err.details?.['fields']).toEqual(expect.arrayContaining(['sources.fundamentos']));
    const scrapers = json<{ scrapers: Array<{ id: string; base_url: string }> }>(
      await t.api({ path: '/api/scrapers/list' }),
    );
    expect(scrapers.scrapers.find((s) => s.id === 'brapi')?.base_url).toBe('http://127.0.0.1:9/brapi');
    expect(json(await t.api({ path: '/api/config/status' }))).toMatchObject({
      valid: true,
      last_reload: { ok: false, trigger: 'api' },
    });

    write('{"sources": {"brapi": {"credentials": {"token": "' + SECRET + '"}}},,}');
    const bad = await t.postJson('/api/config/reload', {});
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/not valid JSON \(line 1, column \d+\)/);
    expect(bad.text).not.toContain(SECRET);
  });

  it('categories and the JSON Schema (the same as resources/config.schema.json)', async () => {
    const cats = json<{
      categories: Array<{ name: string; keys: string[] }>;
      source_categories: Array<{ category: string; sources: string[] }>;
    }>(await t.api({ path: '/api/config/categories' }));
    expect(cats.categories.map((c) => c.name)).toEqual([
      'sources',
      'vault',
      'imports',
      'schedules',
      'browser',
    ]);
    expect(cats.source_categories.find((c) => c.category === 'fundamentals')?.sources).toContain(
      'fundamentus',
    );
    const schema = json(await t.api({ path: '/api/config/schema' }));
    expect(schema).toEqual(JSON.parse(readFileSync(join(RESOURCES_DIR, 'config.schema.json'), 'utf8')));
    const openapi = json<{ paths: Record<string, unknown> }>(await t.api({ path: '/openapi.json' }));
    for (const p of ['status', 'validate', 'reload', 'all', 'categories', 'schema'])
      expect(openapi.paths).toHaveProperty([`/api/config/${p}`]);
  });
});

describe('the serving process reloads config.json when it changes', () => {
  let dataDir: string;
  let core: Core;
  beforeAll(async () => {
    dataDir = tempDir();
    core = await startCore({
      dataDir,
      run: true,
      schedulesPaused: true,
      pgTemplate: await pgTemplate(),
      workers: { size: 1 },
    });
  });
  afterAll(async () => {
    await core?.close();
    removeDir(dataDir);
  });

  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const r = await core.call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  };
  const until = async (what: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the watcher');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const schedule = async (id: string) =>
    (
      await call<{ schedules: Array<{ id: string; enabled: boolean; tickers: string[] }> }>('schedules.list')
    ).schedules.find((s) => s.id === id);

  it('a schedule edit reschedules it; an invalid write is refused and logged; the fix is applied', async () => {
    expect((await schedule('bcb-daily'))?.enabled).toBe(true);
    // An editor's save: a new file renamed over config.json.
    writeFileSync(
      join(dataDir, '.config.json.tmp'),
      JSON.stringify({ schedules: { 'bcb-daily': { enabled: false } } }),
    );
    const { renameSync } = await import('node:fs');
    renameSync(join(dataDir, '.config.json.tmp'), join(dataDir, 'config.json'));
    await until(async () => (await schedule('bcb-daily'))?.enabled === false);
    expect(await call('config.status')).toMatchObject({ last_reload: { ok: true, trigger: 'watch' } });

    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ schedules: { 'bcb-daily': { cron: 'nope' } } }),
    );
    await until(
      async () => (await call<{ last_reload: { ok: boolean } }>('config.status')).last_reload.ok === false,
    );
    expect((await schedule('bcb-daily'))?.enabled).toBe(false);

    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ schedules: { 'bcb-daily': { tickers: ['PETR4'] } } }),
    );
    await until(async () => (await schedule('bcb-daily'))?.enabled === true);
    expect((await schedule('bcb-daily'))?.tickers).toEqual(['PETR4']);
  });

  it('a sign-in source’s schedule ships disabled with its reason; enabled by the user, no reason is left', async () => {
    type Row = { id: string; enabled: boolean; disabled_reason?: string };
    const find = async (id: string) =>
      (await call<{ schedules: Row[] }>('schedules.list')).schedules.find((s) => s.id === id);
    expect(await find('opcoes-net-daily')).toMatchObject({
      enabled: false,
      disabled_reason: expect.stringMatching(/sign in/i) as unknown,
    });
    const open = await find('investsite-daily');
    expect(open?.enabled).toBe(true);
    expect(open?.disabled_reason).toBeUndefined();
    await call('schedules.update', { schedule_id: 'opcoes-net-daily', enabled: true });
    await until(async () => (await find('opcoes-net-daily'))?.enabled === true);
    expect((await find('opcoes-net-daily'))?.disabled_reason).toBeUndefined();
  });
});

describe('b3ai config show|validate|set|unset', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDir();
  });
  afterAll(() => removeDir(dataDir));
  const env = () => cliEnv({ B3AI_DATA_DIR: dataDir });
  type Config = { sources: Record<string, { credentials?: Record<string, string> }> };
  const readConfig = (): Config => JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Config;

  it('set validates before writing (atomically, 0600), show redacts, validate names key paths', async () => {
    let r = await runCli(['config', 'set', 'sources.cotahist.concurrency', '2'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sources\.cotahist\.concurrency = 2/);
    expect(r.stdout).toMatch(/applies when the app or "b3ai serve" starts/);
    const file = join(dataDir, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    r = await runCli(['config', 'set', 'sources.cotahist.concurrency', '0'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID_CONFIG: sources\.cotahist\.concurrency: .*nothing was written/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ sources: { cotahist: { concurrency: 2 } } });

    r = await runCli(['config', 'set', '__proto__.polluted', '1'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID_INPUT/);

    // A secret from standard input: never printed, not in the shell's history.
    const child = startCli(['config', 'set', 'sources.brapi.credentials.token', '-', '--json'], env());
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stdin.end(`${SECRET}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).not.toContain(SECRET);
    expect(JSON.parse(out)).toMatchObject({ key: 'sources.brapi.credentials.token', value: '[redacted]' });
    expect(readConfig().sources.brapi?.credentials?.token).toBe(SECRET);

    // A numeric secret stays text (never JSON-parsed), and is not printed.
    r = await runCli(['config', 'set', 'sources.coinmarketcap.credentials.apiKey', '12345678'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('12345678');
    expect(readConfig().sources.coinmarketcap?.credentials?.apiKey).toBe('12345678');
    r = await runCli(['config', 'unset', 'sources.coinmarketcap'], env());
    expect(r.code).toBe(0);

    r = await runCli(['config', 'show', '--json'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect((JSON.parse(r.stdout) as { config: Config }).config.sources).toEqual({
      cotahist: { concurrency: 2 },
      brapi: { credentials: { token: '[redacted]' } },
    });

    r = await runCli(['config', 'unset', 'sources.cotahist'], env());
    expect(r.code).toBe(0);
    expect(Object.keys(readConfig().sources)).toEqual(['brapi']);

    writeFileSync(file, JSON.stringify({ vault: { retentionDays: 0 }, sources: { brapi: { token: 'x' } } }));
    r = await runCli(['config', 'validate'], env());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/INVALID/);
    expect(r.stdout).toMatch(/error vault\.retentionDays: /);
    expect(r.stdout).toMatch(/error sources\.brapi\.token: unknown key/);
  });
});

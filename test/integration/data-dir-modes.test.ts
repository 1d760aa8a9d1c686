import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../services/core/app';
import { startApiServer, type ApiServer } from '../../services/server/http';
import { ensureApiToken } from '../../services/server/token';
import { fixture, REPO_ROOT } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';
import { removeDir, send, tempDir } from './helpers';

/** F8: the data dir and everything in it are owner-only; no answer shows where the app is installed. */
let dataDir: string;
let core: Core;
let server: ApiServer;
const missingUi = join(REPO_ROOT, 'out', 'no-such-renderer');

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

beforeAll(async () => {
  dataDir = tempDir();
  // What an older version left: everything readable by others.
  chmodSync(dataDir, 0o755);
  writeFileSync(join(dataDir, 'old.log'), 'x', { mode: 0o644 });
  chmodSync(join(dataDir, 'old.log'), 0o644);
  mkdirSync(join(dataDir, 'vault', 'ab'), { recursive: true, mode: 0o755 });
  chmodSync(join(dataDir, 'vault'), 0o755);
  core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  server = await startApiServer({ core, token: ensureApiToken(dataDir), staticDir: missingUi, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await core?.close();
  removeDir(dataDir);
});

describe('data dir modes', () => {
  it('fixes the data dir and its top level on start; creates pg/ and state.sqlite owner-only', () => {
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, 'old.log'))).toBe('600');
    expect(mode(join(dataDir, 'vault'))).toBe('700');
    expect(mode(join(dataDir, 'pg'))).toBe('700');
    expect(mode(join(dataDir, 'state.sqlite'))).toBe('600');
    expect(mode(join(dataDir, 'api-token'))).toBe('600');
  });

  it('every file under pg/ (Postgres writes some itself) is owner-only', () => {
    const open: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const st = statSync(path);
        if (st.isDirectory()) walk(path);
        if ((st.mode & 0o077) !== 0) open.push(`${path} ${mode(path)}`);
      }
    };
    walk(join(dataDir, 'pg'));
    expect(open).toEqual([]);
  });

  it('vault folders and payload files of an ingested page are 0700/0600', async () => {
    const r = await core.call('sources.ingest', {
      source: 'fundamentus',
      model: 'dividends',
      file: fixture('fundamentus', 'wege3_dividends.html'),
      ticker: 'WEGE3',
    });
    expect(r.ok).toBe(true);
    const vault = join(dataDir, 'vault');
    const shards = readdirSync(vault).filter((d) => /^[0-9a-f]{2}$/.test(d) && d !== 'ab');
    expect(shards.length).toBeGreaterThan(0);
    for (const shard of shards) {
      expect(mode(join(vault, shard))).toBe('700');
      for (const f of readdirSync(join(vault, shard))) expect(mode(join(vault, shard, f)), f).toBe('600');
    }
    expect(mode(join(vault, 'parsed'))).toBe('700');
    for (const f of readdirSync(join(vault, 'parsed'))) expect(mode(join(vault, 'parsed', f))).toBe('600');
  });

  it('model settings and keys (ai/) are owner-only', async () => {
    const r = await core.call('ai.providers.save', {
      id: 'm1',
      provider: 'openai',
      base_url: 'http://127.0.0.1:9/v1',
      model: 'x',
      api_key: 'sk-test-123456',
    });
    expect(r.ok).toBe(true);
    expect(mode(join(dataDir, 'ai'))).toBe('700');
    for (const f of readdirSync(join(dataDir, 'ai'))) expect(mode(join(dataDir, 'ai', f)), f).toBe('600');
  });
});

describe('no install path in answers', () => {
  it('the 503 page of a missing UI build names no folder', async () => {
    const res = await send(server.port, { path: '/' });
    expect(res.status).toBe(503);
    expect(res.text).not.toContain(missingUi);
    expect(res.text).not.toContain(REPO_ROOT.replace(/\/$/, ''));
    expect(res.text).toContain('npm run build');
  });

  it('404s and auth errors name no folder', async () => {
    for (const path of ['/missing.js', '/api/nope', '/api/tickers/search']) {
      const res = await send(server.port, { path });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.text, path).not.toContain(REPO_ROOT.replace(/\/$/, ''));
      expect(res.text, path).not.toContain(dataDir);
    }
  });
});

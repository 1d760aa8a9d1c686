import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCaller, httpUploader } from '../../services/server/cli/api-caller';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { json, removeDir, tempDir, type ErrorBody, type HttpAnswer } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

/**
 * F1: an API caller reads only files the user chose: an upload, or a file under an import folder
 * of config.json. The requests, sent again: each is refused, and no answer quotes a file.
 */
let t: TestServer;
let imports: string;
let secret: string;

const SOURCES: Array<[string, string]> = [
  ['cvm', 'companies'],
  ['cvm', 'statements'],
  ['fundamentus', 'fundamentals'],
  ['fundamentus', 'dividends'],
  ['status-invest', 'screener'],
  ['bcb', 'macro-series'],
  ['tesouro', 'treasury-bonds'],
  ['yahoo', 'daily-bars'],
  ['brapi', 'quote'],
  ['b3', 'company-profile'],
  ['google-news', 'news'],
  ['infomoney', 'news'],
  ['e-investidor', 'news'],
  ['mais-retorno', 'news'],
  ['coinmarketcap', 'quote'],
];

beforeAll(async () => {
  imports = tempDir();
  t = await startTestServer({ config: { imports: { allowedDirs: [imports] } } });
  secret = readFileSync(join(t.dataDir, 'api-token'), 'utf8').trim();
  writeFileSync(
    join(imports, 'wege3_dividends.html'),
    readFileSync(fixture('fundamentus', 'wege3_dividends.html')),
  );
  mkdirSync(join(imports, 'sub'));
  symlinkSync(join(t.dataDir, 'api-token'), join(imports, 'sub', 'token-link.csv'));
  writeFileSync(join(imports, 'secret.csv'), `${secret}\n`);
});

afterAll(async () => {
  await t?.close();
  removeDir(imports);
});

function expectNoLeak(res: HttpAnswer, what: string): void {
  expect(res.status, what).not.toBe(200);
  expect(res.status, what).not.toBe(500);
  expect(res.text, what).not.toContain(secret);
  expect(res.text, what).not.toContain(secret.slice(0, 12));
}

describe('F1: file paths through the API', () => {
  it('POST /api/sources/cvm/ingest {file: <data-dir>/api-token} → 403, the token is not in the answer', async () => {
    const res = await t.postJson('/api/sources/cvm/ingest', {
      model: 'companies',
      file: join(t.dataDir, 'api-token'),
      ticker: 'PETR4',
    });
    expect(res.status).toBe(403);
    expect(json<ErrorBody>(res).error.code).toBe('FORBIDDEN');
    expectNoLeak(res, 'api-token');
  });

  it('refuses system and data-dir files through every source', async () => {
    const targets = [
      '/etc/passwd',
      '/etc/shadow',
      '/proc/self/environ',
      join(t.dataDir, 'ai', 'keys.json'),
      join(t.dataDir, 'ai', 'master.key'),
      join(t.dataDir, 'state.sqlite'),
      `${imports}/../${t.dataDir.split('/').pop() ?? ''}/api-token`,
      join(imports, 'sub', 'token-link.csv'),
    ];
    let refused = 0;
    for (const [source, model] of SOURCES)
      for (const file of targets) {
        const res = await t.postJson(`/api/sources/${source}/ingest`, { model, file, ticker: 'PETR4' });
        expectNoLeak(res, `${source} ${file}`);
        expect(res.status, `${source} ${file}`).toBe(403);
        refused++;
      }
    expect(refused).toBe(SOURCES.length * targets.length);
  });

  it('import.cotahist paths and cotahist jobs naming a file outside the import folders → 403', async () => {
    for (const path of ['/etc/passwd', join(t.dataDir, 'api-token'), COTAHIST_DAILY()]) {
      const imp = await t.postJson('/api/import/cotahist', { paths: [path] });
      expect(imp.status, path).toBe(403);
      expectNoLeak(imp, path);
      const job = await t.postJson('/api/jobs/create', { scraper_name: 'cotahist', query: path });
      expect(job.status, path).toBe(403);
      const batch = await t.postJson('/api/jobs/create-batch', {
        jobs: [{ scraper_name: 'COTAHIST', query: path }],
      });
      expect(batch.status, path).toBe(403);
    }
  });

  it('a file under an import folder is read; a file there that fails to parse is not quoted', async () => {
    const ok = await t.postJson('/api/sources/fundamentus/ingest', {
      model: 'dividends',
      file: join(imports, 'wege3_dividends.html'),
      ticker: 'WEGE3',
    });
    expect(ok.status).toBe(200);
    const bad = await t.postJson('/api/sources/cvm/ingest', {
      model: 'companies',
      file: join(imports, 'secret.csv'),
    });
    expect(bad.status).toBe(502);
    expect(json<ErrorBody>(bad).error.code).toBe('LAYOUT_CHANGED');
    expectNoLeak(bad, 'secret.csv');
  });

  it('an upload is a file the user chose; a failed parse of it names the file, not its content', async () => {
    for (const [source, model] of SOURCES) {
      const sent = await t.api({
        method: 'POST',
        path: '/api/uploads?name=notes.txt',
        body: `${secret}\n${secret}\n`,
      });
      expect(sent.status).toBe(200);
      const { upload_id } = json<{ upload_id: string }>(sent);
      const res = await t.postJson(`/api/sources/${source}/ingest`, { model, upload_id, ticker: 'PETR4' });
      expectNoLeak(res, `${source} ${model}`);
    }
    const cot = await t.api({ method: 'POST', path: '/api/uploads?name=x.TXT', body: `${secret}\n` });
    const res = await t.postJson('/api/import/cotahist', {
      upload_ids: [json<{ upload_id: string }>(cot).upload_id],
    });
    expect(res.status).toBe(422);
    expect(json<ErrorBody>(res).error.message).toContain('x.TXT');
    expectNoLeak(res, 'cotahist upload');
  });

  it('the local user (the CLI, in-process) still names any file', async () => {
    const r = await t.core.call('sources.ingest', {
      source: 'fundamentus',
      model: 'dividends',
      file: fixture('fundamentus', 'wege3_dividends.html'),
      ticker: 'WEGE3',
    });
    expect(r.ok).toBe(true);
    const remote = await t.core.call(
      'sources.ingest',
      { source: 'fundamentus', model: 'dividends', file: fixture('fundamentus', 'wege3_dividends.html') },
      'remote',
    );
    expect(remote.ok).toBe(false);
  });

  it('the CLI, through a running server, reads the file itself and streams it up', async () => {
    const url = `http://127.0.0.1:${t.port}/`;
    const upload_id = await httpUploader(url, t.dataDir)(fixture('fundamentus', 'wege3_dividends.html'));
    const out = await httpCaller(url, t.dataDir)('sources.ingest', {
      source: 'fundamentus',
      model: 'dividends',
      upload_id,
      ticker: 'WEGE3',
    });
    expect(out.items).toBe(159);
    await expect(httpUploader(url, t.dataDir)(join(imports, 'missing.html'))).rejects.toThrow(/cannot read/);
  });
});

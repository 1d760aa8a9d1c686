import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { COTAHIST_DAILY, DAILY_IMPORT_SUMMARY } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';

let dataDir: string;
let core: Core;
let files: Server;
let inside: Server;
let insideHits = 0;
let base: string;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

async function finished(id: string): Promise<Job> {
  for (let i = 0; i < 300; i++) {
    const { job } = await call<{ job: Job }>('jobs.get', { job_id: id });
    if (['completed', 'failed', 'cancelled'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-cotahist-job-'));
  // Another server on loopback (another port: another host), standing in for an internal service.
  inside = createServer((_req, res) => {
    insideHits++;
    res.end('INTERNAL-SECRET-BODY');
  });
  await new Promise<void>((r) => inside.listen(0, '127.0.0.1', r));
  const insideUrl = `http://127.0.0.1:${(inside.address() as AddressInfo).port}`;
  // A stand-in for B3's download server on loopback, serving the real daily file (and 404s).
  files = createServer((req, res) => {
    if (req.url === '/InstDados/SerHist/COTAHIST_D25062021.TXT') createReadStream(COTAHIST_DAILY()).pipe(res);
    else if (req.url === '/redir') res.writeHead(302, { location: `${insideUrl}/secret` }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  // The source's polite default is 6 starts a minute; lift it here through the user's config file.
  // Downloads go only to B3, or to the configured base URL (here: the stand-in).
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ sources: { cotahist: { ratePerMinute: null, baseUrl: base } } }),
  );
  core = await startCore({
    dataDir,
    run: true,
    scheduler: false,
    pgTemplate: await pgTemplate(),
    workers: { size: 1 },
  });
});

afterAll(async () => {
  await core?.close();
  await new Promise((r) => files?.close(r));
  await new Promise((r) => inside?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the COTAHIST import as a job', { timeout: 60_000 }, () => {
  it('imports a local file', async () => {
    const { job } = await call<{ job: Job }>('jobs.create', {
      scraper_name: 'COTAHIST',
      query: COTAHIST_DAILY(),
    });
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'completed', result: DAILY_IMPORT_SUMMARY });
  });

  it('downloads the file in a worker process, then imports it (idempotently)', async () => {
    const { job } = await call<{ job: Job }>('jobs.create', {
      scraper_name: 'cotahist',
      query: `${base}/InstDados/SerHist/COTAHIST_D25062021.TXT`,
    });
    expect(await finished(job.id)).toMatchObject({
      status: 'completed',
      result: { records: 7518, imported: 989 },
    });
    const q = await call<{ bars: unknown[] }>('quotes.list', { ticker: 'PETR4' });
    expect(q.bars).toHaveLength(1);
  });

  it('fails at once, naming the URL, when the download is not found', async () => {
    const { job } = await call<{ job: Job }>('jobs.create', {
      scraper_name: 'cotahist',
      query: `${base}/nope.ZIP`,
      max_retries: 3,
    });
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'NOT_FOUND' } });
    expect(done.error?.message).toContain('/nope.ZIP');
  });

  it('fails at once when the file is refused (trailer mismatch), naming file and line', async () => {
    const { job } = await call<{ job: Job }>('jobs.create', {
      scraper_name: 'cotahist',
      query: COTAHIST_DAILY().replace('COTAHIST_D25062021', 'COTAHIST_EXAMPLE_20260417'),
    });
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'TRAILER_MISMATCH' } });
    expect(done.error?.message).toContain('line 13');
  });

  it('F4: a URL on a host that is neither B3 nor the configured base URL is refused when the job is made', async () => {
    for (const caller of ['remote', 'local'] as const) {
      const r = await core.call(
        'jobs.create',
        { scraper_name: 'cotahist', query: 'http://127.0.0.1:9/redir' },
        caller,
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
  });

  it('F4: a redirect to another host fails the job (BLOCKED); the other host gets no request', async () => {
    const { job } = await call<{ job: Job }>('jobs.create', {
      scraper_name: 'cotahist',
      query: `${base}/redir`,
    });
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'BLOCKED' } });
    expect(JSON.stringify(done)).not.toContain('INTERNAL-SECRET-BODY');
    expect(insideHits).toBe(0);
  });
});

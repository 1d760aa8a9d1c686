import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures';
import { replayConfig, startReplayServer, type ReplayServer } from '../replay/replay-server';
import { runCli, type CliResult } from './cli-runner';

const json = <T>(r: CliResult): T => {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}): ${r.stdout}\nstderr: ${r.stderr}`);
  }
};

let dataDir: string;
let scratch: string;
let replay: ReplayServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-cli-sources-'));
  scratch = mkdtempSync(join(tmpdir(), 'b3ai-cli-scratch-'));
  replay = await startReplayServer();
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify(replayConfig(replay.url, ['bcb', 'fundamentus'])),
  );
});

afterAll(async () => {
  await replay?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('b3ai parse / ingest / reparse / scrape', () => {
  it('parse prints the standard items of a saved page (no data dir needed)', async () => {
    const r = await runCli([
      'parse',
      'fundamentus',
      'fundamentals',
      fixture('fundamentus', 'wege3_details.html'),
      '--ticker',
      'WEGE3',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ source: string; items: { ticker: string; values: Record<string, unknown> }[] }>(r);
    expect(out.source).toBe('fundamentus');
    expect(out.items[0]?.values['price']).toBe(46.48);
    expect(out.items[0]?.values['pl']).toBe(31.03);
  });

  it('parse of a page the parser does not know prints the typed error and exits 3', async () => {
    const broken = join(scratch, 'renamed.html');
    const page = readFileSync(fixture('fundamentus', 'wege3_details.html'), 'latin1').replace(
      '>P/L<',
      '>Preço/Lucro<',
    );
    writeFileSync(broken, page, 'latin1');
    const r = await runCli(['parse', 'FUNDAMENTUS', 'fundamentals', broken, '--ticker', 'WEGE3', '--json']);
    expect(r.code).toBe(3);
    const out = json<{ error: { code: string; message: string } }>(r);
    expect(out.error.code).toBe('LAYOUT_CHANGED');
    expect(out.error.message).toContain('fundamentus fundamentals (ticker=WEGE3)');
    expect(out.error.message).toContain('P/L');
    const notFound = await runCli([
      'parse',
      'fundamentus',
      'fundamentals',
      fixture('fundamentus', 'ticker_invalido_details.html'),
      '--ticker',
      'ZZZZ3',
      '--json',
    ]);
    expect(notFound.code).toBe(3);
    expect(json<{ error: { code: string } }>(notFound).error.code).toBe('NOT_FOUND');
  });

  it('ingest stores a saved page with a vault snapshot; reparse then reports it unchanged', async () => {
    const r = await runCli([
      'ingest',
      'fundamentus',
      'dividends',
      fixture('fundamentus', 'wege3_dividends.html'),
      '--ticker',
      'WEGE3',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ snapshot_id: number; items: number; stored: number }>(r);
    expect(out.items).toBe(159);
    expect(out.snapshot_id).toBeGreaterThan(0);
    const again = json<{ snapshot_id: number }>(
      await runCli([
        'ingest',
        'fundamentus',
        'dividends',
        fixture('fundamentus', 'wege3_dividends.html'),
        '--ticker',
        'WEGE3',
        '--data-dir',
        dataDir,
        '--json',
      ]),
    );
    expect(again.snapshot_id).toBe(out.snapshot_id);
    const rp = await runCli([
      'reparse',
      'fundamentus',
      '--model',
      'dividends',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(rp.code, rp.stderr).toBe(0);
    expect(json<{ snapshots: number; unchanged: number; changed: number }>(rp)).toMatchObject({
      snapshots: 1,
      unchanged: 1,
      changed: 0,
    });
    const human = await runCli(['reparse', 'fundamentus', '--data-dir', dataDir]);
    expect(human.stdout).toContain('1 snapshot(s) re-parsed');
  });

  it('scrape enqueues a job, runs it (workers started for the purpose) and waits for the result', async () => {
    const r = await runCli(['scrape', 'bcb', 'macro-series', '433', '--data-dir', dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { job } = json<{ job: { status: string; result: { models: Record<string, { items: number }> } } }>(
      r,
    );
    expect(job.status).toBe('completed');
    expect(job.result.models['macro-series']?.items).toBe(60);
    const failed = await runCli([
      'scrape',
      'fundamentus',
      'fundamentals',
      'ZZZZ3',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('NOT_FOUND');
  });

  it('analyze prints the analysis (what exists, what is missing and the job that fetches it); an unknown ticker exits 1', async () => {
    const r = await runCli(['analyze', 'WEGE3', '--data-dir', dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const a = json<{
      ticker: string;
      sources: { names: string[] };
      missing: { what: string; job: { scraper_name: string } | null }[];
    }>(r);
    expect(a.ticker).toBe('WEGE3');
    expect(a.sources.names).toEqual(['fundamentus']);
    expect(a.missing.find((m) => m.what === 'fundamentals')?.job?.scraper_name).toBe('fundamentus');
    const human = await runCli(['analyze', 'WEGE3', '--data-dir', dataDir]);
    expect(human.stdout).toContain('missing fundamentals');
    const unknown = await runCli(['analyze', 'ZZZZ3', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND');
  });
});

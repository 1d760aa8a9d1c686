import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, COTAHIST_EXCERPT, DAILY_IMPORT_SUMMARY, REPO_ROOT } from '../helpers/fixtures';
import { cliEnv, exited, runCli, startCli, waitForOutput, type CliResult } from './cli-runner';
import { removeDir, send, tempDir, type ErrorBody } from './helpers';

interface Quotes {
  ticker: string;
  security: { ticker: string; isin: string };
  bars: Array<{ date: string; open: number; close: number; volume: number }>;
}

const parseOut = <T>(r: CliResult): T => {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}): ${r.stdout}\nstderr: ${r.stderr}`);
  }
};

let dataDir: string;
let scratch: string[] = [];

beforeAll(() => {
  dataDir = tempDir();
});

afterAll(() => {
  removeDir(dataDir);
  for (const d of scratch) removeDir(d);
  scratch = [];
});

describe('help and usage errors', () => {
  it.each(['--help', '-h', 'serve --help', 'import --help', 'quotes --help', 'import cotahist --help'])(
    'b3ai %s exits 0 and prints Usage',
    async (line) => {
      const r = await runCli(line.split(' '));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Usage');
    },
  );

  it('b3ai --version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('b3ai with no command prints the help and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage');
  });

  it('an unknown command exits 2 and names it', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('frobnicate');
  });

  it('import cotahist without files exits 2', async () => {
    const r = await runCli(['import', 'cotahist', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--help');
  });

  it('an unknown option exits 2', async () => {
    const r = await runCli(['quotes', 'PETR4', '--frm', '2021-01-01', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
  });

  it('quotes with an impossible --from date exits 2 naming the option', async () => {
    const r = await runCli(['quotes', 'PETR4', '--from', '2021-13-01', '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('from');
  });

  it('quotes with a malformed ticker exits 2', async () => {
    const r = await runCli(['quotes', 'PE', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ticker');
  });
});

describe('import and quotes', () => {
  it('imports the daily file and prints the summary as JSON', async () => {
    const r = await runCli(['import', 'cotahist', COTAHIST_DAILY(), '--data-dir', dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseOut(r)).toEqual(DAILY_IMPORT_SUMMARY);
    expect(existsSync(join(dataDir, 'core.lock'))).toBe(false);
  });

  it('importing the same file again gives the same summary and no duplicate bars', async () => {
    const r = await runCli(['import', 'cotahist', COTAHIST_DAILY(), '--data-dir', dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseOut(r)).toEqual(DAILY_IMPORT_SUMMARY);
    const q = await runCli(['quotes', 'PETR4', '--data-dir', dataDir, '--json']);
    expect(q.code, q.stderr).toBe(0);
    expect(parseOut<Quotes>(q).bars).toHaveLength(1);
  });

  it('quotes upper-cases the ticker and prints the bars as JSON', async () => {
    const r = await runCli(['quotes', 'petr4', '--data-dir', dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = parseOut<Quotes>(r);
    expect(out.ticker).toBe('PETR4');
    expect(out.security.ticker).toBe('PETR4');
    expect(out.bars[0]).toMatchObject({ date: '2021-06-25', open: 29.69, close: 29.1, volume: 2498432530 });
  });

  it('quotes without --json prints a table', async () => {
    const r = await runCli(['quotes', 'PETR4', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('PETR4');
    expect(r.stdout).toMatch(/2021-06-25\s+29\.69\s+\S+\s+\S+\s+29\.10/);
  });

  it('quotes of an unknown ticker exits 1 with NOT_FOUND', async () => {
    const r = await runCli(['quotes', 'ZZZZ9', '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(1);
    expect(parseOut<ErrorBody>(r)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a file whose trailer does not match exits 1 with TRAILER_MISMATCH and changes nothing', async () => {
    const r = await runCli(['import', 'cotahist', COTAHIST_EXCERPT(), '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(1);
    const out = parseOut<ErrorBody>(r);
    expect(out).toMatchObject({ ok: false, error: { code: 'TRAILER_MISMATCH' } });
    expect(out.error.message).toContain('line 13');
    expect(r.stderr).toContain('TRAILER_MISMATCH');
    const q = await runCli(['quotes', 'PETR4', '--data-dir', dataDir, '--json']);
    expect(parseOut<Quotes>(q).bars).toHaveLength(1);
  });

  it('a missing file exits 1 with FILE_NOT_FOUND', async () => {
    const r = await runCli([
      'import',
      'cotahist',
      join(dataDir, 'nope.TXT'),
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(parseOut<ErrorBody>(r).error.code).toBe('FILE_NOT_FOUND');
  });

  it('honours B3AI_DATA_DIR when --data-dir is absent', async () => {
    const envDir = tempDir();
    scratch.push(envDir);
    const env = cliEnv({ B3AI_DATA_DIR: envDir });
    const empty = await runCli(['quotes', 'PETR4', '--json'], env);
    expect(empty.code).toBe(1);
    expect(parseOut<ErrorBody>(empty).error.code).toBe('NOT_FOUND');
    expect(existsSync(join(envDir, 'pg'))).toBe(true);
    // The flag wins over the environment: dataDir has PETR4.
    const flag = await runCli(['quotes', 'PETR4', '--data-dir', dataDir, '--json'], env);
    expect(flag.code, flag.stderr).toBe(0);
    expect(parseOut<Quotes>(flag).bars).toHaveLength(1);
  });
});

describe('serve', () => {
  it('serves /health, locks the data dir, and stops cleanly on SIGTERM', async () => {
    const child = startCli(['serve', '--port', '0', '--data-dir', dataDir, '--no-open']);
    try {
      const m = await waitForOutput(child, /B3 AI Analysis is running at (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      const port = Number(m[2]);
      const health = await send(port, { path: '/health' });
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toMatchObject({
        components: { database: { status: 'healthy', dailyBars: 989 } },
      });

      const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
      const quotes = await send(port, {
        path: '/api/quotes/PETR4',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(quotes.status).toBe(200);

      const lock = JSON.parse(readFileSync(join(dataDir, 'core.lock'), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(child.pid);

      const second = await runCli(['import', 'cotahist', COTAHIST_DAILY(), '--data-dir', dataDir, '--json']);
      expect(second.code).toBe(1);
      const err = parseOut<ErrorBody>(second);
      expect(err.error.code).toBe('UNAVAILABLE');
      expect(err.error.message).toContain(String(child.pid));
      expect(err.error.details).toMatchObject({ pid: child.pid });
      expect(existsSync(join(dataDir, 'core.lock'))).toBe(true);

      child.kill('SIGTERM');
      const end = await exited(child);
      expect(end).toEqual({ code: 0, signal: null });
      expect(existsSync(join(dataDir, 'core.lock'))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('serve with an invalid port exits 2', async () => {
    const r = await runCli(['serve', '--port', '70000', '--data-dir', dataDir, '--no-open']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('port');
  });
});

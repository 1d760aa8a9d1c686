import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { pgTemplate } from '../../../test/helpers/pg-template';
import { startCore, type Core } from '../app';
import { configureLogging, type LogEntry } from '../logging/logger';

// A start that cannot take the data dir must fail with the typed lock error only: no stop of parts
// that never opened (the old "Cannot read properties of undefined (reading 'close')"), no other error
// logged, and the core that holds the dir keeps working.

let dataDir: string;
let template: Blob;
let entries: LogEntry[] = [];

beforeAll(async () => {
  template = await pgTemplate();
  configureLogging({ sink: { write: (_line, entry) => void entries.push(entry) }, level: 'debug' });
});

afterAll(() => {
  configureLogging({ sink: { write: (line) => void process.stderr.write(line) }, level: 'warn' });
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  entries = [];
});

/** Every error-level entry, and every entry that carries a stack (an exception), but the expected one. */
function unexpected(): LogEntry[] {
  return entries.filter((e) => {
    const error = e.error as { stack?: unknown; code?: unknown } | undefined;
    const expected = e.msg === 'component failed to start' && error?.code === 'UNAVAILABLE';
    return !expected && (e.level === 'error' || error?.stack !== undefined || /Cannot read/.test(e.msg));
  });
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => new Error('the second start did not fail'),
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('a second start on a held data dir', () => {
  it('rejects with the typed error in the same process; the first core keeps working', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-lock-'));
    const first: Core = await startCore({ dataDir, pgTemplate: template });
    try {
      const e = await rejection(startCore({ dataDir, pgTemplate: template }));
      expect(e.code).toBe('UNAVAILABLE');
      expect(e.details).toMatchObject({ dataDir, pid: process.pid });
      expect(unexpected()).toEqual([]);
      expect(entries.map((x) => x.msg)).not.toContain('component failed to stop');

      const health = await first.call('health.get', {});
      expect(health).toMatchObject({ ok: true });
      const rows = await first.stores().pg.query<{ n: number }>('select 1 as n');
      expect(rows.rows).toEqual([{ n: 1 }]);
      expect(JSON.parse(readFileSync(join(dataDir, 'core.lock'), 'utf8'))).toMatchObject({
        pid: process.pid,
      });
    } finally {
      await first.close();
    }
    expect(unexpected()).toEqual([]);
  });

  it('rejects naming the live process that holds the lock', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-lock-'));
    let holder: ChildProcess | undefined;
    try {
      holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      const pid = holder.pid!;
      writeFileSync(join(dataDir, 'core.lock'), JSON.stringify({ pid, owner: 'b3ai serve', since: '' }));
      const e = await rejection(startCore({ dataDir, pgTemplate: template, run: true }));
      expect(e.code).toBe('UNAVAILABLE');
      expect(e.message).toContain(`process ${pid} (b3ai serve)`);
      expect(e.details).toMatchObject({ dataDir, pid });
      expect(unexpected()).toEqual([]);
      // The lock still names the holder: a failed start releases only what it took.
      expect(JSON.parse(readFileSync(join(dataDir, 'core.lock'), 'utf8'))).toMatchObject({ pid });
    } finally {
      holder?.kill('SIGKILL');
    }
  });
});

import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures';
import { CLI, cliEnv, exited, runCli, startCli, waitForOutput } from './cli-runner';
import { removeDir, send, tempDir } from './helpers';

// `b3ai serve` as people and machines see it: on a terminal one line (URL, data dir, Ctrl+C); piped,
// the JSON log on stderr; either way the JSON log in <data-dir>/logs/. And a second serve on the same
// data dir is refused with the holder's pid and nothing else.

const READY =
  /^B3 AI Analysis is running at (http:\/\/127\.0\.0\.1:(\d+)\/)(?:\?auth=[\w-]+)? {2}\(data: (.+)\) {2}Ctrl\+C to stop$/;
const READY_ANYWHERE = /running at http:\/\/127\.0\.0\.1:\d+\/\S* .*Ctrl\+C to stop/;
const SERVE = ['serve', '--port', '0', '--no-open', '--pause-schedules'];
const env = (): NodeJS.ProcessEnv => cliEnv({ B3AI_LOG_LEVEL: 'info' });

/** `p`, or a failure that says what was seen when it takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number, seen: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(seen())), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

let dataDir: string;
const logFile = (): string => join(dataDir, 'logs', 'b3ai.log');
const logLines = (): Array<Record<string, unknown>> =>
  readFileSync(logFile(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(() => {
  dataDir = tempDir();
});

afterAll(() => removeDir(dataDir));

describe('b3ai serve logs', () => {
  it('piped: the ready line on stdout, JSON lines on stderr and in the data dir; a second serve is refused cleanly', async () => {
    const child = startCli([...SERVE, '--data-dir', dataDir], env());
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    try {
      const m = await waitForOutput(child, /running at (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      expect((await send(Number(m[2]), { path: '/health' })).status).toBe(200);

      const second = await runCli([...SERVE, '--data-dir', dataDir], env());
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `b3ai serve: UNAVAILABLE: the data dir ${dataDir} is in use by process ${child.pid}`,
      );
      expect(second.stderr).not.toMatch(/Cannot read properties|failed to stop|TypeError|\n\s+at /);
      const secondLines = second.stderr.split('\n').filter((l) => l.startsWith('{'));
      expect(secondLines.map((l) => (JSON.parse(l) as { level: string }).level)).not.toContain('error');
      // The first one still answers.
      expect((await send(Number(m[2]), { path: '/health' })).status).toBe(200);

      child.kill('SIGTERM');
      expect(await exited(child)).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const out = stdout.split('\n').filter(Boolean);
    expect(out[0]).toMatch(READY);
    expect(READY.exec(out[0] ?? '')?.[3]).toBe(dataDir);
    expect(out.slice(1)).toEqual(['Stopping…']);

    // Every stderr line is a JSON log line, and the same lines are in the file.
    const errLines = stderr.split('\n').filter(Boolean);
    const parsed = errLines.map((l) => JSON.parse(l) as { msg: string; pid: number });
    expect(parsed.map((e) => e.msg)).toEqual(expect.arrayContaining(['core started', 'core stopped']));
    const file = logLines();
    for (const e of parsed) expect(file).toContainEqual(e);
    expect(statSync(logFile()).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
    // The refused second serve wrote its warning there too (its own pid).
    expect(file.some((e) => e.msg === 'component failed to start' && e.pid !== child.pid)).toBe(true);
  });

  it(
    'on a terminal: the one ready line, no JSON; the log goes to the data dir only',
    { timeout: 150_000 },
    async () => {
      const before = logLines().length;
      // util-linux `script` gives the command a pseudo-terminal for stdin, stdout and stderr.
      const line = [process.execPath, CLI, ...SERVE, '--data-dir', dataDir].map((a) => `'${a}'`).join(' ');
      const tty = spawn('script', ['-qec', line, '/dev/null'], { cwd: REPO_ROOT, env: env(), stdio: 'pipe' });
      let out = '';
      tty.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      let pid: number | undefined;
      try {
        await within(
          waitForOutput(tty, READY_ANYWHERE),
          90_000,
          () => `no ready line; the terminal showed: ${out}`,
        );
        pid = (JSON.parse(readFileSync(join(dataDir, 'core.lock'), 'utf8')) as { pid: number }).pid;
        // Ctrl+C right away: work the app queued while starting must not outlive its database (it
        // once kept the process alive, printing "dispatcher tick failed" every second).
        process.kill(pid, 'SIGINT');
        const end = await within(
          exited(tty),
          30_000,
          () => `no exit after SIGINT; the terminal showed: ${out}`,
        );
        expect(end).toEqual({ code: 0, signal: null });
      } finally {
        // Killing `script` leaves the command on the terminal running: stop it by its own pid.
        if (pid !== undefined && tty.exitCode === null) process.kill(pid, 'SIGKILL');
        if (tty.exitCode === null && tty.signalCode === null) tty.kill('SIGKILL');
      }
      const shown = out.split(/\r?\n/).filter(Boolean);
      expect(shown).toHaveLength(2);
      expect(shown[0]).toMatch(READY);
      expect(shown[1]).toBe('Stopping…');
      const added = logLines().slice(before);
      expect(added.map((e) => e.msg)).toEqual(
        expect.arrayContaining(['core started', 'listening', 'core stopped']),
      );
      expect(added.filter((e) => e.msg === 'core started').map((e) => e.pid)).toEqual([pid]);
    },
  );
});

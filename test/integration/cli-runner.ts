import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';

export const CLI = join(REPO_ROOT, 'bin', 'b3ai.mjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for a CLI run: B3AI_DATA_DIR removed unless given, quiet logs. The CLI runs the
 * built bundle (out/main/cli.js: `npm test` builds first); while developing, when out/ is older than
 * the sources, it runs them through tsx instead (B3AI_FROM_SOURCE=if-stale, see bin/b3ai.mjs).
 */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    B3AI_LOG_LEVEL: 'warn',
    B3AI_FROM_SOURCE: process.env.B3AI_FROM_SOURCE ?? 'if-stale',
    ...extra,
  };
  if (!('B3AI_DATA_DIR' in extra)) delete env.B3AI_DATA_DIR;
  return env;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = cliEnv()): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' });
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Waits until the child's stdout matches `re`; rejects if it exits first. */
export function waitForOutput(child: ChildProcessWithoutNullStreams, re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onData = (c: Buffer): void => {
      out += c.toString('utf8');
      const m = re.exec(out);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onErr = (c: Buffer): void => {
      err += c.toString('utf8');
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the CLI exited (${code}) before printing ${re}; stdout: ${out}; stderr: ${err}`));
    };
    const cleanup = (): void => {
      child.stdout.off('data', onData);
      child.stderr.off('data', onErr);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onErr);
    child.on('exit', onExit);
  });
}

/** Waits for the child to exit. */
export function exited(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

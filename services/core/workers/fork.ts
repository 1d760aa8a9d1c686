import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { appPath } from '../app-root';
import { createLogger, type Logger } from '../logging/logger';
import { tailBuffer } from './failures';
import type { SpawnWorker, WorkerProcess } from './types';

export interface ForkSpawnerOptions {
  /**
   * Node flags for the child; default none for a bundled `.js` entry (the app's own workers, built
   * into out/main/worker.js), and `--import tsx` only for a `.ts` entry (sources, tests, dev).
   */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Where the child's stdout/stderr lines go (with its pid). */
  log?: Logger;
}

/** `--import` for tsx, resolved to a file URL so it works whatever the child's cwd. */
function tsxImport(entry: string): string[] {
  try {
    return ['--import', pathToFileURL(createRequire(appPath('package.json')).resolve('tsx')).href];
  } catch {
    throw new Error(
      `the worker entry ${entry} is TypeScript and needs tsx, a dev dependency: run "npm install" (the app itself runs the built out/main/worker.js)`,
    );
  }
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** Spawns workers with `child_process.fork` (headless mode and tests). */
export function forkSpawner(entry: string, opts: ForkSpawnerOptions = {}): SpawnWorker {
  const log = opts.log ?? createLogger('workers.child');
  const baseArgv = opts.execArgv ?? (entry.endsWith('.ts') ? tsxImport(entry) : []);
  return ({ maxOldSpaceMb }) => {
    const child = fork(entry, [], {
      execArgv: [...baseArgv, `--max-old-space-size=${maxOldSpaceMb}`],
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const pid = child.pid;
    const stderr = tailBuffer();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => stderr.push(chunk));
    forwardLines(child.stderr, (line) => log.warn(line, { pid, stream: 'stderr' }));
    forwardLines(child.stdout, (line) => log.info(line, { pid, stream: 'stdout' }));
    child.on('error', (error) => log.error('worker process error', { pid, error }));

    const proc: WorkerProcess = {
      pid,
      send(message) {
        if (!child.connected) return;
        // No callback (one closure and a tick per message saved): a failed send is an 'error'
        // event, logged above, and the process's exit settles its tasks.
        child.send(message);
      },
      onMessage(cb) {
        child.on('message', cb);
      },
      onExit(cb) {
        // 'close' (not 'exit'): stdio is drained by then, so stderrTail() holds the last words.
        child.once('close', (code, signal) => cb(code, signal));
      },
      kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      stderrTail: () => stderr.read(),
    };
    return proc;
  };
}

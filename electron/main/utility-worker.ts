import { utilityProcess } from 'electron';
import { createLogger, type Logger } from '../../services/core/logging/logger';
import { tailBuffer } from '../../services/core/workers/failures';
import type { SpawnWorker, WorkerProcess } from '../../services/core/workers/types';

function forwardLines(
  stream: NodeJS.ReadableStream | null,
  onLine: (line: string) => void,
  tail?: (s: string) => void,
): void {
  if (!stream) return;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    tail?.(chunk);
    const lines = (rest + chunk).split(/\r?\n/);
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (rest) onLine(rest);
  });
}

/** Spawns workers as Electron utility processes (desktop mode). Not runnable outside Electron. */
export function utilitySpawner(entry: string, log: Logger = createLogger('workers.utility')): SpawnWorker {
  return ({ maxOldSpaceMb }) => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: 'b3ai-worker',
      stdio: 'pipe',
      execArgv: [`--max-old-space-size=${maxOldSpaceMb}`],
    });
    const stderr = tailBuffer();
    let exited = false;
    const pid = (): number | undefined => child.pid;
    forwardLines(child.stderr, (line) => log.warn(line, { pid: pid(), stream: 'stderr' }), stderr.push);
    forwardLines(child.stdout, (line) => log.info(line, { pid: pid(), stream: 'stdout' }));
    // V8 fatal errors (heap exhaustion among them) come here before 'exit'.
    child.on('error', (type, location) => stderr.push(`\n${type} at ${location}\n`));
    child.once('exit', () => {
      exited = true;
    });

    const proc: WorkerProcess = {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!exited) child.postMessage(message);
      },
      onMessage(cb) {
        child.on('message', (message: unknown) => cb(message));
      },
      onExit(cb) {
        child.once('exit', (code) => cb(code, null));
      },
      kill() {
        if (!exited) child.kill();
      },
      stderrTail: () => stderr.read(),
    };
    return proc;
  };
}

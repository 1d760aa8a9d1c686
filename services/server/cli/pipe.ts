/**
 * `b3ai … | head -1`: once the reader is gone, writes to stdout (or stderr) fail with EPIPE, which
 * Node raises as an unhandled 'error' event with a stack trace. The output is simply not wanted any
 * more: drop the rest of it quietly and let the command finish (and close its data dir) as usual.
 */
export function quietOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      stream.write = (...args: unknown[]): boolean => {
        const done = args.find((a) => typeof a === 'function') as (() => void) | undefined;
        if (done) queueMicrotask(done);
        return true;
      };
    });
  }
}

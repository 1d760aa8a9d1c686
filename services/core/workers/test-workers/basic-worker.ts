// Test fixture: a worker whose tasks misbehave on purpose. Used by the supervisor tests.
import { AppError } from '../../../contract/errors';
import { runWorker } from '../worker-runtime';

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

const hold: unknown[] = [];

runWorker({
  ok: (payload) => Promise.resolve({ echo: payload, pid: process.pid }),
  fail: () => Promise.reject(new AppError('NOT_FOUND', 'no such thing')),
  boom: () => Promise.reject(new Error('plain failure')),
  exit: async () => {
    await sleep(20);
    process.exit(3);
  },
  hang: () => new Promise(() => undefined),
  oom: async () => {
    for (;;) {
      hold.push(new Array(100_000).fill({ x: Math.random() }));
      if (hold.length % 50 === 0) await sleep(0);
    }
  },
  sleep: async (payload, ctx) => {
    const started = Date.now();
    await sleep(Number(payload), ctx.signal);
    return { started, pid: process.pid };
  },
  cancellable: async (_payload, ctx) => {
    await sleep(60_000, ctx.signal);
    return 'not cancelled';
  },
  garbage: (_payload, ctx) => {
    process.send?.({ kind: 'nonsense', value: 42 });
    ctx.log('info', 'hello from the worker', { answer: 42 });
    ctx.progress(1, 2);
    return Promise.resolve('after garbage');
  },
});

import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Tally } from '../tally';
import type { Target } from '../target';

export interface RouteFigures {
  route: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** The serving process's resident memory (MB), from /proc. */
export function rssMb(pid: number | undefined): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const pct = (sorted: number[], p: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) : 0;

/**
 * Area 7: load. `clients` keep-alive clients on loopback for `seconds`, half on
 * /api/analysis/stock/{t} over a few tickers, half on /api/tickers/search?q=PE. Prints requests/s,
 * p50/p99 and the server's RSS before, at its peak and after; asserts only that nothing failed.
 */
export async function load(
  t: Target,
  tickers: readonly string[],
  seconds = Number(process.env.B3AI_ATTACK_LOAD_S ?? 10),
  clients = Number(process.env.B3AI_ATTACK_LOAD_CLIENTS ?? 50),
): Promise<{
  tally: Tally;
  figures: RouteFigures[];
  rss: { before: number | null; peak: number | null; after: number | null };
}> {
  const tally = new Tally('load');
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const pid = t.serve.child.pid;
  const before = rssMb(pid);
  let peak = before ?? 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid) ?? 0)), 250);
  const lat: Record<string, number[]> = { stock: [], search: [] };
  const errs: Record<string, number> = { stock: 0, search: 0 };
  const until = performance.now() + seconds * 1000;
  const one = (path: string): Promise<number> =>
    new Promise((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: t.port, path, agent, headers: { authorization: `Bearer ${t.token}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('error', () => resolve(0));
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const kind = c % 2 === 0 ? 'stock' : 'search';
      for (let i = 0; performance.now() < until; i++) {
        const path =
          kind === 'stock'
            ? `/api/analysis/stock/${tickers[(c + i) % tickers.length]}`
            : '/api/tickers/search?q=PE';
        const t0 = performance.now();
        const status = await one(path);
        lat[kind]!.push(performance.now() - t0);
        if (status !== 200) errs[kind]!++;
        tally.record(
          `${kind} ${path}`,
          status === 0
            ? { kind: 'dropped', error: 'reset' }
            : { kind: 'answer', status, headers: {}, text: '' },
          false,
        );
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  agent.destroy();
  await new Promise((r) => setTimeout(r, 1_000));
  const after = rssMb(pid);
  const figures = Object.entries(lat).map(([kind, l]) => {
    const sorted = [...l].sort((a, b) => a - b);
    return {
      route: kind === 'stock' ? '/api/analysis/stock/{t}' : '/api/tickers/search?q=PE',
      requests: l.length,
      errors: errs[kind] ?? 0,
      perSecond: Math.round((l.length / elapsed) * 10) / 10,
      p50: Math.round(pct(sorted, 50) * 10) / 10,
      p99: Math.round(pct(sorted, 99) * 10) / 10,
    };
  });
  console.log(
    [
      '',
      `load: ${clients} clients for ${elapsed.toFixed(1)} s on loopback (keep-alive); server RSS before ${before} MB, peak ${peak} MB, 1 s after ${after} MB`,
      `${'route'.padEnd(28)}${'requests'.padStart(9)}${'errors'.padStart(8)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`,
      ...figures.map(
        (f) =>
          `${f.route.padEnd(28)}${String(f.requests).padStart(9)}${String(f.errors).padStart(8)}${String(f.perSecond).padStart(9)}${String(f.p50).padStart(9)}${String(f.p99).padStart(9)}`,
      ),
      '',
    ].join('\n'),
  );
  return { tally, figures, rss: { before, peak, after } };
}

/**
 * Startup benchmark: how long a user waits for each command, as they type it, medians of N runs
 * (BENCH_STARTUP_RUNS, default 5), now and BEFORE the bundled build: the same commands from a
 * checkout of the commit before that work (BENCH_STARTUP_BEFORE, default 157e43c; a git worktree in
 * bench/.work/before sharing our node_modules), measured in the same run, alternating with ours.
 * Where that checkout cannot be made, the figures recorded on this machine are printed, marked so.
 *   node bin/run-ts.mjs bench/startup/index.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState } from '../../bin/build-state.mjs';
import { COTAHIST_DAILY, REPO_ROOT } from '../../test/helpers/fixtures';
import { median, timeExit, timeServer } from './timing';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const BEFORE = process.env.BENCH_STARTUP_BEFORE ?? '157e43c';
const WORK = join(REPO_ROOT, 'bench', '.work', 'startup');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Recorded on this machine before the change (no checkout possible): seconds, and where from. */
const RECORDED: Record<string, { s: number; note: string }> = {
  help: { s: 2.3, note: 'recorded 1.6–2.9 s before the change' },
  quotes: { s: 5.6, note: "issue 11's 4.9–6.3 s" },
  npmStart: { s: 12, note: "issue 11's ~12 s" },
};

interface Side {
  name: 'before' | 'now';
  root: string;
  /** One-day data dir (the real daily COTAHIST file imported by this side's own CLI). */
  dayDir: string;
}

type Metric = 'help' | 'quotes' | 'serveExisting' | 'serveNew' | 'npmStart';
const LABELS: Record<Metric, string> = {
  help: 'b3ai --help',
  quotes: 'b3ai quotes PETR4 --json (one-day data dir)',
  serveExisting: 'b3ai serve → GET /health 200 (existing data dir)',
  serveNew: 'b3ai serve → GET /health 200 (new data dir)',
  npmStart: 'npm start → its URL (built)',
};
const TARGETS_S: Record<Metric, number> = {
  help: 0.3,
  quotes: 1.0,
  serveExisting: 2.0,
  serveNew: 2.5,
  npmStart: 3.0,
};

function git(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
}

/** bench/.work/before at BEFORE, with our node_modules (tsx is still installed, as a dev dependency). */
function beforeCheckout(): string | null {
  const dir = join(REPO_ROOT, 'bench', '.work', 'before');
  const want = git(['rev-parse', '--verify', `${BEFORE}^{commit}`]);
  if (!want.ok) return null;
  if (!existsSync(join(dir, 'package.json'))) {
    git(['worktree', 'prune']);
    if (!git(['worktree', 'add', '--detach', dir, want.out]).ok) return null;
  }
  const at = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
  if (at !== want.out) return null;
  if (!existsSync(join(dir, 'node_modules')))
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function ensureBuilt(): void {
  const state = buildState(['main', 'renderer']);
  if (state.fresh) return;
  console.log(`  building first (${state.reason})…`);
  const r = spawnSync(NPM, ['run', 'build', '--silent'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('npm run build failed');
}

const cli = (side: Side): string => join(side.root, 'bin', 'b3ai.mjs');
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  B3AI_FROM_SOURCE: '',
  ...extra,
});

function importDay(side: Side): void {
  rmSync(side.dayDir, { recursive: true, force: true });
  timeExit(
    process.execPath,
    [cli(side), 'import', 'cotahist', COTAHIST_DAILY(), '--data-dir', side.dayDir, '--json'],
    {
      cwd: side.root,
      env: env({ B3AI_LOG_LEVEL: 'error' }),
    },
  );
}

type Sample = { ms: number; rssMb?: number; cpuMs?: number };
const served = (
  s: { healthMs: number; urlMs: number; cpuMs?: number },
  at: 'healthMs' | 'urlMs',
): Sample => ({
  ms: s[at],
  ...(s.cpuMs === undefined ? {} : { cpuMs: s.cpuMs }),
});

async function measure(side: Side, metric: Metric): Promise<Sample> {
  // A source edited meanwhile (a checkout in use) would make b3ai refuse a stale out/: rebuild untimed.
  if (side.name === 'now') ensureBuilt();
  const serveArgs = ['serve', '--port', '0', '--no-open', '--pause-schedules', '--data-dir'];
  switch (metric) {
    case 'help':
      return timeExit(process.execPath, [cli(side), '--help'], { cwd: side.root, env: env() });
    case 'quotes': {
      const r = timeExit(
        process.execPath,
        [cli(side), 'quotes', 'PETR4', '--json', '--data-dir', side.dayDir],
        {
          cwd: side.root,
          env: env(),
        },
      );
      if (!r.stdout.includes('"ticker":"PETR4"')) throw new Error(`${side.name}: quotes printed ${r.stdout}`);
      return r;
    }
    case 'serveExisting':
      return served(
        await timeServer(process.execPath, [cli(side), ...serveArgs, side.dayDir], {
          cwd: side.root,
          env: env(),
        }),
        'healthMs',
      );
    case 'serveNew': {
      const dir = mkdtempSync(join(tmpdir(), 'b3ai-bench-startup-new-'));
      try {
        return served(
          await timeServer(process.execPath, [cli(side), ...serveArgs, dir], { cwd: side.root, env: env() }),
          'healthMs',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    case 'npmStart':
      // The data dir a user would have after a first start; B3AI_HEADLESS: no window on a bench.
      return served(
        await timeServer(NPM, ['start', '--', '--port', '0', '--no-open'], {
          cwd: side.root,
          env: env({ B3AI_DATA_DIR: side.dayDir, B3AI_HEADLESS: '1' }),
        }),
        'urlMs',
      );
  }
}

const fmt = (ms: number | undefined): string => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);

export async function runStartupBench(): Promise<void> {
  console.log(
    `\n== startup: medians of ${RUNS} runs (${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]!.toFixed(1)}) ==`,
  );
  mkdirSync(WORK, { recursive: true });
  ensureBuilt();
  const now: Side = { name: 'now', root: REPO_ROOT, dayDir: join(WORK, 'day-now') };
  const beforeRoot = BEFORE === 'none' ? null : beforeCheckout();
  const before: Side | null = beforeRoot
    ? { name: 'before', root: beforeRoot, dayDir: join(WORK, 'day-before') }
    : null;
  console.log(
    before
      ? `  before: ${BEFORE} checked out in bench/.work/before (its CLI runs the sources through tsx; its npm start builds every time)`
      : `  before: no checkout of ${BEFORE} here; recorded figures are shown instead, marked as such`,
  );
  for (const side of before ? [before, now] : [now]) {
    if (side.name === 'now') ensureBuilt();
    importDay(side);
  }

  const metrics: Metric[] = ['help', 'quotes', 'serveExisting', 'serveNew', 'npmStart'];
  const results = new Map<string, Sample[]>();
  for (const metric of metrics) {
    for (let i = 0; i < RUNS; i++) {
      for (const side of before ? [before, now] : [now]) {
        const key = `${side.name}:${metric}`;
        results.set(key, [...(results.get(key) ?? []), await measure(side, metric)]);
      }
    }
  }

  const col = (s: string, n: number): string => s.padStart(n);
  console.log(
    `  ${'command'.padEnd(50)}${col('before', 12)}${col('now', 10)}${col('ratio', 9)}${col('target', 10)}`,
  );
  for (const metric of metrics) {
    const nowRuns = results.get(`now:${metric}`) ?? [];
    const beforeRuns = results.get(`before:${metric}`);
    const nowMs = median(nowRuns.map((r) => r.ms));
    const recorded = RECORDED[metric];
    const beforeMs = beforeRuns
      ? median(beforeRuns.map((r) => r.ms))
      : recorded
        ? recorded.s * 1000
        : undefined;
    const target = TARGETS_S[metric];
    const ok = nowMs <= target * 1000 ? 'meets' : 'MISSES';
    console.log(
      `  ${LABELS[metric].padEnd(50)}${col(fmt(beforeMs), 12)}${col(fmt(nowMs), 10)}${col(
        beforeMs ? `${(beforeMs / nowMs).toFixed(1)}×` : '',
        9,
      )}${col(`≤ ${target} s`, 10)}  ${ok}${!beforeRuns && recorded ? `  (before: ${recorded.note})` : ''}`,
    );
    const cpuNow = nowRuns.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
    const cpuBefore = (beforeRuns ?? []).map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
    if (cpuNow.length > 0)
      console.log(
        `  ${'  CPU (user + system)'.padEnd(50)}${col(cpuBefore.length ? fmt(median(cpuBefore)) : 'n/a', 12)}${col(fmt(median(cpuNow)), 10)}${col(
          cpuBefore.length ? `${(median(cpuBefore) / median(cpuNow)).toFixed(1)}×` : '',
          9,
        )}`,
      );
    const rssNow = nowRuns.map((r) => r.rssMb).filter((x): x is number => x !== undefined);
    const rssBefore = (beforeRuns ?? []).map((r) => r.rssMb).filter((x): x is number => x !== undefined);
    if (rssNow.length > 0)
      console.log(
        `  ${'  peak RSS'.padEnd(50)}${col(rssBefore.length ? `${median(rssBefore).toFixed(0)} MB` : 'n/a', 12)}${col(`${median(rssNow).toFixed(0)} MB`, 10)}`,
      );
    console.log(
      `  ${'  runs (s)'.padEnd(50)}${beforeRuns ? beforeRuns.map((r) => (r.ms / 1000).toFixed(2)).join(' ') : '-'} | ${nowRuns.map((r) => (r.ms / 1000).toFixed(2)).join(' ')}`,
    );
  }
}

// Run on its own: `node bin/run-ts.mjs bench/startup/index.ts` (bench/index.ts runs it first).
if (process.argv[1] === fileURLToPath(import.meta.url)) await runStartupBench();

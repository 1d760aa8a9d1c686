import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStore } from '../../services/core/jobs/job-store';
import { openState } from '../../services/core/storage/state';
import { spawnServe } from '../e2e/serve-process';
import { RESOURCES_DIR } from '../helpers/fixtures';

const JOBS = 200;
const TRIALS = 20;
const SQLITE_MIGRATIONS = join(RESOURCES_DIR, 'migrations', 'sqlite');

interface Snapshot {
  byStatus: Record<string, number>;
  effects: number;
}

function snapshot(dataDir: string): Snapshot {
  const db = openState(dataDir, SQLITE_MIGRATIONS);
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM jobs GROUP BY status').all() as Array<{
      status: string;
      n: number;
    }>;
    const effects = (db.prepare('SELECT count(*) AS n FROM selftest_effects').get() as { n: number }).n;
    return { byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])), effects };
  } finally {
    db.close();
  }
}

/** When the last retry the kills scheduled is due (epoch ms; 0 when none waits). */
function lastRetryAt(dataDir: string): number {
  const db = openState(dataDir, SQLITE_MIGRATIONS);
  try {
    const r = db.prepare(`SELECT max(next_run_at) AS at FROM jobs WHERE status = 'retry'`).get() as {
      at: number | null;
    };
    return r.at ?? 0;
  } finally {
    db.close();
  }
}

describe('crash suite: kill -9 the serving process at random instants', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-crash-'));
    const db = openState(dataDir, SQLITE_MIGRATIONS);
    const store = new JobStore(db);
    // Each job's effect is one row, written in the transaction that completes it; 60 ms of work
    // in a worker keeps jobs running across many of the kills.
    for (let i = 0; i < JOBS; i++) {
      store.enqueue({
        scraperName: 'selftest',
        query: 'write-row',
        maxRetries: 50,
        metadata: { delay_ms: 60, n: i },
      });
    }
    db.close();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('ends every job exactly once, with exactly one effect row each', { timeout: 1_200_000 }, async () => {
    let killedWhileRunning = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const s = spawnServe(dataDir, 'error');
      const sleep = (ms: number): Promise<unknown> =>
        Promise.race([new Promise((r) => setTimeout(r, ms)), s.exited]);
      if (trial % 4 === 3) {
        // During start-up: migrations, reclaiming the jobs the last kill left running.
        await sleep(100 + Math.floor(Math.random() * 1_000));
      } else {
        // While it works: any instant in the first 1.5 s after it is up.
        await Promise.race([s.ready, s.exited]);
        await sleep(Math.floor(Math.random() * 1_500));
      }
      s.child.kill('SIGKILL');
      await s.exited;
      const snap = snapshot(dataDir);
      if ((snap.byStatus.running ?? 0) > 0) killedWhileRunning++;
      // Whatever the instant, effects and completions never disagree.
      expect(snap.effects).toBe(snap.byStatus.completed ?? 0);
    }

    // Restart once more and let it finish: every job, including the retries the kills pushed back
    // (a job interrupted k times waits 2 s · 2^(k-1) before its next attempt).
    const last = spawnServe(dataDir, 'error');
    await last.ready;
    const deadline = Math.max(Date.now(), lastRetryAt(dataDir)) + 90_000;
    while (Date.now() < deadline) {
      const snap = snapshot(dataDir);
      if ((snap.byStatus.completed ?? 0) + (snap.byStatus.failed ?? 0) === JOBS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    last.child.kill('SIGTERM');
    const code = await last.exited;
    expect(code, `b3ai serve did not stop cleanly:\n${last.stderr()}`).toBe(0);

    const db = openState(dataDir, SQLITE_MIGRATIONS);
    try {
      const statuses = db.prepare('SELECT status, count(*) AS n FROM jobs GROUP BY status').all();
      expect(statuses).toEqual([{ status: 'completed', n: JOBS }]);
      const effects = db
        .prepare('SELECT count(*) AS n, count(DISTINCT job_id) AS d FROM selftest_effects')
        .get();
      expect(effects).toEqual({ n: JOBS, d: JOBS });
      const orphans = db
        .prepare(
          `SELECT count(*) AS n FROM selftest_effects e LEFT JOIN jobs j ON j.id = e.job_id WHERE j.status IS NOT 'completed'`,
        )
        .get();
      expect(orphans).toEqual({ n: 0 });
      const retried = (db.prepare('SELECT count(*) AS n FROM jobs WHERE attempts > 1').get() as { n: number })
        .n;
      // The kills really did land while jobs were running, and those attempts were reclaimed and retried.
      expect(killedWhileRunning).toBeGreaterThan(0);
      expect(retried).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

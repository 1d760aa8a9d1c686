import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../contract';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { openState, type StateDb } from '../storage/state';
import { retryDelayMs } from './backoff';
import { queueCounts, statsByScraper, statsSummary } from './job-queries';
import { JobStore } from './job-store';

let dir: string;
let db: StateDb;
let clock: number;
let store: JobStore;
const OWNER = 'owner-a';
const lease = { owner: OWNER, leaseMs: 60_000 };

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-jobs-'));
  db = openState(dir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
  clock = Date.UTC(2025, 0, 6, 12);
  store = new JobStore(
    db,
    () => clock,
    () => 0.5,
    { baseMs: 1_000, maxMs: 60_000 },
  );
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('JobStore', () => {
  it('hands out jobs by strict priority, FIFO within a priority', () => {
    const low = store.enqueue({ scraperName: 'selftest', priority: 'low' });
    const n1 = store.enqueue({ scraperName: 'selftest' });
    const high = store.enqueue({ scraperName: 'selftest', priority: 'high' });
    const n2 = store.enqueue({ scraperName: 'selftest' });
    const order = [1, 2, 3, 4].map(() => store.claim(lease)?.id);
    expect(order).toEqual([high.id, n1.id, n2.id, low.id]);
    expect(store.claim(lease)).toBeUndefined();
  });

  it('skips sources at their limit but keeps priority among the others', () => {
    const a = store.enqueue({ scraperName: 'cotahist', priority: 'high' });
    const b = store.enqueue({ scraperName: 'selftest', priority: 'normal' });
    expect(store.claim({ ...lease, excludeSources: ['cotahist'] })?.id).toBe(b.id);
    expect(store.claim(lease)?.id).toBe(a.id);
  });

  it('claims several jobs in one statement, in priority then FIFO order, skipping excluded sources', () => {
    const low = store.enqueue({ scraperName: 'selftest', priority: 'low' });
    const n1 = store.enqueue({ scraperName: 'selftest' });
    const c = store.enqueue({ scraperName: 'cotahist', priority: 'high' });
    const high = store.enqueue({ scraperName: 'selftest', priority: 'high' });
    const n2 = store.enqueue({ scraperName: 'selftest' });
    const got = store.claimMany({ ...lease, excludeSources: ['cotahist'] }, 3);
    expect(got.map((r) => r.id)).toEqual([high.id, n1.id, n2.id]);
    expect(got.every((r) => r.status === 'running' && r.lease_owner === OWNER && r.attempts === 1)).toBe(
      true,
    );
    expect(store.claimMany(lease, 5).map((r) => r.id)).toEqual([c.id, low.id]);
    expect(store.claimMany(lease, 5)).toEqual([]);
  });

  it('completes several jobs in one statement, only those still leased to us and not being cancelled', () => {
    [1, 2, 3, 4].forEach(() => store.enqueue({ scraperName: 'selftest' }));
    const [a, b, c, d] = store.claimMany(lease, 4);
    store.cancel(c!.id);
    clock += 1_500;
    const done = store.completeMany(OWNER, [
      { row: a!, result: { n: 1 } },
      { row: b!, result: 'text' },
      { row: c!, result: null },
    ]);
    expect([...done.keys()].sort()).toEqual([a!.id, b!.id].sort());
    expect(done.get(a!.id)).toMatchObject({ status: 'completed', result: { n: 1 }, response_time: 1.5 });
    // What it answers is what the row now holds.
    expect(store.get(a!.id)).toEqual(done.get(a!.id));
    expect(store.get(b!.id)).toEqual(done.get(b!.id));
    expect(store.get(b!.id)).toMatchObject({ status: 'completed', result: 'text' });
    // One at a time, from the row as claimed: the same answer as reading it back.
    clock += 500;
    const single = store.complete(d!.id, OWNER, [1, 2], undefined, d);
    expect(single).toMatchObject({ status: 'completed', result: [1, 2], response_time: 2 });
    expect(store.get(d!.id)).toEqual(single);
    // Being cancelled: left for complete()'s checked path, which ends it cancelled.
    expect(store.get(c!.id).status).toBe('running');
    expect(store.complete(c!.id, OWNER, null).status).toBe('cancelled');
    // Not ours: untouched, and complete() refuses it.
    const e = store.enqueue({ scraperName: 'selftest' });
    const [claimedE] = store.claimMany(lease, 1);
    expect(claimedE?.id).toBe(e.id);
    expect(store.completeMany('owner-b', [{ row: claimedE!, result: 1 }]).size).toBe(0);
    expect(store.get(e.id)).toMatchObject({ status: 'running', result: null });
    expect(thrown(() => store.complete(e.id, 'owner-b', 1, undefined, claimedE)).code).toBe('CONFLICT');
    expect(thrown(() => store.complete(e.id, 'owner-b', 1)).code).toBe('CONFLICT');
  });

  it('does not hand out a job before its next_run_at', () => {
    store.enqueue({ scraperName: 'selftest', runAt: clock + 5_000 });
    expect(store.claim(lease)).toBeUndefined();
    expect(store.nextDueAt()).toBe(clock + 5_000);
    clock += 5_000;
    expect(store.claim(lease)).toBeDefined();
  });

  it('nextDueAt sees only jobs waiting for a later time, not those due when queued', () => {
    store.enqueue({ scraperName: 'selftest' });
    // Due at once: the enqueue wakes the dispatcher, no timer is needed (nor an index page per claim).
    expect(store.nextDueAt()).toBeNull();
    const later = store.enqueue({ scraperName: 'selftest', runAt: clock + 9_000 });
    expect(store.nextDueAt()).toBe(clock + 9_000);
    const first = store.claim(lease)!;
    expect(first.id).not.toBe(later.id);
    store.fail(first.id, OWNER, { code: 'UNAVAILABLE', message: 'down' });
    const retryAt = store.get(first.id).next_run_at;
    expect(store.get(first.id).status).toBe('retry');
    expect(store.nextDueAt()).toBe(Math.min(Date.parse(retryAt!), clock + 9_000));
  });

  it('retries with exponential backoff and jitter, then fails with the last error', () => {
    const job = store.enqueue({ scraperName: 'selftest', maxRetries: 2 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const row = store.claim(lease);
      expect(row?.attempts).toBe(attempt);
      const after = store.fail(job.id, OWNER, { code: 'UNAVAILABLE', message: `down ${attempt}` });
      if (attempt < 3) {
        expect(after.status).toBe('retry');
        const wait = Date.parse(after.next_run_at!) - clock;
        delays.push(wait);
        expect(store.claim(lease)).toBeUndefined(); // not before the backoff
        clock += wait;
      } else {
        expect(after).toMatchObject({
          status: 'failed',
          attempts: 3,
          error: { code: 'UNAVAILABLE', message: 'down 3' },
        });
      }
    }
    // base 1 s doubling, scaled by 0.5 + 0.5 * random (random = 0.5 → 0.75)
    expect(delays).toEqual([750, 1_500]);
    expect(retryDelayMs(10, { baseMs: 1_000, maxMs: 60_000 }, () => 0.999)).toBeLessThanOrEqual(60_000);
    expect(retryDelayMs(1, { baseMs: 1_000, maxMs: 60_000 }, () => 0)).toBe(500);
  });

  it('fails at once on an error another attempt cannot fix', () => {
    const job = store.enqueue({ scraperName: 'cotahist' });
    store.claim(lease);
    expect(store.fail(job.id, OWNER, { code: 'TRAILER_MISMATCH', message: 'x' })).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
  });

  it('applies the effect in the same transaction as the completion, and only under the lease', () => {
    const job = store.enqueue({ scraperName: 'selftest', query: 'write-row' });
    store.claim(lease);
    const write = (): void => {
      db.prepare('INSERT INTO selftest_effects (job_id, attempt, written_at) VALUES (?, 1, 0)').run(job.id);
    };
    // An effect that throws leaves neither the row nor the completion.
    expect(() =>
      store.complete(job.id, OWNER, null, () => {
        write();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT count(*) AS n FROM selftest_effects').get()).toEqual({ n: 0 });
    expect(store.get(job.id).status).toBe('running');
    // Another owner (a process whose lease was reclaimed) cannot complete it.
    expect(thrown(() => store.complete(job.id, 'someone-else', null, write)).code).toBe('CONFLICT');
    const done = store.complete(job.id, OWNER, { ok: true }, write);
    expect(done).toMatchObject({ status: 'completed', result: { ok: true }, error: null });
    expect(db.prepare('SELECT count(*) AS n FROM selftest_effects').get()).toEqual({ n: 1 });
  });

  it('cancels a waiting job at once and a running one when its attempt ends, without its effect', () => {
    const waiting = store.enqueue({ scraperName: 'selftest' });
    expect(store.cancel(waiting.id)).toMatchObject({ wasRunning: false, job: { status: 'cancelled' } });
    const running = store.enqueue({ scraperName: 'selftest' });
    store.claim(lease);
    expect(store.cancel(running.id)).toMatchObject({ wasRunning: true, job: { status: 'running' } });
    let applied = false;
    expect(store.complete(running.id, OWNER, null, () => (applied = true)).status).toBe('cancelled');
    expect(applied).toBe(false);
    expect(thrown(() => store.cancel(running.id)).code).toBe('CONFLICT');
    expect(thrown(() => store.cancel('nope')).code).toBe('NOT_FOUND');
  });

  it('reclaims jobs left running by a dead process and retries them', () => {
    const job = store.enqueue({ scraperName: 'selftest' });
    store.claim({ owner: 'dead-process', leaseMs: 60_000 });
    const [reclaimed] = store.reclaim(OWNER);
    expect(reclaimed).toMatchObject({
      id: job.id,
      status: 'retry',
      attempts: 1,
      error: { code: 'WORKER_CRASHED' },
    });
    expect(store.reclaim(OWNER)).toEqual([]);
  });

  it('reclaims our own jobs whose lease expired', () => {
    store.enqueue({ scraperName: 'selftest' });
    store.claim({ owner: OWNER, leaseMs: 1_000 });
    expect(store.reclaim(OWNER)).toEqual([]);
    clock += 1_001;
    expect(store.reclaim(OWNER)).toHaveLength(1);
  });

  it('puts a job interrupted by shutdown back without counting the attempt', () => {
    const job = store.enqueue({ scraperName: 'selftest' });
    store.claim(lease);
    expect(store.release(job.id, OWNER)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('retries a failed job from scratch, and refuses to retry others', () => {
    const job = store.enqueue({ scraperName: 'selftest', maxRetries: 0 });
    store.claim(lease);
    store.fail(job.id, OWNER, { code: 'UNAVAILABLE', message: 'x' });
    expect(store.retry(job.id)).toMatchObject({ status: 'pending', attempts: 0, error: null });
    expect(thrown(() => store.retry(job.id)).code).toBe('CONFLICT');
  });

  it('counts the queue and computes statistics', () => {
    const ok = store.enqueue({ scraperName: 'selftest', priority: 'high' });
    store.claim(lease);
    clock += 2_000;
    store.complete(ok.id, OWNER, null);
    const bad = store.enqueue({ scraperName: 'cotahist', maxRetries: 0 });
    store.claim(lease);
    store.fail(bad.id, OWNER, { code: 'UNAVAILABLE', message: 'x' });
    store.enqueue({ scraperName: 'selftest', priority: 'low' });
    store.enqueue({ scraperName: 'selftest', priority: 'low' });
    expect(queueCounts(db)).toMatchObject({
      queue_lengths: { high: 0, normal: 0, low: 2 },
      total_pending: 2,
      running: 0,
    });
    expect(statsSummary(db, '24h', clock)).toMatchObject({
      period: '24h',
      total_jobs: 4,
      successful_jobs: 1,
      failed_jobs: 1,
      success_rate: 50,
      avg_response_time_seconds: 2,
    });
    expect(
      statsByScraper(db, 'all', clock).map((s) => [s.scraper_name, s.total_jobs, s.success_rate]),
    ).toEqual([
      ['cotahist', 1, 0],
      ['selftest', 3, 100],
    ]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { EventBus } from '../events/bus';
import { openState, type StateDb } from '../storage/state';
import { JobService } from './job-service';
import { JobStore } from './job-store';
import { selftestJob } from './job-types';

let dir: string;
let db: StateDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-coalesce-'));
  db = openState(dir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduled jobs coalesce: the queue never fills with the same fetch', () => {
  it('a firing while the same fetch still waits queues nothing; once it ran, the next firing queues again', () => {
    const store = new JobStore(db);
    const jobs = new JobService(db, store, [selftestJob], null, null, new EventBus());
    const fire = () =>
      jobs.enqueueScheduled({
        source: 'selftest',
        ticker: null,
        query: 'noop',
        priority: 'normal',
        scheduleId: 's',
      });
    const first = fire();
    expect(first).not.toBeNull();
    // 48 firings (a day of a 30-minute schedule offline): still one waiting job.
    for (let i = 0; i < 48; i++) expect(fire()).toBeNull();
    // A different query is a different fetch.
    expect(
      jobs.enqueueScheduled({
        source: 'selftest',
        ticker: 'X',
        query: 'noop',
        priority: 'normal',
        scheduleId: 's',
      }),
    ).not.toBeNull();
    const n = (db.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'pending'").get() as { n: number })
      .n;
    expect(n).toBe(2);
    // Once taken (running), a new firing queues the next run.
    const claimed = store.claim({ owner: 'o', leaseMs: 60_000 });
    expect(claimed?.id).toBe(first!.id);
    expect(fire()).not.toBeNull();
  });
});

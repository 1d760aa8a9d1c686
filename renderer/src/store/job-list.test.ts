import { describe, expect, it } from 'vitest';
import type { Job } from '../../../services/contract';
import { addIfMissing, applyJobUpdate, canCancel, canRetry, matchesFilter, NO_FILTER } from './job-list';
import { testJob } from './test-support';

const job = testJob;

const ids = (p: { jobs: Job[] }) => p.jobs.map((j) => j.id);

describe('applyJobUpdate', () => {
  it('inserts a new job newest first and counts it', () => {
    const page = { jobs: [job('j3'), job('j1')], total: 2 };
    const next = applyJobUpdate(page, job('j2'), NO_FILTER, 50);
    expect(ids(next)).toEqual(['j3', 'j2', 'j1']);
    expect(next.total).toBe(3);
    expect(ids(applyJobUpdate(next, job('j4'), NO_FILTER, 50))[0]).toBe('j4');
  });

  it('replaces a known job in place without changing the total', () => {
    const page = { jobs: [job('j2'), job('j1')], total: 2 };
    const next = applyJobUpdate(page, job('j1', { status: 'completed' }), NO_FILTER, 50);
    expect(ids(next)).toEqual(['j2', 'j1']);
    expect(next.jobs[1]?.status).toBe('completed');
    expect(next.total).toBe(2);
    expect(page.jobs[1]?.status).toBe('pending');
  });

  it('respects the status filter: ignores, removes or adds as the job moves', () => {
    const filter = { status: 'failed' as const, source: null };
    const page = { jobs: [job('j1', { status: 'failed' })], total: 1 };
    expect(applyJobUpdate(page, job('j2', { status: 'running' }), filter, 50)).toBe(page);
    const retried = applyJobUpdate(page, job('j1', { status: 'pending' }), filter, 50);
    expect(retried).toEqual({ jobs: [], total: 0 });
    const failed = applyJobUpdate(retried, job('j2', { status: 'failed' }), filter, 50);
    expect(ids(failed)).toEqual(['j2']);
    expect(failed.total).toBe(1);
  });

  it('respects the source filter, case-insensitively', () => {
    const filter = { status: null, source: 'COTAHIST' };
    const page = { jobs: [], total: 0 };
    expect(applyJobUpdate(page, job('j1'), filter, 50)).toBe(page);
    expect(applyJobUpdate(page, job('j2', { scraper_name: 'cotahist' }), filter, 50).total).toBe(1);
  });

  it('keeps the page within its limit', () => {
    const page = { jobs: [job('j3'), job('j2')], total: 5 };
    const newer = applyJobUpdate(page, job('j4'), NO_FILTER, 2);
    expect(ids(newer)).toEqual(['j4', 'j3']);
    expect(newer.total).toBe(6);
    const older = applyJobUpdate(page, job('j1'), NO_FILTER, 2);
    expect(ids(older)).toEqual(['j3', 'j2']);
    expect(older.total).toBe(6);
  });
});

describe('addIfMissing', () => {
  it('never overwrites a row an event already brought', () => {
    const page = { jobs: [job('j1', { status: 'completed' })], total: 1 };
    expect(addIfMissing(page, job('j1'), NO_FILTER, 50)).toBe(page);
    expect(ids(addIfMissing(page, job('j2'), NO_FILTER, 50))).toEqual(['j2', 'j1']);
  });
});

describe('actions', () => {
  it('offers cancel for waiting or running jobs and retry for ended ones that did not complete', () => {
    expect(['pending', 'retry', 'running'].every((s) => canCancel(s as Job['status']))).toBe(true);
    expect(canCancel('completed')).toBe(false);
    expect(canRetry('failed')).toBe(true);
    expect(canRetry('cancelled')).toBe(true);
    expect(canRetry('completed')).toBe(false);
    expect(canRetry('running')).toBe(false);
    expect(matchesFilter(job('j1'), NO_FILTER)).toBe(true);
  });
});

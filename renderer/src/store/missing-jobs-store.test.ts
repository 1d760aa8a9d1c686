import { describe, expect, it } from 'vitest';
import type { MissingData, Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createMissingJobsStore, jobKey, mergeMissing } from './missing-jobs-store';
import { fakeTransport, testJob } from './test-support';

const bars: MissingData = {
  what: 'daily_bars',
  message: 'no daily bars for WEGE3: import a COTAHIST file or fetch from Yahoo',
  job: { scraper_name: 'yahoo', ticker: 'WEGE3', query: 'daily-bars:' },
};
const cvm: MissingData = {
  what: 'statements',
  message: 'no CVM filings stored for WEGE3 (CVM 5410)',
  job: { scraper_name: 'cvm', query: 'statements:year=2025' },
};

describe('missing data helpers', () => {
  it('lists each missing piece once, first answer first', () => {
    const again = { ...bars, message: 'other wording' };
    expect(mergeMissing([bars], [cvm, again], []).map((m) => [m.what, m.message])).toEqual([
      ['daily_bars', bars.message],
      ['statements', cvm.message],
    ]);
  });

  it('keys a job by source, ticker and query', () => {
    expect(jobKey({ scraper_name: 'cvm', query: 'statements:year=2025' })).toBe('cvm||statements:year=2025');
  });
});

describe('missing jobs store', () => {
  it('queues the job through jobs.create and remembers its id', async () => {
    const fake = fakeTransport({
      'jobs.create': (input) => ({
        ok: true,
        data: { job: testJob('job-7', input as Record<string, never>) },
      }),
    });
    const store = createMissingJobsStore(createClient(fake.transport));
    const job = bars.job;
    if (!job) throw new Error('fixture has a job');
    const queuing = store.getState().queue(job);
    expect(store.getState().entries[jobKey(job)]).toEqual({ status: 'queuing' });
    await queuing;
    expect(fake.calls[0]).toEqual({
      method: 'jobs.create',
      input: { scraper_name: 'yahoo', ticker: 'WEGE3', query: 'daily-bars:' },
    });
    expect(store.getState().entries[jobKey(job)]).toEqual({ status: 'queued', jobId: 'job-7' });
    await store.getState().queue(job);
    expect(fake.calls).toHaveLength(1);
  });

  it('sends no ticker for a job without one, and may retry after a refusal', async () => {
    let refuse = true;
    const fake = fakeTransport({
      'jobs.create': (): Result<unknown> =>
        refuse
          ? { ok: false, error: { code: 'INVALID_INPUT', message: 'unknown source cvm' } }
          : { ok: true, data: { job: testJob('job-8') } },
    });
    const store = createMissingJobsStore(createClient(fake.transport));
    const job = cvm.job;
    if (!job) throw new Error('fixture has a job');
    await store.getState().queue(job);
    expect(fake.calls[0]?.input).toEqual({ scraper_name: 'cvm', query: 'statements:year=2025' });
    expect(store.getState().entries[jobKey(job)]).toEqual({
      status: 'failed',
      error: { code: 'INVALID_INPUT', message: 'unknown source cvm' },
    });
    refuse = false;
    await store.getState().queue(job);
    expect(store.getState().entries[jobKey(job)]).toEqual({ status: 'queued', jobId: 'job-8' });
  });
});

import type { Job } from '../../../services/contract';

/** A job as the API answers it, for the renderer's unit tests; `patch` overrides any field. */
export function testJob(id: string, patch: Partial<Job> = {}): Job {
  return {
    id,
    scraper_name: 'selftest',
    ticker: null,
    query: 'noop',
    priority: 'normal',
    status: 'pending',
    created_at: `2026-11-29T00:00:0${id.slice(-1)}.000Z`,
    started_at: null,
    completed_at: null,
    attempts: 0,
    max_retries: 3,
    next_run_at: null,
    response_time: null,
    error: null,
    metadata: {},
    result: null,
    ...patch,
  };
}

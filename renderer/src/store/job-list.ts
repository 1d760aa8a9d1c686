import type { Job, JobStatus } from '../../../services/contract';

/** What the jobs table shows: null means "any". The source is our id (e.g. `selftest`). */
export interface JobFilter {
  status: JobStatus | null;
  source: string | null;
}

export const NO_FILTER: JobFilter = { status: null, source: null };

export interface JobPage {
  jobs: Job[];
  total: number;
}

export function matchesFilter(job: Job, filter: JobFilter): boolean {
  if (filter.status && job.status !== filter.status) return false;
  if (filter.source && job.scraper_name.toLowerCase() !== filter.source.toLowerCase()) return false;
  return true;
}

/** Newest first, as jobs.list answers (created_at is ISO, so it sorts as text). */
function insertNewestFirst(jobs: readonly Job[], job: Job): Job[] {
  const at = jobs.findIndex((j) => j.created_at < job.created_at);
  const next = [...jobs];
  next.splice(at === -1 ? next.length : at, 0, job);
  return next;
}

/**
 * Applies a `job.updated` event to the page on screen: a known job is replaced in place (or leaves
 * when it no longer matches the filter); a new job that matches is inserted newest-first. The page
 * keeps at most `limit` rows; `total` counts every match, shown or not.
 */
export function applyJobUpdate(page: JobPage, job: Job, filter: JobFilter, limit: number): JobPage {
  const idx = page.jobs.findIndex((j) => j.id === job.id);
  const matches = matchesFilter(job, filter);
  if (idx !== -1) {
    if (!matches)
      return { jobs: page.jobs.filter((j) => j.id !== job.id), total: Math.max(0, page.total - 1) };
    const jobs = [...page.jobs];
    jobs[idx] = job;
    return { jobs, total: page.total };
  }
  if (!matches) return page;
  const jobs = insertNewestFirst(page.jobs, job);
  // A job older than every row on a full page belongs to a later page: count it, do not show it.
  if (jobs.length > limit && jobs[jobs.length - 1]?.id === job.id)
    return { jobs: page.jobs, total: page.total + 1 };
  return { jobs: jobs.slice(0, limit), total: page.total + 1 };
}

/** Adds a job the API just answered with, unless the list already holds it (events may be newer). */
export function addIfMissing(page: JobPage, job: Job, filter: JobFilter, limit: number): JobPage {
  return page.jobs.some((j) => j.id === job.id) ? page : applyJobUpdate(page, job, filter, limit);
}

/** Waiting or running jobs can be cancelled; failed or cancelled ones can be run again. */
export function canCancel(status: JobStatus): boolean {
  return status === 'pending' || status === 'retry' || status === 'running';
}

export function canRetry(status: JobStatus): boolean {
  return status === 'failed' || status === 'cancelled';
}

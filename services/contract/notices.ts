import type { Job } from './jobs';

/** Jobs long enough to be worth a notification when they end: an import, an AI report. */
export const LONG_USER_JOB_SOURCES: readonly string[] = ['cotahist', 'ai'];

/**
 * A job the user started (not a schedule's) that is long and has just ended: the one rule the
 * desktop's OS notifications and the headless UI's toasts both follow.
 */
export function isFinishedUserJob(job: Job): boolean {
  if (job.status !== 'completed' && job.status !== 'failed') return false;
  if (!LONG_USER_JOB_SOURCES.includes(job.scraper_name)) return false;
  return typeof job.metadata['schedule'] !== 'string';
}

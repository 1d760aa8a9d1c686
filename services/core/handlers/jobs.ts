import { AppError, type MethodName, type Output, type ParsedInput } from '../../contract';
import type { Ctx } from '../context';
import { checkedJobQuery } from '../files/user-files';
import type { JobQueue } from '../jobs/job-service';
import type { Handler } from './types';

/** A handler over the job queue (SQLite's is synchronous, PostgreSQL's async); errors arrive as rejections. */
function withJobs<M extends MethodName>(
  fn: (jobs: JobQueue, input: ParsedInput<M>, ctx: Ctx) => Output<M> | Promise<Output<M>>,
): Handler<M> {
  return (input, ctx: Ctx) =>
    Promise.resolve().then(() => {
      if (!ctx.jobs) throw new AppError('UNAVAILABLE', 'the job queue is not running');
      return fn(ctx.jobs, input, ctx);
    });
}

// A cotahist job's file is checked for the caller when the job is made (F1), not when it runs.
export const jobsCreate = withJobs<'jobs.create'>(async (jobs, input, ctx) => ({
  job: await jobs.create(checkedJobQuery(ctx, input)),
}));
export const jobsCreateBatch = withJobs<'jobs.createBatch'>(async (jobs, input, ctx) => ({
  jobs: await jobs.createBatch(input.jobs.map((j, i) => checkedJobQuery(ctx, j, `jobs.${i}.query`))),
}));
export const jobsGet = withJobs<'jobs.get'>(async (jobs, input) => ({ job: await jobs.get(input.job_id) }));
export const jobsList = withJobs<'jobs.list'>((jobs, input) => jobs.list(input));
export const jobsCancel = withJobs<'jobs.cancel'>(async (jobs, input) => ({
  job: await jobs.cancel(input.job_id),
}));
export const jobsRetry = withJobs<'jobs.retry'>(async (jobs, input) => ({
  job: await jobs.retry(input.job_id),
}));
export const jobsQueueStatus = withJobs<'jobs.queueStatus'>((jobs) => jobs.queueStatus());
export const jobsStatsSummary = withJobs<'jobs.statsSummary'>((jobs, input) =>
  jobs.statsSummary(input.period),
);
export const jobsStatsByScraper = withJobs<'jobs.statsByScraper'>((jobs, input) =>
  jobs.statsByScraper(input.period),
);

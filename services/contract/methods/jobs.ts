import { z } from 'zod';
import { defineMethod } from '../define';
import { Job, JobPriority, JobStatus } from '../jobs';
import { freeFormObject } from '../safe-input';

const JobId = z.string().trim().min(1, 'give a job id').max(64);
const JobAnswer = z.object({ job: Job });

const NewJob = z.object({
  scraper_name: z.string().trim().min(1, 'give the source (scraper) name'),
  ticker: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{4,12}$/, 'expected a B3 ticker such as PETR4')
    .nullish(),
  query: z.string().trim().min(1).max(2000).nullish(),
  priority: JobPriority.default('normal'),
  max_retries: z.number().int().min(0).max(20).default(3),
  /** Free-form: JSON values, at most 8 levels and 16 KB. */
  metadata: freeFormObject({ maxDepth: 8, maxBytes: 16_384 }).default({}),
});

export const jobsCreate = defineMethod({
  name: 'jobs.create',
  summary: 'Queue a job for a source (our id or the original platform name, e.g. FUNDAMENTUS).',
  http: { method: 'POST', path: '/api/jobs/create' },
  input: NewJob,
  output: JobAnswer,
});

export const jobsCreateBatch = defineMethod({
  name: 'jobs.createBatch',
  summary: 'Queue many jobs at once, in one transaction: all of them or, if one is refused, none.',
  http: { method: 'POST', path: '/api/jobs/create-batch' },
  input: z.object({ jobs: z.array(NewJob).min(1, 'give at least one job').max(10_000) }),
  output: z.object({ jobs: z.array(Job) }),
});

export const jobsGet = defineMethod({
  name: 'jobs.get',
  summary: 'One job by id.',
  http: { method: 'GET', path: '/api/jobs/{job_id}' },
  input: z.object({ job_id: JobId }),
  output: JobAnswer,
});

export const jobsList = defineMethod({
  name: 'jobs.list',
  summary: 'Jobs, newest first, filtered by status, scraper and ticker.',
  http: { method: 'GET', path: '/api/jobs/list' },
  input: z.object({
    status: JobStatus.optional(),
    scraper: z.string().trim().min(1).optional(),
    ticker: z.string().trim().toUpperCase().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  output: z.object({
    jobs: z.array(Job),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
});

export const jobsCancel = defineMethod({
  name: 'jobs.cancel',
  summary: 'Cancel a job: a waiting one at once, a running one when its worker stops.',
  http: { method: 'DELETE', path: '/api/jobs/{job_id}' },
  input: z.object({ job_id: JobId }),
  output: JobAnswer,
});

export const jobsRetry = defineMethod({
  name: 'jobs.retry',
  summary: 'Run a failed or cancelled job again.',
  http: { method: 'POST', path: '/api/jobs/{job_id}/retry' },
  input: z.object({ job_id: JobId }),
  output: JobAnswer,
});

const Counts = z.object({ high: z.number().int(), normal: z.number().int(), low: z.number().int() });

export const jobsQueueStatus = defineMethod({
  name: 'jobs.queueStatus',
  summary: 'Waiting jobs by priority, jobs by status, and the workers.',
  http: { method: 'GET', path: '/api/jobs/queue/status' },
  input: z.object({}),
  output: z.object({
    queue_lengths: Counts,
    total_pending: z.number().int(),
    running: z.number().int(),
    by_status: z.record(JobStatus, z.number().int()),
    workers: z.object({
      total: z.number().int(),
      busy: z.number().int(),
      idle: z.number().int(),
      restarting: z.number().int(),
      processes: z.array(
        z.object({
          id: z.number().int(),
          pid: z.number().int().nullable(),
          state: z.string(),
          job_id: z.string().nullable(),
          restarts: z.number().int(),
          last_exit: z.looseObject({ reason: z.string() }).nullable(),
        }),
      ),
    }),
  }),
});

export const StatsPeriod = z.enum(['1h', '24h', '7d', '30d', 'all']);

const Stats = z.object({
  total_jobs: z.number().int(),
  successful_jobs: z.number().int(),
  failed_jobs: z.number().int(),
  success_rate: z.number(),
  avg_response_time_seconds: z.number().nullable(),
  last_execution: z.string().nullable(),
});

export const jobsStatsSummary = defineMethod({
  name: 'jobs.statsSummary',
  summary: 'Job totals and success rate (a percentage) over a period.',
  http: { method: 'GET', path: '/api/jobs/stats/summary' },
  input: z.object({ period: StatsPeriod.default('24h') }),
  output: Stats.extend({ period: StatsPeriod }),
});

export const jobsStatsByScraper = defineMethod({
  name: 'jobs.statsByScraper',
  summary: 'The same statistics per source.',
  http: { method: 'GET', path: '/api/jobs/stats/by-scraper' },
  input: z.object({ period: StatsPeriod.default('24h') }),
  output: z.object({ period: StatsPeriod, scrapers: z.array(Stats.extend({ scraper_name: z.string() })) }),
});

export const jobsMethods = {
  'jobs.create': jobsCreate,
  'jobs.createBatch': jobsCreateBatch,
  'jobs.list': jobsList,
  'jobs.queueStatus': jobsQueueStatus,
  'jobs.statsSummary': jobsStatsSummary,
  'jobs.statsByScraper': jobsStatsByScraper,
  'jobs.get': jobsGet,
  'jobs.cancel': jobsCancel,
  'jobs.retry': jobsRetry,
} as const;

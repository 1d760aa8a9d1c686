import { z } from 'zod';
import { ErrorCode } from './errors';

export const JobPriority = z.enum(['high', 'normal', 'low']);
export type JobPriority = z.infer<typeof JobPriority>;

export const JobStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled', 'retry']);
export type JobStatus = z.infer<typeof JobStatus>;
export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export const JobError = z.object({ code: ErrorCode, message: z.string() });
export type JobError = z.infer<typeof JobError>;

/** A job as the original platform's clients read it (snake_case, ISO timestamps). */
export const Job = z.object({
  id: z.string(),
  scraper_name: z.string(),
  ticker: z.string().nullable(),
  query: z.string().nullable(),
  priority: JobPriority,
  status: JobStatus,
  created_at: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  attempts: z.number().int(),
  max_retries: z.number().int(),
  next_run_at: z.string().nullable(),
  response_time: z.number().nullable(),
  error: JobError.nullable(),
  metadata: z.record(z.string(), z.unknown()),
  result: z.unknown().nullable(),
});
export type Job = z.infer<typeof Job>;

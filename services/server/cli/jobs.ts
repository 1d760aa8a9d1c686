import { z } from 'zod';
import { JobPriority, JobStatus, type Job } from '../../contract';
import { withApi } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError, validate } from './args';

export const jobsHelp = `Usage: b3ai jobs <command> [options] [--data-dir DIR] [--json]

Commands:
  create SOURCE [--ticker T] [--query Q] [--priority high|normal|low] [--max-retries N]
                         queue a job (SOURCE: a source id, or the original platform's name)
  list [--status S] [--scraper SOURCE] [--ticker T] [--limit N] [--offset N]
  show JOB_ID            one job
  cancel JOB_ID          cancel a waiting or running job
  retry JOB_ID           run a failed or cancelled job again
  stats [--period 1h|24h|7d|30d|all] [--by-scraper]
  queue                  waiting jobs by priority, jobs by status, workers

When "b3ai serve" (or the desktop app) runs on the data dir, the command goes through it; otherwise
jobs are queued in the data dir and run when the app starts.`;

const OPTIONS = {
  ...DATA_DIR_OPTION,
  json: { type: 'boolean' },
  ticker: { type: 'string' },
  query: { type: 'string' },
  priority: { type: 'string' },
  'max-retries': { type: 'string' },
  status: { type: 'string' },
  scraper: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  period: { type: 'string' },
  'by-scraper': { type: 'boolean' },
} as const;

const time = (iso: string | null): string => (iso ? iso.replace('T', ' ').slice(0, 19) : '-');

function jobLine(j: Job): string {
  const what = [j.ticker, j.query].filter(Boolean).join(' ') || '-';
  const err = j.error ? `  ${j.error.code}: ${j.error.message}` : '';
  return `${j.id}  ${j.scraper_name.padEnd(12)} ${what.slice(0, 30).padEnd(30)} ${j.priority.padEnd(6)} ${j.status.padEnd(9)} try ${j.attempts}/${j.max_retries + 1}  ${time(j.created_at)}${err}`;
}

const one = (positionals: string[], what: string): string => {
  if (positionals.length !== 1) throw new UsageError(`give exactly one ${what}`);
  return positionals[0]!;
};

export async function jobsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS);
  const [sub, ...args] = positionals;
  if (values.help || !sub) {
    console.log(jobsHelp);
    return values.help ? 0 : 2;
  }
  const json = values.json === true;
  const dataDir = values['data-dir'] as string | undefined;
  const print = (data: unknown, human: () => string): void =>
    console.log(json ? JSON.stringify(data) : human());

  switch (sub) {
    case 'create': {
      const input = validate(
        z.object({
          scraper_name: z.string().min(1),
          ticker: z.string().optional(),
          query: z.string().optional(),
          priority: JobPriority.default('normal'),
          max_retries: z.coerce.number().int().min(0).max(20).default(3),
        }),
        {
          scraper_name: one(args, 'source (e.g. selftest, cotahist, FUNDAMENTUS)'),
          ticker: values.ticker,
          query: values.query,
          priority: values.priority,
          max_retries: values['max-retries'],
        },
      );
      const out = await withApi(dataDir, (call) =>
        call('jobs.create', { ...input, metadata: { via: 'cli' } }),
      );
      print(out, () => `queued ${jobLine(out.job)}`);
      return 0;
    }
    case 'list': {
      const input = validate(
        z.object({
          status: JobStatus.optional(),
          scraper: z.string().optional(),
          ticker: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        {
          status: values.status,
          scraper: values.scraper,
          ticker: values.ticker,
          limit: values.limit,
          offset: values.offset,
        },
      );
      if (args.length) throw new UsageError('list takes options only');
      const out = await withApi(dataDir, (call) => call('jobs.list', input));
      print(out, () => [...out.jobs.map(jobLine), `${out.jobs.length} of ${out.total} job(s)`].join('\n'));
      return 0;
    }
    case 'show':
    case 'cancel':
    case 'retry': {
      const id = one(args, 'job id');
      const method = sub === 'show' ? 'jobs.get' : sub === 'cancel' ? 'jobs.cancel' : 'jobs.retry';
      const out = await withApi(dataDir, (call) => call(method, { job_id: id }));
      print(out, () => (sub === 'show' ? JSON.stringify(out.job, null, 2) : jobLine(out.job)));
      return 0;
    }
    case 'stats': {
      const period = validate(z.enum(['1h', '24h', '7d', '30d', 'all']).default('24h'), values.period);
      if (values['by-scraper']) {
        const out = await withApi(dataDir, (call) => call('jobs.statsByScraper', { period }));
        print(
          out,
          () =>
            out.scrapers
              .map(
                (s) =>
                  `${s.scraper_name.padEnd(14)} ${s.total_jobs} jobs, ${s.success_rate}% ok, avg ${s.avg_response_time_seconds ?? '-'} s`,
              )
              .join('\n') || 'no jobs',
        );
      } else {
        const out = await withApi(dataDir, (call) => call('jobs.statsSummary', { period }));
        print(
          out,
          () =>
            `${out.period}: ${out.total_jobs} jobs, ${out.successful_jobs} ok, ${out.failed_jobs} failed, ${out.success_rate}% success, avg ${out.avg_response_time_seconds ?? '-'} s, last ${time(out.last_execution)}`,
        );
      }
      return 0;
    }
    case 'queue': {
      const out = await withApi(dataDir, (call) => call('jobs.queueStatus', {}));
      print(out, () => {
        const q = out.queue_lengths;
        const w = out.workers;
        return `waiting: high ${q.high}, normal ${q.normal}, low ${q.low} (total ${out.total_pending}); running ${out.running}\nworkers: ${w.total} (${w.busy} busy, ${w.idle} idle, ${w.restarting} restarting)`;
      });
      return 0;
    }
    default:
      throw new UsageError(`unknown jobs command "${sub}"`);
  }
}

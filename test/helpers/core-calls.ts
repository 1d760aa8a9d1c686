import type { Job, MethodName, Output } from '../../services/contract';
import type { Core } from '../../services/core/app';

/**
 * A core's contract methods as typed calls for tests: the answer's data, or an Error naming the
 * method and the typed error. `runJob` creates a fetch job (no retries) and polls it to its end.
 */
export interface CoreCalls {
  call: <M extends MethodName>(method: M, input: unknown) => Promise<Output<M>>;
  runJob: (scraper_name: string, opts?: { ticker?: string; query?: string }) => Promise<Job>;
}

export function coreCalls(core: () => Core): CoreCalls {
  async function call<M extends MethodName>(method: M, input: unknown): Promise<Output<M>> {
    const r = await core().call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as Output<M>;
  }
  async function runJob(scraper_name: string, opts: { ticker?: string; query?: string } = {}): Promise<Job> {
    const { job } = await call('jobs.create', { scraper_name, ...opts, max_retries: 0 });
    for (let i = 0; i < 1200; i++) {
      const { job: j } = await call('jobs.get', { job_id: job.id });
      if (['completed', 'failed', 'cancelled'].includes(j.status)) return j;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${job.id} did not finish`);
  }
  return { call, runJob };
}

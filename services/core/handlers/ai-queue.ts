import { AppError, isAppError, type AiReport, type Output } from '../../contract';
import type { AiService } from '../ai/ai-service';
import type { JobQueue } from '../jobs/job-service';

/*
 * A chat site's report goes through the job queue (its job type, `chatgpt`…): one conversation at a
 * time with the schedules' runs, and visible in Jobs. `POST /api/analysis/ai/{ticker}` answers with
 * the job's outcome; with `all`, the signed-in chat sites are queued this way while the API models and
 * the rule writer write in the request, and the answer carries them all, the sites skipped and the
 * consensus.
 */

type Language = 'pt-BR' | 'en';

/** Queue one chat site's report and wait for the job: its reports, or its typed error. */
export async function chatReportViaQueue(
  jobs: JobQueue,
  ai: AiService,
  ticker: string,
  model: string,
  language: Language,
): Promise<AiReport[]> {
  const job = await jobs.create({
    scraper_name: model,
    ticker,
    priority: 'high',
    max_retries: 0,
    // Asked for by name: a site not signed in fails (UNAUTHORIZED, with the sign-in) instead of being skipped.
    metadata: { language, requested: true },
  });
  for (;;) {
    const j = await jobs.get(job.id);
    if (j.status === 'failed' || j.status === 'cancelled') {
      const e = j.error ?? { code: 'CANCELLED' as const, message: `job ${j.id} was cancelled` };
      throw new AppError(e.code, e.message, { job_id: j.id });
    }
    if (j.status === 'completed') {
      const result = j.result as { reports?: { id: string }[] } | null;
      const ids = result?.reports?.map((r) => r.id) ?? [];
      if (ids.length === 0)
        throw new AppError('UNAVAILABLE', `job ${j.id} wrote no report`, { job_id: j.id });
      return Promise.all(ids.map((id) => ai.report(id)));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `model: "all"` with a running queue: chat sites as queued chat jobs, the rest in the request. */
export async function generateAllViaQueue(
  jobs: JobQueue,
  ai: AiService,
  ticker: string,
  language: Language,
): Promise<Output<'ai.generate'>> {
  const plan = ai.planAll();
  // No price, no report: answered before any chat job is queued.
  const input = await ai.checkInput(ticker);
  const chat = new Set(plan.chat);
  const queued = plan.chat.map((model) =>
    chatReportViaQueue(jobs, ai, ticker, model, language).then(
      (reports) => ({ model, reports, error: null }),
      (e: unknown) => ({
        model,
        reports: [] as AiReport[],
        error: isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e)),
      }),
    ),
  );
  const inline = plan.ids.filter((id) => !chat.has(id));
  const here = await ai.writeMany(ticker, inline, language, input).catch((e: unknown) => {
    // A single model left (the rule writer alone) throws its error: listed like the others.
    const err = isAppError(e) ? e : new AppError('INTERNAL', String(e));
    return { reports: [], errors: [{ model: inline[0] ?? 'rules', code: err.code, message: err.message }] };
  });
  const sites = await Promise.all(queued);
  const reports = [...sites.flatMap((s) => s.reports), ...here.reports];
  const errors = [
    ...sites.flatMap((s) =>
      s.error ? [{ model: s.model, code: s.error.code, message: s.error.message }] : [],
    ),
    ...here.errors,
  ];
  return {
    ticker,
    reports,
    errors,
    skipped: plan.skipped,
    consensus: plan.ids.length > 1 ? await ai.consensus(ticker) : null,
  };
}

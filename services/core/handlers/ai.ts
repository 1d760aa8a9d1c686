import { AppError, type Output } from '../../contract';
import type { AiModels } from '../ai/ai-models';
import type { AiService } from '../ai/ai-service';
import type { Ctx } from '../context';
import { listNews } from '../news/news-query';
import type { Handler } from './types';

function ai(ctx: Ctx): AiService {
  if (!ctx.ai) throw new AppError('UNAVAILABLE', 'the AI analyst is not started');
  return ctx.ai;
}

function models(ctx: Ctx): AiModels {
  if (!ctx.aiModels) throw new AppError('UNAVAILABLE', 'the AI analyst is not started');
  return ctx.aiModels;
}

const sync = <T>(f: () => T): Promise<T> => Promise.resolve().then(f);

export const analysisNewsHandler: Handler<'analysis.news'> = (input, ctx) => listNews(ctx.pg, input);

export const aiModelsHandler: Handler<'ai.models'> = (_input, ctx) => sync(() => models(ctx).list());
export const aiProvidersSaveHandler: Handler<'ai.providers.save'> = (input, ctx) =>
  sync(() => models(ctx).save(input));
export const aiProvidersDeleteHandler: Handler<'ai.providers.delete'> = (input, ctx) =>
  sync(() => models(ctx).delete(input.id));
export const aiProvidersTestHandler: Handler<'ai.providers.test'> = (input, ctx) =>
  models(ctx).test(input.id);

export const aiGenerateHandler: Handler<'ai.generate'> = (input, ctx) =>
  input.model && models(ctx).isChat(input.model) && ctx.jobs?.runs
    ? generateViaQueue(ctx, input.ticker, input.model, input.language)
    : ai(ctx).generate(input);

/**
 * A chat site's report goes through the job queue (its job type, `chatgpt`…): one conversation at a
 * time with the schedules' runs, and visible in Jobs. The answer is the job's outcome.
 */
async function generateViaQueue(
  ctx: Ctx,
  ticker: string,
  model: string,
  language: 'pt-BR' | 'en',
): Promise<Output<'ai.generate'>> {
  const jobs = ctx.jobs;
  if (!jobs) throw new AppError('UNAVAILABLE', 'the job queue is not started');
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
      const reports = await Promise.all(ids.map((id) => ai(ctx).report(id)));
      return { ticker, reports, errors: [], consensus: null };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
export const aiLatestHandler: Handler<'ai.latest'> = (input, ctx) =>
  ai(ctx).latest(input.ticker, input.model);
export const aiHistoryHandler: Handler<'ai.history'> = (input, ctx) =>
  ai(ctx).history(input.ticker, input.limit);
export const aiConsensusHandler: Handler<'ai.consensus'> = (input, ctx) => ai(ctx).consensus(input.ticker);
export const aiReportHandler: Handler<'ai.report'> = (input, ctx) => ai(ctx).report(input.id);
export const aiDiffHandler: Handler<'ai.diff'> = (input, ctx) => ai(ctx).diff(input.id, input.other);
export const aiExportHandler: Handler<'ai.export'> = (input, ctx) => ai(ctx).export(input.id, input.format);

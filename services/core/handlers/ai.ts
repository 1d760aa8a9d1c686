import { AppError } from '../../contract';
import type { AiModels } from '../ai/ai-models';
import type { AiService } from '../ai/ai-service';
import type { Ctx } from '../context';
import { chatReportViaQueue, generateAllViaQueue } from './ai-queue';
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

export const aiGenerateHandler: Handler<'ai.generate'> = async (input, ctx) => {
  const jobs = ctx.jobs?.runs ? ctx.jobs : undefined;
  if (jobs && input.model === 'all') return generateAllViaQueue(jobs, ai(ctx), input.ticker, input.language);
  if (jobs && input.model && models(ctx).isChat(input.model)) {
    const reports = await chatReportViaQueue(jobs, ai(ctx), input.ticker, input.model, input.language);
    return { ticker: input.ticker, reports, errors: [], consensus: null };
  }
  return ai(ctx).generate(input);
};

export const aiLatestHandler: Handler<'ai.latest'> = async (input, ctx) => {
  try {
    return await ai(ctx).latest(input.ticker, input.model);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
};
export const aiHistoryHandler: Handler<'ai.history'> = (input, ctx) =>
  ai(ctx).history(input.ticker, input.limit);
export const aiConsensusHandler: Handler<'ai.consensus'> = (input, ctx) => ai(ctx).consensus(input.ticker);
export const aiReportHandler: Handler<'ai.report'> = (input, ctx) => ai(ctx).report(input.id);
export const aiDiffHandler: Handler<'ai.diff'> = (input, ctx) => ai(ctx).diff(input.id, input.other);
export const aiExportHandler: Handler<'ai.export'> = (input, ctx) => ai(ctx).export(input.id, input.format);

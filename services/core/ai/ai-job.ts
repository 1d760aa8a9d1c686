import { AppError } from '../../contract';
import type { JobType } from '../jobs/job-types';
import type { AiService } from './ai-service';

const TICKER = /^[A-Z0-9.=^-]{2,16}$/;
const MODEL = /^(all|rules|none|[a-z0-9][a-z0-9_-]{0,39})$/;

/**
 * `ai-analysis` jobs, and one job type per chat site (`chatgpt`, the original's CHATGPT…: a report
 * written there; skipped with the reason when the site is not signed in) (the weekly schedules, or `b3ai jobs create ai-analysis --ticker WEGE3`): write
 * a report of the ticker with the model the query names (`all`, `rules`, a model id) or, without
 * one, the default model. The report is stored like any other; the job's result names it.
 */
export function aiJobType(ai: () => AiService | undefined, chatSite?: { id: string; name: string }): JobType {
  return {
    source: chatSite?.id ?? 'ai-analysis',
    concurrency: 1,
    ratePerMinute: null,
    timeoutMs: 10 * 60_000,
    validate({ ticker, query }) {
      if (!ticker || !TICKER.test(ticker))
        throw new AppError('INVALID_INPUT', 'ticker: an AI report needs a ticker such as WEGE3', {
          fields: ['ticker'],
        });
      if (query && !chatSite && !MODEL.test(query.toLowerCase()))
        throw new AppError('INVALID_INPUT', 'query: a model id, rules or all', { fields: ['query'] });
    },
    async execute(row) {
      const service = ai();
      if (!service) throw new AppError('UNAVAILABLE', 'the AI analyst is not started');
      if (!row.ticker) throw new AppError('INVALID_INPUT', 'ticker: an AI report needs a ticker');
      const meta = JSON.parse(row.metadata || '{}') as { language?: unknown; requested?: unknown };
      const language = meta.language === 'en' ? 'en' : 'pt-BR';
      // Asked for by name (POST /api/analysis/ai/{ticker}): the site's error (UNAUTHORIZED) is the answer.
      if (chatSite && meta.requested !== true && service.chatSignedIn(chatSite.id) === false) {
        // A schedule naming a chat site the user has not signed in to: skipped, with why (not a failure).
        const reason = service.skippedChatSites().find((x) => x.model === chatSite.id)?.reason ?? '';
        return {
          result: { ticker: row.ticker, reports: [], errors: [], skipped: [{ model: chatSite.id, reason }] },
        };
      }
      const model = chatSite?.id ?? row.query?.toLowerCase();
      const out = await service.generate({
        ticker: row.ticker,
        language,
        ...(model ? { model } : {}),
      });
      // `all` (and the default) leave out the chat sites not signed in: the result says which and why.
      const skipped = !chatSite && (!model || model === 'all') ? service.skippedChatSites() : [];
      if (out.reports.length === 0) {
        const first = out.errors[0];
        throw new AppError(
          first?.code === 'RATE_LIMITED' || first?.code === 'TIMEOUT' ? first.code : 'UNAVAILABLE',
          `no model wrote a report: ${out.errors.map((e) => `${e.model}: ${e.code} ${e.message}`).join('; ')}`,
        );
      }
      return {
        result: {
          ticker: out.ticker,
          reports: out.reports.map((r) => ({
            id: r.id,
            model: r.model.id,
            recommendation: r.report.recommendation,
          })),
          errors: out.errors,
          ...(skipped.length ? { skipped } : {}),
        },
      };
    },
  };
}

import { AppError } from '../../contract';
import { missingFieldsMessage } from '../../sources/file-query';
import type { Fetcher, Source } from '../../sources/define';
import { ModelName } from '../../sources/models';
import { parseQueryText, type SourceQuery } from '../../sources/query';
import type { JobType } from '../jobs/job-types';
import { companySearchName } from '../news/company-name';
import { nextFromForSeries } from './incremental';
import type { SourceRunner } from './source-runner';

export interface JobPlan {
  model: ModelName;
  query: SourceQuery;
}

/**
 * What a job asks of a source. The query may start with a model ("macro-series:432",
 * "statements:year=2024&series=ITR"); without one, a job with a ticker runs every model that takes a
 * ticker (Fundamentus: fundamentals and dividends), and one without runs the canary's model.
 */
export function planJob(source: Source, ticker: string | null, queryTextIn: string | null): JobPlan[] {
  let text = (queryTextIn ?? '').trim();
  let model: ModelName | undefined;
  const m = /^([a-z-]+):(.*)$/s.exec(text);
  if (m && ModelName.safeParse(m[1]).success) {
    model = m[1] as ModelName;
    text = m[2]!.trim();
  }
  const entries = Object.entries(source.fetchers) as [ModelName, Fetcher][];
  const chosen: [ModelName, Fetcher][] = model
    ? entries.filter(([k]) => k === model)
    : ticker
      ? entries.filter(([, f]) => f.required.includes('ticker'))
      : entries.filter(([k]) => k === source.info.canary.model);
  if (chosen.length === 0) {
    throw new AppError(
      'INVALID_INPUT',
      model
        ? `query: ${source.info.id} serves ${entries.map(([k]) => k).join(', ')}, not ${model}`
        : `ticker: ${source.info.id} takes no ticker; give query "<model>:<query>" (models: ${entries.map(([k]) => k).join(', ')})`,
      { fields: [model ? 'query' : 'ticker'] },
    );
  }
  return chosen.map(([k, f]) => {
    // No query text: the canary's query when this is the canary's model and no ticker was given.
    const q = text
      ? parseQueryText(text, f.primary)
      : !ticker && k === source.info.canary.model
        ? { ...source.info.canary.query }
        : {};
    const query: SourceQuery = ticker ? { ...q, ticker: ticker.toUpperCase() } : q;
    const missing = f.required.filter((field) => query[field] === undefined);
    if (missing.length) {
      throw new AppError(
        'INVALID_INPUT',
        `query: ${source.info.id} ${k}: ${missingFieldsMessage(source, missing, { kind: 'api', model: k })}`,
        {
          fields: missing.map((x) => `query.${x}`),
        },
      );
    }
    return { model: k, query };
  });
}

/** One job type per source: each planned model is fetched, vaulted, parsed and stored in turn. */
export function sourceJobType(source: Source, runner: () => SourceRunner | undefined): JobType {
  const info = source.info;
  return {
    source: info.id,
    concurrency: info.concurrency,
    ratePerMinute: info.ratePerMinute,
    // Its fetches run in the workers, held to the source's concurrency there (app.ts).
    lookahead: true,
    network: true,
    timeoutMs: info.id === 'cvm' || info.id === 'b3-cotahist' ? 15 * 60_000 : 2 * 60_000,
    validate({ ticker, query }) {
      planJob(source, ticker, query);
    },
    async execute(row, env) {
      const r = runner();
      if (!r) throw new AppError('UNAVAILABLE', 'sources are not started');
      const results: Record<
        string,
        { snapshot_id: number; items: number; stored: number; up_to_date?: boolean }
      > = {};
      for (const plan of planJob(source, row.ticker, row.query)) {
        if (env.signal.aborted) throw new AppError('CANCELLED', 'cancelled');
        let query = plan.query;
        // Google News is searched by ticker and company name ("PETR4 OR Petrobras").
        if (info.id === 'google-news' && query.ticker && !query.q) {
          const q = await companySearchName(env.pg, query.ticker);
          if (q && q.toUpperCase() !== query.ticker) query = { ...query, q };
        }
        if (plan.model === 'macro-series' && !query.from && query.series) {
          const { from, upToDate } = await nextFromForSeries(env.pg, info.id, query.series);
          if (upToDate) {
            results[plan.model] = { snapshot_id: 0, items: 0, stored: 0, up_to_date: true };
            continue;
          }
          if (from) query = { ...query, from };
        }
        const out = await r.run({ source: info.id, model: plan.model, query, store: true, jobId: row.id });
        results[plan.model] = { snapshot_id: out.snapshotId, items: out.items.length, stored: out.stored };
      }
      return { result: { source: info.id, models: results } };
    },
  };
}

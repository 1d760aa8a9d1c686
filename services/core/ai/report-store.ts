import { AiReport, AppError, describeZodError, type AiReportSummary } from '../../contract';
import { summarizeReport } from '../../analysis/ai/summary';
import type { Pg } from '../storage/pg';

/** Stored AI reports (`ai_reports` in PGlite): the answer and everything that produced it. */

interface ReportRow {
  id: string;
  ticker: string;
  created_at: Date | string;
  kind: string;
  language: string;
  model_id: string;
  provider: string;
  model_name: string;
  params: unknown;
  input_hash: string;
  prompt_hash: string;
  prompt: string;
  report: unknown;
  flags: unknown;
  attempts: number;
  usage: unknown;
  duration_ms: number;
  input: unknown;
}

const COLUMNS = `id::text AS id, ticker, created_at, kind, language, model_id, provider, model_name, params,
  input_hash, prompt_hash, prompt, report, flags, attempts, usage, duration_ms, input`;

function fromRow(r: ReportRow): AiReport {
  const parsed = AiReport.safeParse({
    id: r.id,
    ticker: r.ticker,
    created_at: (r.created_at instanceof Date ? r.created_at : new Date(r.created_at)).toISOString(),
    kind: r.kind,
    language: r.language,
    model: { id: r.model_id, provider: r.provider, name: r.model_name },
    params: r.params,
    input_hash: r.input_hash,
    prompt_hash: r.prompt_hash,
    prompt: r.prompt,
    report: r.report,
    flags: r.flags,
    attempts: r.attempts,
    usage: r.usage ?? null,
    duration_ms: r.duration_ms,
    input: r.input,
  });
  if (!parsed.success)
    throw new AppError(
      'INTERNAL',
      `stored report ${r.id} is unreadable: ${describeZodError(parsed.error).message}`,
    );
  return parsed.data;
}

export type NewReport = Omit<AiReport, 'id'>;

export async function insertReport(pg: Pg, r: NewReport): Promise<AiReport> {
  const res = await pg.query<{ id: string }>(
    `INSERT INTO ai_reports (ticker, created_at, kind, language, model_id, provider, model_name, params, input_hash,
       prompt_hash, prompt, report, flags, attempts, usage, duration_ms, input)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id::text AS id`,
    [
      r.ticker,
      r.created_at,
      r.kind,
      r.language,
      r.model.id,
      r.model.provider,
      r.model.name,
      r.params,
      r.input_hash,
      r.prompt_hash,
      r.prompt,
      r.report,
      r.flags,
      r.attempts,
      r.usage,
      r.duration_ms,
      r.input,
    ],
  );
  const id = res.rows[0]?.id;
  if (!id) throw new AppError('INTERNAL', 'the report was not stored');
  return { ...r, id };
}

export async function getReport(pg: Pg, id: string): Promise<AiReport> {
  const r = await pg.query<ReportRow>(`SELECT ${COLUMNS} FROM ai_reports WHERE id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND', `no report ${id}`, { id });
  return fromRow(row);
}

export async function latestReport(pg: Pg, ticker: string, model?: string): Promise<AiReport> {
  const r = await pg.query<ReportRow>(
    `SELECT ${COLUMNS} FROM ai_reports WHERE ticker = $1 AND ($2::text IS NULL OR model_id = $2)
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [ticker, model ?? null],
  );
  const row = r.rows[0];
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `no report of ${ticker}${model ? ` by ${model}` : ''} yet: generate one (POST /api/analysis/ai/${ticker})`,
      { ticker },
    );
  return fromRow(row);
}

export async function reportHistory(pg: Pg, ticker: string, limit: number): Promise<AiReportSummary[]> {
  const r = await pg.query<ReportRow>(
    `SELECT ${COLUMNS} FROM ai_reports WHERE ticker = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [ticker, limit],
  );
  return r.rows.map((row) => summarizeReport(fromRow(row)));
}

/** The newest report of each of these models for a ticker. */
export async function latestPerModel(pg: Pg, ticker: string, models: readonly string[]): Promise<AiReport[]> {
  if (models.length === 0) return [];
  const r = await pg.query<ReportRow>(
    `SELECT DISTINCT ON (model_id) ${COLUMNS} FROM ai_reports WHERE ticker = $1 AND model_id = ANY($2)
     ORDER BY model_id, created_at DESC, id DESC`,
    [ticker, models],
  );
  return r.rows.map(fromRow);
}

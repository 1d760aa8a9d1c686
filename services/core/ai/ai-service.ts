import {
  AppError,
  isAppError,
  type AiReport,
  type Consensus,
  type Output,
  type ParsedInput,
  type ReportInput,
  type ReportLanguage,
} from '../../contract';
import { checkCitations } from '../../analysis/ai/citations';
import { computeConsensus } from '../../analysis/ai/consensus';
import { diffReports } from '../../analysis/ai/diff';
import { reportToHtml } from '../../analysis/ai/render-html';
import { reportToMarkdown } from '../../analysis/ai/render-markdown';
import { RULES_VERSION, writeRuleReport } from '../../analysis/ai/rules-writer';
import type { AnalysisService } from '../analysis/analysis-service';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import type { AiModels } from './ai-models';
import { canonicalJson, sha256 } from './hash';
import { RULES_MODEL_ID } from './model-config';
import { askModel, type Stage } from './model-writer';
import type { PdfRenderer } from './pdf';
import {
  getReport,
  insertReport,
  latestPerModel,
  latestReport,
  reportHistory,
  type NewReport,
} from './report-store';
import { loadReportInput } from './report-data';

export interface AiServiceOptions {
  pg: Pg;
  analysis: AnalysisService;
  models: AiModels;
  events: EventBus;
  log: Logger;
  pdf: PdfRenderer;
  now?: () => Date;
}

type ProgressStage = Stage | 'input' | 'prompt' | 'stored' | 'failed';

/** The AI analyst: reports from the local data by a model or by rules, stored reproducibly. */
export class AiService {
  constructor(private readonly o: AiServiceOptions) {}

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private progress(
    ticker: string,
    model: string,
    stage: ProgressStage,
    extra: { chars?: number; text?: string; message?: string } = {},
  ) {
    this.o.events.emit('ai.progress', { ticker, model, stage, ...extra });
  }

  private async input(ticker: string): Promise<ReportInput> {
    const input = await loadReportInput(this.o.analysis, this.o.pg, ticker);
    if (input.price === null)
      throw new AppError(
        'NOT_FOUND',
        `no price for ${ticker} in the local database: fetch its fundamentals (fundamentus) or daily bars first`,
        { ticker, missing: input.missing },
      );
    return input;
  }

  private async writeOne(model: string, input: ReportInput, language: ReportLanguage): Promise<AiReport> {
    const started = performance.now();
    const ticker = input.ticker;
    const base = {
      ticker,
      created_at: this.now().toISOString(),
      language,
      input_hash: sha256(canonicalJson(input)),
      flags: [] as AiReport['flags'],
      input,
    };
    let report: NewReport;
    if (model === RULES_MODEL_ID) {
      const body = writeRuleReport(input, language);
      const prompt = `rule-based writer ${RULES_VERSION}: no prompt, the report is computed from the data by fixed rules`;
      report = {
        ...base,
        kind: 'rule-based',
        model: { id: RULES_MODEL_ID, provider: 'rules', name: RULES_VERSION },
        params: { rules_version: RULES_VERSION },
        prompt,
        prompt_hash: sha256(prompt),
        report: body,
        flags: checkCitations(body, input),
        attempts: 1,
        usage: null,
        duration_ms: performance.now() - started,
      };
    } else {
      const { config, client } = this.o.models.provider(model);
      this.progress(ticker, model, 'prompt');
      let lastChars = 0;
      let pending = '';
      let answer: Awaited<ReturnType<typeof askModel>>;
      try {
        answer = await askModel(config, client, input, language, (stage, chars, chunk) => {
          // Streaming progress at most every 200 characters, so a long answer is not thousands of
          // events; each event carries the characters since the previous one (the Reports view shows them).
          if (stage === 'streaming' && chars !== undefined) {
            pending += chunk ?? '';
            if (chars - lastChars < 200) return;
            lastChars = chars;
            const text = pending;
            pending = '';
            return this.progress(ticker, model, stage, { chars, text });
          }
          if (pending) {
            this.progress(ticker, model, 'streaming', { chars: lastChars + pending.length, text: pending });
            pending = '';
          }
          if (stage === 'repair') lastChars = 0;
          this.progress(ticker, model, stage, chars === undefined ? {} : { chars });
        });
      } finally {
        // A chat site's conversation ends with the report (its page closes, the next prompt may start).
        await client.close?.();
      }
      const chat = config.provider === 'browser-chat' ? this.o.models.chat : undefined;
      report = {
        ...base,
        kind: 'model',
        model: { id: config.id, provider: config.provider, name: answer.model_name },
        // A chat site's report keeps the site it came from and the answer's raw text.
        params: chat
          ? { ...answer.params, ...chat.params(config.id), raw_answer: answer.raw }
          : answer.params,
        prompt: answer.prompt,
        prompt_hash: sha256(answer.prompt),
        report: answer.body,
        flags: checkCitations(answer.body, input),
        attempts: answer.attempts,
        usage: answer.usage,
        duration_ms: performance.now() - started,
      };
    }
    const stored = await insertReport(this.o.pg, report);
    this.progress(ticker, model, 'stored', { message: stored.id });
    this.o.log.info('ai report stored', {
      id: stored.id,
      ticker,
      model,
      attempts: stored.attempts,
      flags: stored.flags.length,
      ms: Math.round(stored.duration_ms),
    });
    return stored;
  }

  /**
   * The model ids a request names: one, `all` (every enabled configured model, every signed-in chat
   * site, then the rule-based writer, so the consensus covers all three kinds), or the default.
   */
  private targets(model: string | undefined): string[] {
    // `none` is the name for "no model": the rule-based writer.
    const wanted = model === 'none' ? RULES_MODEL_ID : (model ?? this.o.models.defaultId());
    if (wanted === 'all') return this.planAll().ids;
    if (wanted !== RULES_MODEL_ID) this.o.models.get(wanted);
    return [wanted];
  }

  /**
   * What `all` writes: the enabled API models and signed-in chat sites (`chat`: those the caller may
   * queue as chat jobs), then the rule-based writer; the chat sites not signed in are `skipped`, with why.
   */
  planAll(): { ids: string[]; chat: string[]; skipped: { model: string; reason: string }[] } {
    const enabled = this.o.models.enabled();
    const ids = [...enabled.map((m) => m.id).filter((id) => id !== RULES_MODEL_ID), RULES_MODEL_ID];
    const chat = enabled.filter((m) => m.provider === 'browser-chat').map((m) => m.id);
    return { ids, chat, skipped: this.skippedChatSites() };
  }

  async generate(input: ParsedInput<'ai.generate'>): Promise<Output<'ai.generate'>> {
    const ids = this.targets(input.model);
    const all = input.model === 'all';
    const out = await this.writeMany(input.ticker, ids, input.language);
    return {
      ticker: input.ticker,
      ...out,
      ...(all ? { skipped: this.skippedChatSites() } : {}),
      consensus: ids.length > 1 ? await this.consensus(input.ticker) : null,
    };
  }

  /** The report input of a ticker, or NOT_FOUND when the local data has no price for it. */
  checkInput(ticker: string): Promise<ReportInput> {
    return this.input(ticker);
  }

  /**
   * Reports of one ticker by each of `ids`, one after the other. One model named: its error is the
   * answer. Several: a model's error is listed and the others' reports still count.
   */
  async writeMany(
    ticker: string,
    ids: string[],
    language: ReportLanguage,
    loaded?: ReportInput,
  ): Promise<Pick<Output<'ai.generate'>, 'reports' | 'errors'>> {
    for (const id of ids) this.progress(ticker, id, 'input');
    let data: ReportInput;
    try {
      data = loaded ?? (await this.input(ticker));
    } catch (e) {
      const message = isAppError(e) ? `${e.code}: ${e.message}` : String(e);
      for (const id of ids) this.progress(ticker, id, 'failed', { message });
      throw e;
    }
    const reports: AiReport[] = [];
    const errors: Output<'ai.generate'>['errors'] = [];
    for (const id of ids) {
      try {
        reports.push(await this.writeOne(id, data, language));
      } catch (e) {
        const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
        this.progress(ticker, id, 'failed', { message: `${err.code}: ${err.message}` });
        this.o.log.warn('ai report failed', { ticker, model: id, code: err.code, message: err.message });
        if (ids.length === 1) throw err;
        errors.push({ model: id, code: err.code, message: err.message });
      }
    }
    return { reports, errors };
  }

  latest(ticker: string, model?: string): Promise<AiReport> {
    return latestReport(this.o.pg, ticker, model);
  }

  async history(ticker: string, limit: number): Promise<Output<'ai.history'>> {
    return { ticker, reports: await reportHistory(this.o.pg, ticker, limit) };
  }

  /** The chat sites `all` and the schedules leave out (not signed in), each with why. */
  skippedChatSites(): { model: string; reason: string }[] {
    return this.o.models.chat?.skipped() ?? [];
  }

  /** Whether a chat site's profile is signed in (cookie status); null when `id` is not a chat site. */
  chatSignedIn(id: string): boolean | null {
    const chat = this.o.models.chat;
    return chat?.has(id) ? chat.signedIn(id) : null;
  }

  /** Consensus of the newest report of each enabled model and of the rule-based writer. */
  async consensus(ticker: string): Promise<Consensus> {
    const models = [RULES_MODEL_ID, ...this.o.models.enabled().map((m) => m.id)];
    return computeConsensus(ticker, await latestPerModel(this.o.pg, ticker, models));
  }

  report(id: string): Promise<AiReport> {
    return getReport(this.o.pg, id);
  }

  async diff(id: string, other: string): Promise<Output<'ai.diff'>> {
    const [a, b] = await Promise.all([getReport(this.o.pg, id), getReport(this.o.pg, other)]);
    if (a.ticker !== b.ticker)
      throw new AppError(
        'INVALID_INPUT',
        `reports ${id} (${a.ticker}) and ${other} (${b.ticker}) are of different tickers`,
      );
    return diffReports(a, b);
  }

  async export(id: string, format: 'md' | 'pdf'): Promise<Output<'ai.export'>> {
    const r = await getReport(this.o.pg, id);
    const name = `${r.ticker}-${r.created_at.slice(0, 10)}-${r.model.id}-${r.id}`;
    if (format === 'md')
      return {
        id,
        format,
        filename: `${name}.md`,
        content_type: 'text/markdown; charset=utf-8',
        content: reportToMarkdown(r),
        encoding: 'utf-8',
      };
    const pdf = await this.o.pdf(reportToHtml(r));
    return {
      id,
      format,
      filename: `${name}.pdf`,
      content_type: 'application/pdf',
      content: Buffer.from(pdf).toString('base64'),
      encoding: 'base64',
    };
  }
}

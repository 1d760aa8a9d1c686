import { z } from 'zod';

/**
 * The AI analyst's data shapes, shared by the analysis layer (prompt, rule-based writer, checks),
 * the core (storage, providers) and the renderer. A report cites the data points it rests on by id;
 * every data point says where it came from (source and vault snapshot), so a claim can be traced to
 * the page it was read from.
 */

export const DataPointGroup = z.enum([
  'price',
  'fundamental',
  'computed',
  'valuation',
  'technical',
  'dividends',
  'news',
  'macro',
]);
export type DataPointGroup = z.infer<typeof DataPointGroup>;

export const DataPointUnit = z.enum(['BRL', 'pct', 'ratio', 'count', 'date', 'text']);
export type DataPointUnit = z.infer<typeof DataPointUnit>;

export const DataPoint = z.object({
  /** Short and stable within a report: `fund.pl`, `val.graham_number`, `tech.rsi_14`, `news.3`. */
  id: z.string().regex(/^[a-z]+\.[a-z0-9_.]+$/, 'expected an id such as fund.pl'),
  group: DataPointGroup,
  /** The standard key (`pl`, `rsi_14`) or, for news, the item's position. */
  key: z.string(),
  /** What a reader sees: "P/L", or the headline for news. */
  label: z.string(),
  value: z.union([z.number(), z.string(), z.null()]),
  unit: DataPointUnit.nullable(),
  /** The date the value refers to, when known. */
  as_of: z.string().nullable(),
  /** The source it was read from (`fundamentus`), `computed` for our own figures. */
  source: z.string().nullable(),
  /** The vault snapshot of the raw page (`GET /api/snapshots/{id}`), when it came from one. */
  snapshot_id: z.string().nullable(),
  /** A link (news items), or how a computed value was derived. */
  detail: z.string().nullable(),
});
export type DataPoint = z.infer<typeof DataPoint>;

/** Everything a report is written from; its canonical JSON is hashed into `input_hash`. */
export const ReportInput = z.object({
  ticker: z.string(),
  company: z.string().nullable(),
  sector: z.string().nullable(),
  price: z.number().nullable(),
  price_as_of: z.string().nullable(),
  data_points: z.array(DataPoint),
  /** What the local database lacks for a fuller report ("daily_bars", "statements"…). */
  missing: z.array(z.string()),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const Recommendation = z.enum(['COMPRA', 'MANTER', 'VENDA']);
export type Recommendation = z.infer<typeof Recommendation>;
export const ReportSentiment = z.enum(['POSITIVO', 'NEUTRO', 'NEGATIVO']);
export type ReportSentiment = z.infer<typeof ReportSentiment>;

export const Claim = z.strictObject({
  text: z.string().trim().min(1).max(800),
  citations: z.array(z.string()).min(1, 'every claim cites at least one data point id'),
});
export type Claim = z.infer<typeof Claim>;

const Price = z.number().finite().positive();

/** The answer a model must give (and the rule-based writer gives), validated strictly. */
export const ReportBody = z.strictObject({
  summary: z.string().trim().min(1).max(3000),
  sentiment: ReportSentiment,
  recommendation: Recommendation,
  strengths: z.array(Claim).length(3, 'exactly 3 strengths'),
  risks: z.array(Claim).length(3, 'exactly 3 risks'),
  /** Null when the data is too thin to set targets ("dados insuficientes"). */
  target_prices: z
    .strictObject({ conservative: Price, moderate: Price, optimistic: Price })
    .refine((t) => t.conservative <= t.moderate && t.moderate <= t.optimistic, {
      message: 'target prices must satisfy conservative <= moderate <= optimistic',
    })
    .nullable(),
  /** The data point ids the summary, recommendation and targets rest on. */
  citations: z.array(z.string()).min(1, 'cite at least one data point id'),
});
export type ReportBody = z.infer<typeof ReportBody>;

export const ReportFlag = z.object({
  kind: z.enum(['unknown_citation']),
  /** The cited id. */
  citation: z.string(),
  /** Where it was cited: `summary`, `strengths[1]`, `risks[0]`. */
  where: z.string(),
  message: z.string(),
});
export type ReportFlag = z.infer<typeof ReportFlag>;

export const ProviderKind = z.enum(['openai', 'anthropic']);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const ReportLanguage = z.enum(['pt-BR', 'en']);
export type ReportLanguage = z.infer<typeof ReportLanguage>;

export const TokenUsage = z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() });
export type TokenUsage = z.infer<typeof TokenUsage>;

export const ReportModel = z.object({
  /** The configured model's id, or `rules` for the offline writer. */
  id: z.string(),
  /** An API, a chat site in the user's own signed-in browser (`browser-chat`), or the rule-based writer. */
  provider: z.enum(['openai', 'anthropic', 'browser-chat', 'rules']),
  /** The provider's model name (`gpt-4o-mini`, `llama3.1:8b`), a chat site's (`chatgpt-web`), or `rules-v1`. */
  name: z.string(),
});
export type ReportModel = z.infer<typeof ReportModel>;

export const AiReport = z.object({
  id: z.string(),
  ticker: z.string(),
  created_at: z.string(),
  kind: z.enum(['model', 'rule-based']),
  language: ReportLanguage,
  model: ReportModel,
  /** temperature, max_tokens… as sent; the rule-based writer's version. */
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  /** sha256 of the canonical JSON of `input`. */
  input_hash: z.string(),
  /** sha256 of the prompt text. */
  prompt_hash: z.string(),
  prompt: z.string(),
  report: ReportBody,
  flags: z.array(ReportFlag),
  /** 1, or 2 when the first answer broke the schema and the repaired one passed. */
  attempts: z.number().int(),
  usage: TokenUsage.nullable(),
  duration_ms: z.number(),
  input: ReportInput,
});
export type AiReport = z.infer<typeof AiReport>;

/** A report in a history list: no input or prompt. */
export const AiReportSummary = AiReport.pick({
  id: true,
  ticker: true,
  created_at: true,
  kind: true,
  language: true,
  model: true,
  input_hash: true,
  prompt_hash: true,
  flags: true,
}).extend({
  recommendation: Recommendation,
  sentiment: ReportSentiment,
  target_prices: ReportBody.shape.target_prices,
  price: z.number().nullable(),
});
export type AiReportSummary = z.infer<typeof AiReportSummary>;

/** `insufficient`: fewer reports than a consensus needs (2). */
export const ConsensusStrength = z.enum(['strong', 'moderate', 'weak', 'divergent', 'insufficient']);
/** Reports a consensus needs: one report is an opinion, not a consensus. */
export const CONSENSUS_MIN_REPORTS = 2;
export type ConsensusStrength = z.infer<typeof ConsensusStrength>;

export const Consensus = z.object({
  ticker: z.string(),
  /** The reports counted: the latest per model. */
  reports: z.array(AiReportSummary),
  /** How many reports it rests on (a consensus needs CONSENSUS_MIN_REPORTS). */
  count: z.number().int(),
  recommendation: Recommendation.nullable(),
  sentiment: ReportSentiment.nullable(),
  votes: z.object({
    recommendation: z.record(z.string(), z.number().int()),
    sentiment: z.record(z.string(), z.number().int()),
  }),
  /** Average of the shares agreeing with the majority sentiment and the majority recommendation. */
  confidence: z.number(),
  strength: ConsensusStrength,
  /** Points two or more reports make (same data cited, or the same words). */
  common_strengths: z.array(
    z.object({ text: z.string(), models: z.array(z.string()), citations: z.array(z.string()) }),
  ),
  common_risks: z.array(
    z.object({ text: z.string(), models: z.array(z.string()), citations: z.array(z.string()) }),
  ),
  target_prices: z
    .object({ conservative: z.number(), moderate: z.number(), optimistic: z.number() })
    .nullable(),
});
export type Consensus = z.infer<typeof Consensus>;

const Change = z.object({ from: z.unknown(), to: z.unknown() });

export const ReportDiff = z.object({
  from: AiReportSummary,
  to: AiReportSummary,
  same_input: z.boolean(),
  same_prompt: z.boolean(),
  same_model: z.boolean(),
  /** Top-level fields that changed: recommendation, sentiment, summary, target_prices.moderate… */
  changes: z.record(z.string(), Change),
  strengths: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  risks: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  /** Data points whose value changed between the two inputs, and those only one has. */
  data: z.object({
    changed: z.array(z.object({ id: z.string(), label: z.string(), from: z.unknown(), to: z.unknown() })),
    added: z.array(z.string()),
    removed: z.array(z.string()),
  }),
});
export type ReportDiff = z.infer<typeof ReportDiff>;

import { z } from 'zod';
import {
  AiReport,
  AiReportSummary,
  Consensus,
  ProviderKind,
  ReportDiff,
  ReportLanguage,
  TokenUsage,
} from '../ai-report';
import { defineMethod } from '../define';
import { Ticker } from '../models';

const ModelId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'expected a model id such as local-llama (a-z, 0-9, - and _)');

/** A configured model as the API shows it: never its key, only whether it has one. */
export const AiModelEntry = z.object({
  id: z.string(),
  provider: z.enum(['openai', 'anthropic', 'browser-chat', 'rules']),
  model: z.string(),
  base_url: z.string().nullable(),
  has_key: z.boolean(),
  enabled: z.boolean(),
  temperature: z.number().nullable(),
  max_tokens: z.number().int().nullable(),
  timeout_ms: z.number().int().nullable(),
  stream: z.boolean(),
  /** Where the key is kept: Electron safeStorage, or the data dir's key file (mode 0600). */
  key_storage: z.enum(['safe-storage', 'key-file', 'none']),
  /**
   * A chat site (browser-chat): its name, terms and the sign-in state of its browser profile; `enabled`
   * is whether it is signed in (`all` and the schedules use only those).
   */
  chat: z
    .object({
      site: z.string(),
      name: z.string(),
      url: z.string(),
      terms_url: z.string(),
      state: z.enum(['signed-in', 'signing-in', 'expired', 'not-signed-in']),
      reason: z.string().nullable(),
    })
    .optional(),
});
export type AiModelEntry = z.infer<typeof AiModelEntry>;

export const aiModels = defineMethod({
  name: 'ai.models',
  summary: 'The configured model providers (never their keys) and the offline rule-based writer.',
  http: { method: 'GET', path: '/api/analysis/ai/models' },
  input: z.object({}),
  output: z.object({ default: z.string(), models: z.array(AiModelEntry) }),
});

export const AiProviderInput = z.object({
  id: ModelId.refine((id) => id !== 'rules' && id !== 'all', 'rules and all are reserved ids'),
  provider: ProviderKind,
  /** OpenAI-compatible: https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama)…; Anthropic: https://api.anthropic.com. */
  base_url: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .refine((u) => !/^https?:\/\/[^/]*@/i.test(u), 'no credentials in the URL: give the key as api_key'),
  model: z.string().trim().min(1).max(200),
  /** Write-only. Omitted: keep the stored key; empty string: remove it. */
  api_key: z.string().max(4000).optional(),
  temperature: z.number().min(0).max(2).nullable().default(0.2),
  max_tokens: z.number().int().min(64).max(64000).nullable().default(1500),
  timeout_ms: z.number().int().min(1000).max(600000).nullable().default(120000),
  stream: z.boolean().default(true),
  enabled: z.boolean().default(true),
  /** Make it the model `POST /api/analysis/ai/{ticker}` uses when none is named. */
  make_default: z.boolean().default(false),
});

export const aiProvidersSave = defineMethod({
  name: 'ai.providers.save',
  summary: 'Add or change a model provider (OpenAI-compatible or Anthropic); the key is stored encrypted.',
  http: { method: 'POST', path: '/api/analysis/ai/models/{id}' },
  input: AiProviderInput,
  output: AiModelEntry,
});

export const aiProvidersDelete = defineMethod({
  name: 'ai.providers.delete',
  summary: 'Remove a model provider and its stored key.',
  http: { method: 'DELETE', path: '/api/analysis/ai/models/{id}' },
  input: z.object({ id: ModelId }),
  output: z.object({ id: z.string(), deleted: z.boolean() }),
});

export const aiProvidersTest = defineMethod({
  name: 'ai.providers.test',
  summary: 'Send a tiny request to a configured model and say whether it answered.',
  http: { method: 'POST', path: '/api/analysis/ai/models/{id}/test' },
  input: z.object({ id: ModelId }),
  output: z.object({
    id: z.string(),
    ok: z.boolean(),
    latency_ms: z.number(),
    /** The model name the server says answered. */
    model: z.string().nullable(),
    message: z.string(),
    usage: TokenUsage.nullable(),
  }),
});

export const aiGenerate = defineMethod({
  name: 'ai.generate',
  summary:
    'Write an AI report of a ticker from the local data: one model, every enabled model, signed-in chat site and the rule-based writer with their consensus (`all`; chat sites not signed in are listed in `skipped` with why), or the offline rule-based writer (`rules`).',
  http: { method: 'POST', path: '/api/analysis/ai/{ticker}' },
  input: z.object({
    ticker: Ticker,
    /** A configured model id, a chat site (`chatgpt`…), `rules`, or `all`; default: the default model (`rules` until one is configured). */
    model: z.string().trim().toLowerCase().min(1).max(40).optional(),
    language: ReportLanguage.default('pt-BR'),
  }),
  output: z.object({
    ticker: Ticker,
    reports: z.array(AiReport),
    /** Models whose answer was rejected or that failed, with the typed error. */
    errors: z.array(z.object({ model: z.string(), code: z.string(), message: z.string() })),
    /** With `all`: the chat sites left out (not signed in), each with why. */
    skipped: z.array(z.object({ model: z.string(), reason: z.string() })).optional(),
    consensus: Consensus.nullable(),
  }),
});

export const aiLatest = defineMethod({
  name: 'ai.latest',
  summary: "A ticker's newest report (of one model when named); null while it has none.",
  http: { method: 'GET', path: '/api/analysis/ai/{ticker}/latest' },
  input: z.object({ ticker: Ticker, model: z.string().trim().toLowerCase().optional() }),
  // No report yet is an empty answer, not a 404 (the asset page asks on every ticker: issue 15, item 9).
  output: AiReport.nullable(),
});

export const aiHistory = defineMethod({
  name: 'ai.history',
  summary: "A ticker's reports, newest first.",
  http: { method: 'GET', path: '/api/analysis/ai/{ticker}/reports' },
  input: z.object({ ticker: Ticker, limit: z.coerce.number().int().min(1).max(500).default(50) }),
  output: z.object({ ticker: Ticker, reports: z.array(AiReportSummary) }),
});

export const aiConsensus = defineMethod({
  name: 'ai.consensus',
  summary:
    "Consensus of a ticker's latest report per model: majority recommendation, confidence, common points.",
  http: { method: 'GET', path: '/api/analysis/ai/consensus/{ticker}' },
  input: z.object({ ticker: Ticker }),
  output: Consensus,
});

const ReportId = z.coerce.number().int().positive().transform(String);

export const aiReport = defineMethod({
  name: 'ai.report',
  summary: 'One stored report with its input data, prompt, model and parameters.',
  http: { method: 'GET', path: '/api/analysis/ai/reports/{id}' },
  input: z.object({ id: ReportId }),
  output: AiReport,
});

export const aiDiff = defineMethod({
  name: 'ai.diff',
  summary: 'What changed between two reports: recommendation, targets, points made, and the data under them.',
  http: { method: 'GET', path: '/api/analysis/ai/reports/{id}/diff/{other}' },
  input: z.object({ id: ReportId, other: ReportId }),
  output: ReportDiff,
});

export const aiExport = defineMethod({
  name: 'ai.export',
  summary: 'A report as Markdown, or as PDF rendered by Chromium (base64).',
  http: { method: 'GET', path: '/api/analysis/ai/reports/{id}/export' },
  input: z.object({ id: ReportId, format: z.enum(['md', 'pdf']).default('md') }),
  output: z.object({
    id: z.string(),
    format: z.enum(['md', 'pdf']),
    filename: z.string(),
    content_type: z.string(),
    /** Markdown text, or the PDF's bytes in base64. */
    content: z.string(),
    encoding: z.enum(['utf-8', 'base64']),
  }),
});

export const aiMethods = {
  'ai.models': aiModels,
  'ai.providers.save': aiProvidersSave,
  'ai.providers.delete': aiProvidersDelete,
  'ai.providers.test': aiProvidersTest,
  'ai.generate': aiGenerate,
  'ai.latest': aiLatest,
  'ai.history': aiHistory,
  'ai.consensus': aiConsensus,
  'ai.report': aiReport,
  'ai.diff': aiDiff,
  'ai.export': aiExport,
} as const;

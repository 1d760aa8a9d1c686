import { z } from 'zod';
import type { JobType } from '../jobs/job-types';
import { isKnownSourceId, KNOWN_SOURCE_IDS } from '../jobs/source-catalogue';
import { JobPriority } from '../../contract';
import { DEFAULT_IMPORTS, ImportsSettings } from '../files/file-access';

/*
 * `<data-dir>/config.json`: the ONE description of the settings file. Loading, `b3ai config
 * validate|set`, the API (`/api/config/*`) and the JSON Schema for editors
 * (`resources/config.schema.json`, `npm run config:schema`) all come from `AppConfig` below.
 *
 * To add a category: add a `strictObject` with a `.meta({ description })` to `AppConfig`'s shape,
 * with a default, and (if it holds secrets) name its secret keys in `redact.ts`.
 */

const SOURCE_IDS = [...KNOWN_SOURCE_IDS].sort();

/** A source id from the catalogue; editors get the list, loading names an unknown one. */
const SourceId = z
  .string()
  .refine((id) => isKnownSourceId(id), {
    error: (i) => `unknown source id "${String(i.input)}" (known: ${SOURCE_IDS.join(', ')})`,
  })
  .meta({ enum: SOURCE_IDS });

export const SourceSettings = z
  .strictObject({
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(32)
      .optional()
      .meta({ description: 'Jobs of this source at once.' }),
    ratePerMinute: z
      .number()
      .positive()
      .max(6_000)
      .nullable()
      .optional()
      .meta({ description: 'Job starts per minute; null removes the limit.' }),
    timeoutMs: z
      .number()
      .int()
      .min(1_000)
      .max(3_600_000)
      .optional()
      .meta({ description: 'Per attempt, in milliseconds.' }),
    retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .meta({ description: 'HTTP retries on 429/5xx/network errors per request (default 3).' }),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
      .optional()
      .meta({ description: "Where the source's requests go instead of the site (a mirror, a proxy)." }),
    credentials: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a credential name: letters, digits, _'),
        z.string(),
      )
      .optional()
      .meta({
        description: 'Credentials by name (brapi `token`, CoinMarketCap `apiKey`); never logged or returned.',
      }),
  })
  .meta({ description: 'Limits, base URL and credentials of one data source.' });
export type SourceSettings = z.infer<typeof SourceSettings>;

const VaultSettings = z
  .strictObject({
    retentionDays: z.number().int().min(1).nullable().default(null).meta({
      description:
        'Drop raw payloads last fetched more than this many days ago (the newest per query stays).',
    }),
  })
  .meta({ description: 'The snapshot vault of raw payloads.' });

const BrowserSettings = z
  .strictObject({
    executablePath: z
      .string()
      .min(1)
      .max(1_000)
      .optional()
      .meta({
        description:
          'The Chromium-family browser (Chrome, Chromium, Edge, Brave) that browser sources drive; ' +
          'found in the standard install paths when absent (B3AI_CHROMIUM overrides those too).',
      }),
    idleCloseMs: z.number().int().min(1_000).max(3_600_000).optional().meta({
      description: "Close a source's browser after this many idle milliseconds (default 30000).",
    }),
    pageMemoryMb: z.number().int().min(64).max(8_192).optional().meta({
      description: 'The JavaScript heap one page may use, in MB (default 512); above it the page fails.',
    }),
  })
  .meta({ description: 'The browser that sources rendered with JavaScript or behind a sign-in use.' });
export type BrowserSettings = z.infer<typeof BrowserSettings>;

/** Edits of a shipped schedule (resources/schedules/default.json), by its id. */
export const ScheduleSettings = z
  .strictObject({
    enabled: z.boolean().optional(),
    cron: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'minute hour day-of-month month day-of-week' }),
    timezone: z.string().min(1).max(64).optional(),
    tickers: z.array(z.string().regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'tickers are upper-case symbols')).optional(),
    queries: z.array(z.string().min(1).max(200)).optional(),
    priority: JobPriority.optional(),
    tradingDaysOnly: z.boolean().optional(),
    runMissedOnStart: z.boolean().optional(),
  })
  .meta({ description: 'Changes to one shipped schedule; edits made in the app are applied over these.' });
export type ScheduleSettings = z.infer<typeof ScheduleSettings>;

const ScheduleId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a schedule id (kebab-case)');

/** `<data-dir>/config.json`: the user's settings over the shipped defaults. */
export const AppConfig = z
  .strictObject({
    /** Lets editors find the JSON Schema ("$schema": "…/config.schema.json"); ignored otherwise. */
    $schema: z.string().max(2_000).optional(),
    sources: z
      .record(SourceId, SourceSettings)
      .default({})
      .meta({ description: 'Per data source: limits, base URL, credentials.' }),
    vault: VaultSettings.default({ retentionDays: null }),
    imports: ImportsSettings.default(DEFAULT_IMPORTS),
    schedules: z
      .record(ScheduleId, ScheduleSettings)
      .default({})
      .meta({ description: 'Per shipped schedule: when it runs and what it fetches.' }),
    browser: BrowserSettings.default({}),
  })
  .meta({ title: 'B3 AI Analysis configuration (<data-dir>/config.json)' });
export type AppConfig = z.infer<typeof AppConfig>;

export const DEFAULT_CONFIG: AppConfig = AppConfig.parse({});

/** The top-level sections of the file, with what each holds (from the schema). */
export function configCategories(): Array<{ name: string; description: string; keys: string[] }> {
  return Object.entries(AppConfig.shape)
    .filter(([name]) => name !== '$schema')
    .map(([name, schema]) => {
      const inner = unwrap(schema);
      const keys =
        inner instanceof z.ZodObject
          ? Object.keys(inner.shape)
          : inner instanceof z.ZodRecord
            ? Object.keys((unwrap(inner.valueType as z.ZodType) as z.ZodObject).shape)
            : [];
      const description = schema.meta()?.description ?? inner.meta()?.description ?? '';
      return { name, description, keys };
    });
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  while (cur instanceof z.ZodDefault || cur instanceof z.ZodOptional || cur instanceof z.ZodNullable)
    cur = cur.unwrap() as z.ZodType;
  return cur;
}

/** The JSON Schema of the file for editors (written to resources/config.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    $comment:
      'Generated from services/core/config/app-config.ts by "npm run config:schema"; point an editor at it with "$schema".',
    ...z.toJSONSchema(AppConfig, { io: 'input', unrepresentable: 'any' }),
  };
}

/** The job types with the configured per-source concurrency, rate and timeout applied. */
export function applySourceLimits(types: readonly JobType[], config: AppConfig): JobType[] {
  return types.map((t) => ({ ...t, ...limitsOf(t, config, t.source) }));
}

function limitsOf(
  base: Pick<JobType, 'concurrency' | 'ratePerMinute' | 'timeoutMs'>,
  config: AppConfig,
  source: string,
): Pick<JobType, 'concurrency' | 'ratePerMinute' | 'timeoutMs'> {
  const o = Object.hasOwn(config.sources, source) ? config.sources[source] : undefined;
  return {
    concurrency: o?.concurrency ?? base.concurrency,
    ratePerMinute: o?.ratePerMinute !== undefined ? o.ratePerMinute : base.ratePerMinute,
    timeoutMs: o?.timeoutMs ?? base.timeoutMs,
  };
}

/**
 * Live limits: remembers each job type's shipped limits, and `apply(config)` sets the configured
 * ones on the very objects the queue and the runner hold (a removed setting goes back to the shipped
 * value). Returns the sources whose limits changed.
 */
export function liveSourceLimits(types: readonly JobType[]): { apply(config: AppConfig): string[] } {
  const base = new Map(
    types.map((t) => [
      t.source,
      { concurrency: t.concurrency, ratePerMinute: t.ratePerMinute, timeoutMs: t.timeoutMs },
    ]),
  );
  return {
    apply(config) {
      const changed: string[] = [];
      for (const t of types) {
        const next = limitsOf(base.get(t.source)!, config, t.source);
        if (
          next.concurrency !== t.concurrency ||
          next.ratePerMinute !== t.ratePerMinute ||
          next.timeoutMs !== t.timeoutMs
        ) {
          Object.assign(t, next);
          changed.push(t.source);
        }
      }
      return changed;
    },
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../contract';
import type { JobType } from '../jobs/job-types';
import { KNOWN_SOURCE_IDS } from '../jobs/source-catalogue';

const SourceLimits = z.strictObject({
  concurrency: z.number().int().min(1).max(32).optional(),
  /** Starts per minute; null removes the limit. */
  ratePerMinute: z.number().positive().max(6_000).nullable().optional(),
  timeoutMs: z.number().int().min(1_000).max(3_600_000).optional(),
  /** HTTP retries on 429/5xx/network errors per request (default 3). */
  retries: z.number().int().min(0).max(10).optional(),
  /** Where the source's requests go instead of the site (a mirror, a proxy, the tests' replay server). */
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** The source's credentials by name (e.g. brapi `token`); never logged or returned by the API. */
  credentials: z.record(z.string(), z.string()).optional(),
});

const VaultConfig = z.strictObject({
  /** Drop raw payloads last fetched more than this many days ago (the newest per query is always kept). */
  retentionDays: z.number().int().min(1).nullable().default(null),
});

/** `<data-dir>/config.json`: the user's settings over the shipped defaults. */
export const AppConfig = z.strictObject({
  sources: z.record(z.string(), SourceLimits).default({}),
  vault: VaultConfig.default({ retentionDays: null }),
});
export type AppConfig = z.infer<typeof AppConfig>;

const DEFAULT_CONFIG: AppConfig = { sources: {}, vault: { retentionDays: null } };

export interface LoadedConfig {
  config: AppConfig;
  /** Problems found, each naming the file and the setting; the defaults apply where a setting is wrong. */
  errors: string[];
}

export function loadAppConfig(dataDir: string): LoadedConfig {
  const file = join(dataDir, 'config.json');
  if (!existsSync(file)) return { config: DEFAULT_CONFIG, errors: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return {
      config: DEFAULT_CONFIG,
      errors: [`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)}); using the defaults`],
    };
  }
  const parsed = AppConfig.safeParse(raw);
  if (!parsed.success)
    return {
      config: DEFAULT_CONFIG,
      errors: [`${file}: ${describeZodError(parsed.error).message}; using the defaults`],
    };
  const errors = Object.keys(parsed.data.sources)
    .filter((id) => !KNOWN_SOURCE_IDS.has(id))
    .map((id) => `${file}: sources.${id}: unknown source id`);
  return { config: parsed.data, errors };
}

/** The job types with the configured per-source concurrency, rate and timeout applied. */
export function applySourceLimits(types: readonly JobType[], config: AppConfig): JobType[] {
  return types.map((t) => {
    const o = config.sources[t.source];
    if (!o) return t;
    return {
      ...t,
      ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
      ...(o.ratePerMinute !== undefined ? { ratePerMinute: o.ratePerMinute } : {}),
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    };
  });
}

import { z } from 'zod';
import { defineMethod } from '../define';

/** A problem in config.json, named by its key path (`sources.cotahist.concurrency`). */
export const ConfigIssue = z.object({ path: z.string(), message: z.string() });
export type ConfigIssue = z.infer<typeof ConfigIssue>;

const Empty = z.object({});

export const configStatus = defineMethod({
  name: 'config.status',
  summary: 'The configuration in force: file, when it was loaded, whether it is valid, sources configured.',
  http: { method: 'GET', path: '/api/config/status' },
  input: Empty,
  output: z.object({
    file: z.string(),
    exists: z.boolean(),
    loaded_at: z.string(),
    valid: z.boolean(),
    errors: z.array(ConfigIssue),
    warnings: z.array(ConfigIssue),
    sources_configured: z.array(z.string()),
    schedules_configured: z.array(z.string()),
    last_reload: z
      .object({ at: z.string(), ok: z.boolean(), trigger: z.string(), errors: z.array(ConfigIssue) })
      .nullable(),
  }),
});

export const configValidate = defineMethod({
  name: 'config.validate',
  summary: 'Check config.json as it is on disk now, without applying it; each error names its key path.',
  http: { method: 'GET', path: '/api/config/validate' },
  input: Empty,
  output: z.object({
    valid: z.boolean(),
    /** Data sources in this build, each configured by the file or by its defaults. */
    scrapers_count: z.number().int(),
    warnings: z.array(ConfigIssue),
    errors: z.array(ConfigIssue),
    file: z.string(),
    exists: z.boolean(),
  }),
});

export const configReload = defineMethod({
  name: 'config.reload',
  summary:
    'Re-read config.json and apply it live (limits, base URLs, credentials, schedules, vault retention); an invalid file is refused (INVALID_CONFIG) and the old settings stay.',
  http: { method: 'POST', path: '/api/config/reload' },
  input: Empty,
  output: z.object({
    reloaded: z.boolean(),
    /** Key paths whose values changed (values are never shown). */
    changed: z.array(z.string()),
    /** What the running app did about it. */
    applied: z.array(z.string()),
    warnings: z.array(ConfigIssue),
    loaded_at: z.string(),
  }),
});

export const configAll = defineMethod({
  name: 'config.all',
  summary:
    'Every setting in force (the file over the defaults), secrets redacted, and each source’s effective settings.',
  http: { method: 'GET', path: '/api/config/all' },
  input: Empty,
  output: z.object({
    file: z.string(),
    loaded_at: z.string(),
    /** The settings as loaded, with credentials, keys and tokens replaced by "[redacted]". */
    config: z.record(z.string(), z.unknown()),
    sources: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        category: z.string(),
        base_url: z.string(),
        concurrency: z.number().int(),
        rate_per_minute: z.number().nullable(),
        timeout_ms: z.number().int().nullable(),
        retries: z.number().int().nullable(),
        credentials: z.array(z.object({ name: z.string(), optional: z.boolean(), configured: z.boolean() })),
      }),
    ),
  }),
});

export const configCategories = defineMethod({
  name: 'config.categories',
  summary: 'The sections of config.json (what each holds) and the data sources by category.',
  http: { method: 'GET', path: '/api/config/categories' },
  input: Empty,
  output: z.object({
    categories: z.array(
      z.object({
        name: z.string(),
        description: z.string(),
        keys: z.array(z.string()),
        /** Entries the file sets in this section. */
        configured: z.number().int(),
      }),
    ),
    source_categories: z.array(z.object({ category: z.string(), sources: z.array(z.string()) })),
  }),
});

export const configSchema = defineMethod({
  name: 'config.schema',
  summary: 'The JSON Schema of config.json (for editors: "$schema"), generated from the one zod schema.',
  http: { method: 'GET', path: '/api/config/schema' },
  input: Empty,
  output: z.record(z.string(), z.unknown()),
});

export const configMethods = {
  'config.status': configStatus,
  'config.validate': configValidate,
  'config.reload': configReload,
  'config.all': configAll,
  'config.categories': configCategories,
  'config.schema': configSchema,
} as const;

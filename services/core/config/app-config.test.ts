import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_JOB_TYPES } from '../jobs/job-types';
import { defaultResourcesDir } from '../storage/migrations';
import {
  AppConfig,
  applySourceLimits,
  configCategories,
  configJsonSchema,
  DEFAULT_CONFIG,
  liveSourceLimits,
} from './app-config';

describe('config.json schema', () => {
  it('defaults: no sources, no retention, no schedule edits', () => {
    expect(DEFAULT_CONFIG).toEqual({
      sources: {},
      vault: { retentionDays: null },
      imports: { allowedDirs: [], maxUploadBytes: 1024 ** 3 },
      schedules: {},
      browser: {},
    });
  });

  it('the committed resources/config.schema.json is the one generated from the zod schema', () => {
    const file = join(defaultResourcesDir(), 'config.schema.json');
    const committed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    // Regenerate with `npm run config:schema` after changing app-config.ts.
    expect(committed).toEqual(configJsonSchema());
    const props = (configJsonSchema().properties ?? {}) as Record<
      string,
      { propertyNames?: { enum?: string[] } }
    >;
    expect(props.sources?.propertyNames?.enum).toContain('brapi');
  });

  it('names every category of the file, with its keys and description', () => {
    const cats = configCategories();
    expect(cats.map((c) => c.name)).toEqual(['sources', 'vault', 'imports', 'schedules', 'browser']);
    expect(cats.find((c) => c.name === 'sources')?.keys).toEqual([
      'concurrency',
      'ratePerMinute',
      'timeoutMs',
      'retries',
      'baseUrl',
      'credentials',
    ]);
    expect(cats.find((c) => c.name === 'vault')).toMatchObject({
      keys: ['retentionDays'],
      description: expect.stringMatching(/vault/) as unknown,
    });
  });

  it('accepts "$schema" (editors) and refuses unknown keys and source ids', () => {
    expect(AppConfig.safeParse({ $schema: './config.schema.json' }).success).toBe(true);
    expect(AppConfig.safeParse({ extra: 1 }).success).toBe(false);
    const bad = AppConfig.safeParse({ sources: { fundamentos: {} } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(/unknown source id \\"fundamentos\\"/);
  });
});

describe('per-source limits', () => {
  it('overrides a source’s concurrency, rate and timeout', () => {
    const config = AppConfig.parse({
      sources: { cotahist: { concurrency: 2, ratePerMinute: null, timeoutMs: 5000 } },
    });
    const cotahist = applySourceLimits(BUILT_IN_JOB_TYPES, config).find((t) => t.source === 'cotahist');
    expect(cotahist).toMatchObject({ concurrency: 2, ratePerMinute: null, timeoutMs: 5000 });
    expect(typeof cotahist?.execute).toBe('function');
  });

  it('live: sets the limits on the job types in place, and a removed setting goes back to the shipped value', () => {
    const types = BUILT_IN_JOB_TYPES.map((t) => ({ ...t }));
    const selftest = types.find((t) => t.source === 'selftest')!;
    const shipped = { concurrency: selftest.concurrency, timeoutMs: selftest.timeoutMs };
    const limits = liveSourceLimits(types);
    expect(
      limits.apply(AppConfig.parse({ sources: { selftest: { concurrency: 1, timeoutMs: 2000 } } })),
    ).toEqual(['selftest']);
    expect(selftest).toMatchObject({ concurrency: 1, timeoutMs: 2000 });
    expect(
      limits.apply(AppConfig.parse({ sources: { selftest: { concurrency: 1, timeoutMs: 2000 } } })),
    ).toEqual([]);
    expect(limits.apply(DEFAULT_CONFIG)).toEqual(['selftest']);
    expect(selftest).toMatchObject(shipped);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_JOB_TYPES } from '../jobs/job-types';
import { applySourceLimits, loadAppConfig } from './app-config';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('app config (per-source limits)', () => {
  it('uses the defaults without a config file', () => {
    expect(loadAppConfig(dir)).toEqual({
      config: { sources: {}, vault: { retentionDays: null } },
      errors: [],
    });
  });

  it('overrides a source’s concurrency, rate and timeout', () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ sources: { cotahist: { concurrency: 2, ratePerMinute: null, timeoutMs: 5000 } } }),
    );
    const { config, errors } = loadAppConfig(dir);
    expect(errors).toEqual([]);
    const cotahist = applySourceLimits(BUILT_IN_JOB_TYPES, config).find((t) => t.source === 'cotahist');
    expect(cotahist).toMatchObject({ concurrency: 2, ratePerMinute: null, timeoutMs: 5000 });
    expect(typeof cotahist?.execute).toBe('function');
  });

  it('names the setting that is wrong and keeps the defaults', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ sources: { cotahist: { concurrency: 0 } } }));
    expect(loadAppConfig(dir).errors[0]).toMatch(
      /config\.json: sources\.cotahist\.concurrency: .*; using the defaults/,
    );
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ sources: { fundamentos: { concurrency: 1 } } }));
    expect(loadAppConfig(dir).errors).toEqual([
      `${join(dir, 'config.json')}: sources.fundamentos: unknown source id`,
    ]);
    writeFileSync(join(dir, 'config.json'), '{ nope');
    expect(loadAppConfig(dir).errors[0]).toMatch(/not valid JSON/);
  });
});

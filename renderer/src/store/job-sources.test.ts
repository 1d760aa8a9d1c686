import { describe, expect, it } from 'vitest';
import type { ScraperEntry } from '../../../services/contract';
import { BUILT_IN_JOB_SOURCES, runnableSources } from './job-sources';

const entry = (id: string, enabled = true): ScraperEntry => ({
  id,
  name: id,
  url: '',
  category: 'x',
  models: [],
  requires_login: false,
  uses_browser: false,
  enabled,
  credentials: [],
  base_url: '',
  rate_per_minute: 1,
  aliases: [],
});

describe('runnableSources', () => {
  it('offers the built-in job types, then the enabled sources', () => {
    expect(runnableSources([entry('fundamentus'), entry('bcb', false), entry('b3-cotahist')])).toEqual([
      'selftest',
      'cotahist',
      'fundamentus',
      'b3-cotahist',
    ]);
    expect(runnableSources([])).toEqual([...BUILT_IN_JOB_SOURCES]);
  });
});

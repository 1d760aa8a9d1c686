import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { isChatSite } from '../../sources/chat-sites';
import { ALL_SOURCES, createRegistry } from '../../sources/registry';
import { SOURCE_CATALOGUE } from '../jobs/source-catalogue';
import fundamentus from '../../sources/fundamentus';
import cvm from '../../sources/cvm';
import { planJob } from './source-jobs';

describe('planJob: what a job asks of a source', () => {
  it('a ticker runs every model that takes one', () => {
    expect(planJob(fundamentus, 'wege3', null)).toEqual([
      { model: 'fundamentals', query: { ticker: 'WEGE3' } },
      { model: 'dividends', query: { ticker: 'WEGE3' } },
    ]);
  });

  it('a model prefix picks one model and its primary field takes a bare value', () => {
    expect(planJob(fundamentus, null, 'fundamentals:PETR4')).toEqual([
      { model: 'fundamentals', query: { ticker: 'PETR4' } },
    ]);
    expect(planJob(cvm, null, 'statements:year=2023&series=ITR')).toEqual([
      { model: 'statements', query: { year: 2023, series: 'ITR' } },
    ]);
  });

  it('no ticker and no query runs the canary', () => {
    expect(planJob(cvm, null, null)).toEqual([
      { model: cvm.info.canary.model, query: cvm.info.canary.query },
    ]);
  });

  it('refuses, naming the field: a model the source lacks, a missing required field, a bad key', () => {
    expect(() => planJob(fundamentus, null, 'macro-series:432')).toThrow(
      /serves fundamentals, dividends, screener, not macro-series/,
    );
    expect(() => planJob(cvm, null, 'statements:series=DFP')).toThrow(
      /^query: cvm statements: year is required: query "statements:year=\d{4}"$/,
    );
    expect(() => planJob(cvm, null, 'statements:yaer=2023')).toThrow(/"yaer=2023" is not key=value/);
    expect(() => planJob(cvm, 'PETR4', null)).toThrow(/takes no ticker/);
  });
});

describe('the source catalogue', () => {
  it('knows every source of this build by id', () => {
    const ids = SOURCE_CATALOGUE.map((e) => e.id);
    for (const s of ALL_SOURCES) expect(ids, s.info.id).toContain(s.info.id);
  });
});

describe('the shipped schedules', () => {
  it('queue only jobs their sources accept (bcb: the 14 SGS series, each its own job)', () => {
    const registry = createRegistry();
    const file = JSON.parse(readFileSync(join(RESOURCES_DIR, 'schedules', 'default.json'), 'utf8')) as {
      schedules: { id: string; sources: string[]; tickers: string[]; queries?: string[] }[];
    };
    let checked = 0;
    for (const s of file.schedules) {
      for (const id of s.sources) {
        const source = registry.get(id);
        // A chat site in a schedule is an AI report job (services/core/ai/ai-job.ts), not a fetch.
        if (!source || isChatSite(id)) continue;
        for (const ticker of s.tickers.length ? s.tickers : [null]) {
          for (const query of s.queries?.length ? s.queries : [null]) {
            expect(() => planJob(source, ticker, query), `${s.id} ${id} ${ticker} ${query}`).not.toThrow();
            checked++;
          }
        }
      }
    }
    const bcb = file.schedules.find((s) => s.id === 'bcb-daily')!;
    expect(bcb.queries?.map((q) => Number(q.split(':')[1])).sort((a, b) => a - b)).toEqual([
      1, 11, 189, 432, 433, 4189, 4380, 4391, 10813, 13522, 13621, 21619, 24369, 28763,
    ]);
    expect(checked).toBeGreaterThan(14);
  });
});

import { describe, expect, it } from 'vitest';
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
    expect(() => planJob(cvm, null, 'statements:series=DFP')).toThrow(/needs year/);
    expect(() => planJob(cvm, null, 'statements:yaer=2023')).toThrow(/"yaer=2023" is not key=value/);
    expect(() => planJob(cvm, 'PETR4', null)).toThrow(/takes no ticker/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  compareTickersFromHash,
  hashForCompare,
  hashForReports,
  hashForTicker,
  hashForView,
  reportsTickerFromHash,
  tickerFromHash,
  viewFromHash,
  VIEWS,
} from './hash-route';

describe('hash route', () => {
  it('round-trips a ticker', () => {
    expect(hashForTicker('PETR4')).toBe('#/asset/PETR4');
    expect(tickerFromHash('#/asset/PETR4')).toBe('PETR4');
    expect(tickerFromHash('#/asset/taee11/')).toBe('TAEE11');
  });

  it('ignores anything else', () => {
    expect(tickerFromHash('')).toBeNull();
    expect(tickerFromHash('#/')).toBeNull();
    expect(tickerFromHash('#/asset/')).toBeNull();
    expect(tickerFromHash('#/asset/PE')).toBeNull();
    expect(tickerFromHash('#/asset/PETR4/x')).toBeNull();
    expect(tickerFromHash('#/jobs')).toBeNull();
    expect(hashForTicker(null)).toBe('');
  });

  it('tells the jobs view from the asset view', () => {
    expect(viewFromHash('#/jobs')).toBe('jobs');
    expect(viewFromHash('#/jobs/')).toBe('jobs');
    expect(viewFromHash('#/asset/PETR4')).toBe('assets');
    expect(viewFromHash('')).toBe('home');
    expect(viewFromHash('#/')).toBe('home');
    expect(viewFromHash('#/home')).toBe('home');
    expect(viewFromHash('#/asset')).toBe('assets');
    expect(hashForView('home', 'PETR4')).toBe('#/home');
    expect(viewFromHash('#/jobsx')).toBe('assets');
    expect(hashForView('jobs', 'PETR4')).toBe('#/jobs');
    expect(hashForView('assets', 'PETR4')).toBe('#/asset/PETR4');
    expect(hashForView('assets', null)).toBe('#/asset');
  });

  it('tells the sources view apart', () => {
    expect(viewFromHash('#/sources')).toBe('sources');
    expect(viewFromHash('#/sources/')).toBe('sources');
    expect(viewFromHash('#/sourcesx')).toBe('assets');
    expect(hashForView('sources', 'PETR4')).toBe('#/sources');
    expect(tickerFromHash('#/sources')).toBeNull();
  });

  it('routes the compare view, with or without tickers, and the screener', () => {
    expect(viewFromHash('#/compare')).toBe('compare');
    expect(viewFromHash('#/compare/')).toBe('compare');
    expect(viewFromHash('#/compare/PETR4,VALE3')).toBe('compare');
    expect(viewFromHash('#/comparex')).toBe('assets');
    expect(viewFromHash('#/screener')).toBe('screener');
    expect(viewFromHash('#/screener/')).toBe('screener');
    expect(hashForView('compare', 'PETR4')).toBe('#/compare');
    expect(hashForView('screener', null)).toBe('#/screener');
    expect(compareTickersFromHash('#/compare/petr4,VALE3,')).toEqual(['PETR4', 'VALE3']);
    expect(compareTickersFromHash('#/compare')).toEqual([]);
    expect(compareTickersFromHash('#/jobs')).toEqual([]);
    expect(hashForCompare(['PETR4', 'BZ=F'])).toBe('#/compare/PETR4,BZ%3DF');
    expect(hashForCompare([])).toBe('#/compare');
  });

  it('routes the reports view, with or without a ticker, and the settings', () => {
    expect(viewFromHash('#/reports')).toBe('reports');
    expect(viewFromHash('#/reports/')).toBe('reports');
    expect(viewFromHash('#/reports/wege3')).toBe('reports');
    expect(viewFromHash('#/reports/WEGE3/')).toBe('reports');
    expect(viewFromHash('#/reportsx')).toBe('assets');
    expect(viewFromHash('#/reports/PE')).toBe('assets');
    expect(viewFromHash('#/reports/PETR4/x')).toBe('assets');
    expect(viewFromHash('#/settings')).toBe('settings');
    expect(viewFromHash('#/settings/')).toBe('settings');
    expect(viewFromHash('#/settingsx')).toBe('assets');
    expect(reportsTickerFromHash('#/reports/wege3')).toBe('WEGE3');
    expect(reportsTickerFromHash('#/reports')).toBeNull();
    expect(reportsTickerFromHash('#/asset/WEGE3')).toBeNull();
    expect(hashForReports('WEGE3')).toBe('#/reports/WEGE3');
    expect(hashForReports(null)).toBe('#/reports');
    expect(hashForView('reports', 'PETR4')).toBe('#/reports');
    expect(hashForView('settings', 'PETR4')).toBe('#/settings');
    expect(tickerFromHash('#/reports/PETR4')).toBeNull();
  });
});

describe('VIEWS', () => {
  it('lists every view once, each with its own route', () => {
    expect(new Set(VIEWS).size).toBe(VIEWS.length);
    for (const v of VIEWS) expect(viewFromHash(hashForView(v, 'PETR4'))).toBe(v);
  });
});

describe('macro and Tesouro routes', () => {
  it('#/macro and #/tesouro are views of their own, both ways', () => {
    expect(viewFromHash('#/macro')).toBe('macro');
    expect(viewFromHash('#/tesouro/')).toBe('tesouro');
    expect(viewFromHash('#/macroX')).toBe('assets');
    expect(hashForView('macro', 'PETR4')).toBe('#/macro');
    expect(hashForView('tesouro', null)).toBe('#/tesouro');
  });
});

import { describe, expect, it } from 'vitest';
import { currentSection, hashForSection, sectionFromHash } from './asset-sections';
import { tickerFromHash, viewFromHash } from './hash-route';

describe('asset page sections', () => {
  it('links each section under the ticker’s route, and reads it back', () => {
    expect(hashForSection('PETR4', 'valuation')).toBe('#/asset/PETR4/valuation');
    expect(sectionFromHash('#/asset/PETR4/valuation')).toBe('valuation');
    expect(tickerFromHash('#/asset/petr4/dividends')).toBe('PETR4');
    expect(viewFromHash('#/asset/PETR4/news')).toBe('assets');
  });

  it('ignores unknown or missing sections, keeping the ticker', () => {
    expect(sectionFromHash('#/asset/PETR4')).toBeNull();
    expect(sectionFromHash('#/asset/PETR4/nope')).toBeNull();
    expect(tickerFromHash('#/asset/PETR4/nope')).toBe('PETR4');
    expect(tickerFromHash('#/asset/PETR4/../x')).toBeNull();
    expect(sectionFromHash('#/compare/PETR4')).toBeNull();
  });

  it('names the section being read: the last one scrolled above the line', () => {
    const tops = [
      { section: 'summary' as const, top: -900 },
      { section: 'chart' as const, top: -300 },
      { section: 'indicators' as const, top: 150 },
      { section: 'valuation' as const, top: 900 },
    ];
    expect(currentSection(tops, 160)).toBe('indicators');
    expect(currentSection(tops, 100)).toBe('chart');
    expect(
      currentSection(
        tops.map((t) => ({ ...t, top: t.top + 2000 })),
        160,
      ),
    ).toBe('summary');
    expect(currentSection([], 160)).toBeNull();
    // Scrolled to the end: the last section, even when it is too short to reach the line.
    expect(currentSection(tops, 160, true)).toBe('valuation');
    // …but not on a page too short to scroll at all.
    expect(
      currentSection(
        tops.map((t) => ({ ...t, top: t.top + 2000 })),
        160,
        true,
      ),
    ).toBe('summary');
  });
});

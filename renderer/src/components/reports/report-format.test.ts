import { describe, expect, it } from 'vitest';
import { normalizeSpaces } from '../../i18n/format';
import { formatDataValue, isLink, scalePositions, upsidePct } from './report-format';

describe('report formatting', () => {
  it('formats a data point by its unit', () => {
    const f = (value: number | string | null, unit: Parameters<typeof formatDataValue>[0]['unit']) =>
      normalizeSpaces(formatDataValue({ value, unit }, 'pt-BR'));
    expect(f(46.48, 'BRL')).toBe('R$ 46,48');
    expect(f(4.831295, 'pct')).toBe('4,83%');
    expect(f(31.03, 'ratio')).toBe('31,03');
    expect(f(1234, 'count')).toBe('1.234');
    expect(f('2026-07-03', 'date')).toBe('03/07/2026');
    expect(f('UP', 'text')).toBe('UP');
    expect(f(null, 'BRL')).toBe('—');
    expect(formatDataValue({ value: 0.125, unit: null }, 'en')).toBe('0.125');
  });

  it('computes the upside against the price, and none without a price', () => {
    expect(upsidePct(55, 50)).toBeCloseTo(10, 10);
    expect(upsidePct(11.95, 46.48)).toBeCloseTo(-74.29, 2);
    expect(upsidePct(10, null)).toBeNull();
    expect(upsidePct(10, 0)).toBeNull();
  });

  it('places values on a padded scale, lowest left and highest right', () => {
    const pos = scalePositions([20, 30, 40, 46.48]);
    expect(pos(20)).toBeGreaterThan(0);
    expect(pos(20)).toBeLessThan(10);
    expect(pos(46.48)).toBeGreaterThan(90);
    expect(pos(46.48)).toBeLessThan(100);
    expect(pos(30)).toBeLessThan(pos(40));
    expect(scalePositions([5, 5])(5)).toBe(50);
    expect(scalePositions([])(1)).toBe(50);
  });

  it('tells links from other details', () => {
    expect(isLink('https://valor.globo.com/a')).toBe(true);
    expect(isLink('potencial -74.3%')).toBe(false);
    expect(isLink(null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatInteger,
  formatMoney,
  formatPrice,
  formatVolume,
  normalizeSpaces,
  parseIsoDate,
} from './format';

describe('formatMoney', () => {
  it('formats reais in pt-BR with a no-break space after R$', () => {
    expect(formatMoney(29.1, 'pt-BR')).toBe('R$\u00a029,10');
    expect(normalizeSpaces(formatMoney(1234.56, 'pt-BR'))).toBe('R$ 1.234,56');
    expect(normalizeSpaces(formatMoney(-0.5, 'pt-BR'))).toBe('-R$ 0,50');
  });

  it('formats reais in English', () => {
    expect(formatMoney(29.1, 'en')).toBe('R$29.10');
    expect(formatMoney(1234.56, 'en')).toBe('R$1,234.56');
  });
});

describe('formatVolume', () => {
  it('writes the full value with thousands separators', () => {
    expect(normalizeSpaces(formatVolume(2498432530, 'pt-BR'))).toBe('R$ 2.498.432.530,00');
    expect(formatVolume(2498432530, 'en')).toBe('R$2,498,432,530.00');
  });

  it('writes a compact value', () => {
    expect(normalizeSpaces(formatVolume(2498432530, 'pt-BR', 'compact'))).toBe('R$ 2,5 bi');
    expect(formatVolume(2498432530, 'en', 'compact')).toBe('R$2.5B');
  });
});

describe('formatDate', () => {
  it('formats ISO dates without time-zone shifts', () => {
    expect(formatDate('2021-06-25', 'pt-BR')).toBe('25/06/2021');
    expect(formatDate('2021-06-25', 'en')).toBe('06/25/2021');
    expect(formatDate('2021-01-01', 'pt-BR')).toBe('01/01/2021');
    expect(formatDate('2020-12-31', 'en')).toBe('12/31/2020');
  });

  it('leaves non-ISO strings alone', () => {
    expect(formatDate('yesterday', 'pt-BR')).toBe('yesterday');
    expect(parseIsoDate('2021-6-25')).toBeNull();
  });
});

describe('numbers', () => {
  it('formats prices and counts per locale', () => {
    expect(formatPrice(29.1, 'pt-BR')).toBe('29,10');
    expect(formatPrice(1234.5, 'en')).toBe('1,234.50');
    expect(formatInteger(1234567, 'pt-BR')).toBe('1.234.567');
    expect(formatInteger(1234567, 'en')).toBe('1,234,567');
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeSpaces } from './format';
import { formatFundamental } from './format-fundamental';

const f = (...a: Parameters<typeof formatFundamental>): string => normalizeSpaces(formatFundamental(...a));

describe('formatFundamental', () => {
  it('writes reais, compact from a million', () => {
    expect(f(46.48, 'BRL', 'pt-BR')).toBe('R$ 46,48');
    expect(f(46.48, 'BRL', 'en')).toBe('R$46.48');
    expect(f(195_000_000_000, 'BRL', 'pt-BR')).toBe('R$ 195 bi');
    expect(f(37_123_000_000, 'BRL', 'pt-BR')).toBe('R$ 37,1 bi');
    expect(f(37_123_000_000, 'BRL', 'pt-BR', 'full')).toBe('R$ 37.123.000.000,00');
    expect(f(-2_500_000, 'BRL', 'en')).toBe('-R$2.5M');
  });

  it('writes percentage points, ratios, counts and dates', () => {
    expect(f(12.3, 'pct', 'pt-BR')).toBe('12,3%');
    expect(f(-0.456, 'pct', 'en')).toBe('-0.46%');
    expect(f(31.03, 'ratio', 'pt-BR')).toBe('31,03');
    expect(f(31, 'ratio', 'en')).toBe('31.00');
    expect(f(4_197_317_998, 'count', 'pt-BR')).toBe('4.197.317.998');
    expect(f('2024-06-28', 'date', 'pt-BR')).toBe('28/06/2024');
    expect(f('2024-06-28', 'date', 'en')).toBe('06/28/2024');
  });

  it('shows null as a dash and a mismatched value as it came', () => {
    expect(f(null, 'BRL', 'pt-BR')).toBe('—');
    expect(f('Máquinas e Equipamentos', 'text', 'pt-BR')).toBe('Máquinas e Equipamentos');
    expect(f('n/d', 'ratio', 'pt-BR')).toBe('n/d');
  });
});

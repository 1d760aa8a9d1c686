import { describe, expect, it } from 'vitest';
import {
  formatBRL,
  formatBRLPerShare,
  formatCount,
  formatMultiple,
  formatNumber,
  formatPct,
  formatPlain,
  formatSigned,
} from './format-number';
import { formatProvenance, formatTimestamp, formatValue } from './format-value';
import { dp } from './prompt-fixtures';

describe('number formatting', () => {
  it('groups thousands and uses the language separators', () => {
    expect(formatNumber(1234567.891, 2, 'pt-BR')).toBe('1.234.567,89');
    expect(formatNumber(1234567.891, 2, 'en')).toBe('1,234,567.89');
    expect(formatNumber(999.5, 0, 'pt-BR')).toBe('1.000');
    expect(formatNumber(-0.001, 2, 'pt-BR')).toBe('0,00');
    expect(formatNumber(-12.5, 1, 'en')).toBe('-12.5');
  });

  it('formats reais, scaling millions and up', () => {
    expect(formatBRL(46.48, 'pt-BR')).toBe('R$ 46,48');
    expect(formatBRL(11.948326242616579, 'en')).toBe('R$ 11.95');
    expect(formatBRL(329062000, 'pt-BR')).toBe('R$ 329,06 mi');
    expect(formatBRL(195091000000, 'pt-BR')).toBe('R$ 195,09 bi');
    expect(formatBRL(195091000000, 'en')).toBe('R$ 195.09 bn');
    expect(formatBRL(-3293290000, 'pt-BR')).toBe('-R$ 3,29 bi');
    expect(formatBRL(2.5e12, 'pt-BR')).toBe('R$ 2,50 tri');
    expect(formatBRL(-0.001, 'pt-BR')).toBe('R$ 0,00');
  });

  it('keeps up to four decimals for amounts per share', () => {
    expect(formatBRLPerShare(2.1776, 'pt-BR')).toBe('R$ 2,1776');
    expect(formatBRLPerShare(0.104, 'en')).toBe('R$ 0.104');
    expect(formatBRLPerShare(1.5, 'pt-BR')).toBe('R$ 1,50');
    expect(formatBRLPerShare(1234.5, 'pt-BR')).toBe('R$ 1.234,50');
    expect(formatBRLPerShare(-0.25, 'pt-BR')).toBe('-R$ 0,25');
    expect(formatValue(dp('div.last', 0.1044, 'BRL'), 'pt-BR')).toBe('R$ 0,1044');
    expect(formatValue(dp('val.barsi', 11.948326, 'BRL'), 'pt-BR')).toBe('R$ 11,95');
  });

  it('formats percents, multiples, signs and counts', () => {
    expect(formatPct(4.7, 'pt-BR')).toBe('4,70%');
    expect(formatPct(-55.91891375, 'en', { decimals: 1, signed: true })).toBe('-55.9%');
    expect(formatPct(12.34, 'pt-BR', { decimals: 1, signed: true })).toBe('+12,3%');
    expect(formatMultiple(31.03, 'pt-BR')).toBe('31,03x');
    expect(formatSigned(0.45, 2, 'pt-BR')).toBe('+0,45');
    expect(formatSigned(0.001, 2, 'pt-BR')).toBe('0,00');
    expect(formatSigned(-0.3, 2, 'en')).toBe('-0.30');
    expect(formatPlain(0.0123, 'pt-BR')).toBe('0,0123');
    expect(formatPlain(58.234, 'pt-BR')).toBe('58,23');
    expect(formatCount(12000, 'pt-BR')).toBe('12.000');
    expect(formatCount(2.5, 'en')).toBe('2.50');
  });
});

describe('data point values', () => {
  it('formats by unit and group', () => {
    expect(formatValue(dp('fund.pl', 31.03, 'ratio'), 'pt-BR')).toBe('31,03x');
    expect(formatValue(dp('comp.net_debt_to_equity', -0.19, 'ratio'), 'en')).toBe('-0.19x');
    expect(formatValue(dp('tech.rsi_14', 58.234, 'ratio'), 'pt-BR')).toBe('58,23');
    expect(formatValue(dp('news.1', 0.45, 'ratio'), 'pt-BR')).toBe('+0,45');
    expect(formatValue(dp('div.yield_12m', 4.685025817555939, 'pct'), 'pt-BR')).toBe('4,69%');
    expect(formatValue(dp('div.years_paid_5y', 5, 'count'), 'pt-BR')).toBe('5');
    expect(formatValue(dp('tech.trend', 'UP', 'text'), 'pt-BR')).toBe('UP');
    expect(formatValue(dp('fund.x', null, null), 'pt-BR')).toBe('n/d');
    expect(formatValue(dp('fund.x', null, null), 'en')).toBe('n/a');
    expect(formatValue(dp('fund.x', 3.14159, null), 'en')).toBe('3.14');
  });

  it('writes provenance and timestamps', () => {
    expect(formatProvenance({ source: 'fundamentus', as_of: '2026-07-03' })).toBe(
      '(fundamentus, 2026-07-03)',
    );
    expect(formatProvenance({ source: null, as_of: '2026-07-03' })).toBe('(2026-07-03)');
    expect(formatProvenance({ source: null, as_of: null })).toBe('');
    expect(formatTimestamp('2026-11-29T04:00:16.191Z')).toBe('2026-11-29 04:00 UTC');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
});

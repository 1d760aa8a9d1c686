import { describe, expect, it } from 'vitest';
import { normalizeSpaces } from './format';
import { formatAgo, formatDateTime, formatDuration, formatFullDateTime, formatRate } from './format-time';

describe('formatRate', () => {
  it('formats a percentage from the API with Intl', () => {
    expect(formatRate(66.6666, 'pt-BR')).toBe('66,67%');
    expect(formatRate(66.6666, 'en')).toBe('66.67%');
    expect(formatRate(100, 'pt-BR')).toBe('100%');
    expect(formatRate(0, 'en')).toBe('0%');
  });
});

describe('formatDuration', () => {
  it('picks ms, s or min by size', () => {
    expect(normalizeSpaces(formatDuration(0.004, 'pt-BR'))).toBe('4 ms');
    expect(normalizeSpaces(formatDuration(1.5, 'pt-BR'))).toBe('1,5 s');
    expect(normalizeSpaces(formatDuration(1.5, 'en'))).toBe('1.5 sec');
    expect(normalizeSpaces(formatDuration(150, 'pt-BR'))).toBe('2,5 min');
  });
});

describe('formatDateTime', () => {
  it('shows schedule times in São Paulo time with the weekday', () => {
    expect(normalizeSpaces(formatDateTime('2026-11-30T12:00:00.000Z', 'pt-BR', 'weekday'))).toBe(
      'seg., 30/11 09:00',
    );
    expect(normalizeSpaces(formatDateTime('2026-11-30T12:00:00.000Z', 'en', 'weekday'))).toBe(
      'Mon, 11/30 09:00',
    );
  });

  it('shows job times with seconds', () => {
    expect(formatDateTime('2026-11-29T00:05:04.358Z', 'pt-BR', 'seconds')).toBe('28/11 21:05:04');
    expect(formatDateTime('2026-11-29T00:05:04.358Z', 'en', 'seconds')).toBe('11/28 21:05:04');
  });

  it('leaves garbage alone', () => {
    expect(formatDateTime('soon', 'pt-BR', 'weekday')).toBe('soon');
    expect(formatFullDateTime('soon', 'en')).toBe('soon');
    expect(formatFullDateTime('2026-11-30T12:00:00.000Z', 'pt-BR')).toContain('30/11/2026');
  });
});

describe('formatAgo', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(formatAgo(3, 'pt-BR')).toBe('agora');
    expect(formatAgo(3, 'en')).toBe('now');
    expect(formatAgo(300, 'pt-BR')).toMatch(/^há 5 min/);
    expect(formatAgo(300, 'en')).toMatch(/^5 min.* ago$/);
    expect(formatAgo(7300, 'pt-BR')).toBe('há 2 h');
    expect(formatAgo(3 * 86_400, 'en')).toBe('3 days ago');
    expect(formatAgo(29 * 86_400, 'en')).toBe('29 days ago');
    expect(formatAgo(208 * 86_400, 'en')).toMatch(/^6 mo.* ago$/);
    expect(formatAgo(208 * 86_400, 'pt-BR')).toMatch(/^há 6 m/);
    expect(formatAgo(800 * 86_400, 'en')).toMatch(/^2 yr.* ago$/);
  });
});

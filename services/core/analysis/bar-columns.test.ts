import { describe, expect, it } from 'vitest';
import { isoOfDay, parseBarText, rowsOf } from './bar-columns';

describe('parseBarText', () => {
  it('reads days since 1970 and the numbers as PostgreSQL prints them, oldest first', () => {
    const c = parseBarText('18803,28.51,28.88,28.2,28.45,61944000;18806,28.4,29.1,28.35,29.08,0');
    expect(c.dates).toEqual(['2021-06-25', '2021-06-28']);
    expect([...c.open]).toEqual([28.51, 28.4]);
    expect([...c.high]).toEqual([28.88, 29.1]);
    expect([...c.low]).toEqual([28.2, 28.35]);
    expect([...c.close]).toEqual([28.45, 29.08]);
    expect([...c.volume]).toEqual([61944000, 0]);
    expect(rowsOf(c)[1]).toEqual({
      date: '2021-06-28',
      open: 28.4,
      high: 29.1,
      low: 28.35,
      close: 29.08,
      volume: 0,
    });
  });

  it('no bars: empty columns', () => {
    expect(parseBarText(null).dates).toEqual([]);
    expect(parseBarText('').close.length).toBe(0);
  });

  it('every number is the double Number() reads (what ::float8 gives): long, tiny, negative, NaN, Infinity', () => {
    const values = [
      '0.1',
      '0.30000000000000004',
      '123456789.123456789',
      '9007199254740993',
      '12345678901234567890',
      '0.000012345',
      '-7.25',
      '1.0000000000000000000000001',
      '00012.3400',
      '28.510000',
      'NaN',
      'Infinity',
      '-Infinity',
      '5e-324',
    ];
    const c = parseBarText(values.map((v, i) => `${i},${v},${v},${v},${v},${v}`).join(';'));
    values.forEach((v, i) => {
      for (const col of [c.open, c.high, c.low, c.close, c.volume])
        expect(Object.is(col[i], Number(v))).toBe(true);
    });
  });

  it('agrees with Number() on 100,000 random prices of 2 to 8 decimals', () => {
    let seed = 42;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts: string[] = [];
    for (let i = 0; i < 100_000; i++) texts.push((rnd() * 10 ** (1 + (i % 7))).toFixed(2 + (i % 7)));
    const c = parseBarText(texts.map((t, i) => `${i % 50_000},${t},1,1,1,1`).join(';'));
    const wrong = texts.filter((t, i) => !Object.is(c.open[i], Number(t)));
    expect(wrong).toEqual([]);
  });

  it('a row with a field too many or too few, or an empty field, is an error (not a silent NaN or 0)', () => {
    expect(() => parseBarText('1,2,3,4,5,6,7')).toThrow(/more than 6 fields/);
    expect(() => parseBarText('1,2,3,4,5;2,1,1,1,1,1')).toThrow(/fewer than 6 fields/);
    expect(() => parseBarText('1,2,,4,5,6')).toThrow(/empty field/);
  });
});

describe('isoOfDay', () => {
  it('formats like to_char(date, YYYY-MM-DD), one shared string per day', () => {
    expect(isoOfDay(0)).toBe('1970-01-01');
    expect(isoOfDay(-1)).toBe('1969-12-31');
    expect(isoOfDay(11_016)).toBe('2000-02-29');
    expect(isoOfDay(2_932_896)).toBe('9999-12-31');
    expect(isoOfDay(18_803)).toBe(isoOfDay(18_803));
  });
});

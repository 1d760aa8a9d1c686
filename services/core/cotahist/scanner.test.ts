import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COTAHIST_ANNUAL_HEAD, COTAHIST_DAILY, COTAHIST_EXCERPT } from '../../../test/helpers/fixtures';
import { RECORD_LENGTH } from './layout';
import { scanBuffer, scanFile, thrown } from './test-support';

const daily = (): Buffer => readFileSync(COTAHIST_DAILY());
const lines = (buf: Buffer): string[] => buf.toString('latin1').split('\r\n');
const join = (ls: string[]): Buffer => Buffer.from(ls.join('\r\n'), 'latin1');

describe('COTAHIST scanner on the real daily file (25/06/2021)', () => {
  const { result, records } = scanFile(COTAHIST_DAILY());

  it('reads every record and checks the count against the trailer', () => {
    expect(result.header).toEqual({ fileDate: '2021-06-25', year: 2021 });
    expect(result.records).toBe(7518);
    expect(result.lines).toBe(7520); // what the trailer declares: header + records + trailer
    expect(records).toHaveLength(7518);
  });

  it('decodes PETR4 exactly as B3 published it', () => {
    const petr4 = records.filter((r) => r.ticker === 'PETR4');
    expect(petr4).toHaveLength(1);
    expect(petr4[0]).toMatchObject({
      date: '2021-06-25',
      codbdi: '02',
      tpmerc: '010',
      name: 'PETROBRAS',
      specification: 'PN      N2',
      open: 29.69,
      high: 29.79,
      low: 28.95,
      average: 29.41,
      close: 29.1,
      trades: 78340,
      quantity: 84950900,
      volume: 2498432530,
      quoteFactor: 1,
      isin: 'BRPETRACNPR6',
    });
  });

  it('divides prices by the quote factor (FATCOT 1000 = price per lot of 1000)', () => {
    const perThousand = records.filter((r) => r.quoteFactor === 1000);
    expect(perThousand.length).toBeGreaterThan(0);
    const raw = lines(daily()).find((l) => l.startsWith('01') && l.slice(210, 217) === '0001000');
    const r = records.find((x) => x.line === lines(daily()).indexOf(raw!) + 1)!;
    expect(r.close).toBeCloseTo(Number(raw!.slice(108, 121)) / 100 / 1000, 12);
  });

  it('gives the same result whatever the chunk size (lines split across chunks)', () => {
    const ls = lines(daily());
    const trailer = `${ls[ls.length - 2]!.slice(0, 31)}${'302'.padStart(11, '0')}`.padEnd(RECORD_LENGTH, ' ');
    const small = join([...ls.slice(0, 301), trailer, '']);
    const whole = scanBuffer(small, 'x', 1 << 20);
    expect(whole.records).toHaveLength(300);
    for (const size of [1, 7, 245, 246, 247, 4093]) {
      expect(scanBuffer(small, 'x', size).records).toEqual(whole.records);
    }
  });
});

describe('COTAHIST scanner on the excerpt files', () => {
  it('refuses the author excerpt whose trailer counts 23021 lines but has 13', () => {
    const e = thrown(() => scanFile(COTAHIST_EXCERPT()));
    expect(e.code).toBe('TRAILER_MISMATCH');
    expect(e.message).toContain('COTAHIST_EXAMPLE_20260417.TXT, line 13');
    expect(e.message).toContain('23021');
    expect(e.details).toMatchObject({ declared: 23021, actual: 13, records: 11 });
  });

  it('refuses the annual head (LF endings, no final newline, no trailer) as truncated', () => {
    const e = thrown(() => scanFile(COTAHIST_ANNUAL_HEAD()));
    expect(e.code).toBe('TRUNCATED_FILE');
    expect(e.details).toMatchObject({ file: 'COTAHIST_A2023_head49.TXT', line: 50 });
  });

  it('reads the annual head line by line before noticing the missing trailer', () => {
    const buf = readFileSync(COTAHIST_ANNUAL_HEAD());
    const withTrailer = Buffer.concat([
      buf,
      Buffer.from(
        `\n99COTAHIST.2023BOVESPA 20231228${'51'.padStart(11, '0')}`.padEnd(RECORD_LENGTH + 1, ' '),
      ),
    ]);
    const { result, records } = scanBuffer(withTrailer);
    expect(result.records).toBe(49);
    expect(records[0]?.date).toBe('2023-01-02');
  });
});

describe('COTAHIST scanner on broken input', () => {
  const ls = lines(daily());

  it('names the line of a record that is too short', () => {
    const broken = [...ls];
    broken[4999] = broken[4999]!.slice(0, 200);
    const e = thrown(() => scanBuffer(join(broken), 'D.TXT'));
    expect(e.code).toBe('MALFORMED_RECORD');
    expect(e.message).toBe('D.TXT, line 5000: expected 245 characters, found 200');
  });

  it('names the field that is not a number', () => {
    const broken = [...ls];
    const l = broken[99]!;
    broken[99] = `${l.slice(0, 108)}00000000029X0${l.slice(121)}`;
    const e = thrown(() => scanBuffer(join(broken), 'D.TXT'));
    expect(e.code).toBe('MALFORMED_RECORD');
    expect(e.message).toContain('line 100: field PREULT must be digits');
    expect(e.details).toMatchObject({ line: 100, field: 'PREULT' });
  });

  it('refuses an impossible date and a zero quote factor', () => {
    const badDate = [...ls];
    badDate[9] = `01202113${badDate[9]!.slice(8)}`;
    expect(thrown(() => scanBuffer(join(badDate))).details).toMatchObject({ line: 10, field: 'DATA' });
    // Days past the month's end, 29 February outside a leap year, year 0; 29 February 2024 is fine.
    for (const date of ['20210631', '20210229', '19000229', '00000101']) {
      const bad = [...ls];
      bad[9] = `01${date}${bad[9]!.slice(10)}`;
      expect(thrown(() => scanBuffer(join(bad))).details).toMatchObject({ line: 10, field: 'DATA' });
    }
    const leap = [...ls];
    leap[9] = `0120240229${leap[9]!.slice(10)}`;
    expect(scanBuffer(join(leap)).records[8]!.date).toBe('2024-02-29');
    const zero = [...ls];
    zero[9] = `${zero[9]!.slice(0, 210)}0000000${zero[9]!.slice(217)}`;
    expect(thrown(() => scanBuffer(join(zero))).details).toMatchObject({ line: 10, field: 'FATCOT' });
  });

  it('refuses a file that is not COTAHIST, an empty file, unknown record types and data after the trailer', () => {
    expect(thrown(() => scanBuffer(Buffer.from('hello,world\n'))).code).toBe('MALFORMED_RECORD');
    expect(thrown(() => scanBuffer(join([ls[1]!, ...ls.slice(2)]))).code).toBe('UNSUPPORTED_FILE');
    expect(thrown(() => scanBuffer(Buffer.alloc(0))).code).toBe('UNSUPPORTED_FILE');
    const unknown = [...ls];
    unknown[20] = `77${unknown[20]!.slice(2)}`;
    expect(thrown(() => scanBuffer(join(unknown))).message).toContain(
      'line 21: unknown record type (00, 01 or 99',
    );
    const after = [...ls.slice(0, -1), ls[1]!, ''];
    expect(thrown(() => scanBuffer(join(after))).message).toContain('line 7521: data after the 99 trailer');
  });

  it('refuses a trailer whose date differs from the header', () => {
    const t = [...ls];
    const last = t.length - 2; // the file ends with CRLF, so the last element is ''
    t[last] = t[last]!.replace('20210625', '20210624');
    expect(thrown(() => scanBuffer(join(t))).message).toContain('does not match header date 2021-06-25');
  });

  it('refuses a file cut in the middle of a record', () => {
    const cut = daily().subarray(0, 245 * 100 + 17);
    const e = thrown(() => scanBuffer(cut, 'cut.TXT'));
    expect(e.code).toBe('MALFORMED_RECORD');
    expect(e.message).toMatch(/^cut\.TXT, line 100: expected 245 characters/);
  });
});

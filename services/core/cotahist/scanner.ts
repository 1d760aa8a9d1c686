import { AppError } from '../../contract';
import { CHAR, FIELD, HEADER, NUMERIC_FIELDS, RECORD_LENGTH, TRAILER_COUNT, type FieldName } from './layout';

export interface CotahistHeader {
  /** File date from the header, YYYY-MM-DD. */
  fileDate: string;
  year: number;
}

export interface ScanResult {
  header: CotahistHeader;
  /** Lines in the file, header and trailer included (what the trailer counts). */
  lines: number;
  /** All 01 records. */
  records: number;
  /** 01 records the filter kept (all of them without a filter). */
  kept: number;
}

/** Called for every kept, fully validated 01 record; `offset` is where the record starts in `buf`. */
export type RecordSink = (buf: Buffer, offset: number, line: number) => void;

/** Which 01 records to keep (by their bytes); the others are checked for length and type only. */
export type RecordFilter = (buf: Buffer, offset: number) => boolean;

// Numeric fields merged into contiguous runs, checked with one loop each.
const NUMERIC_RUNS: Array<[number, number, FieldName[]]> = (() => {
  const sorted = [...NUMERIC_FIELDS].sort((a, b) => FIELD[a][0] - FIELD[b][0]);
  const runs: Array<[number, number, FieldName[]]> = [];
  for (const name of sorted) {
    const [s, e] = FIELD[name];
    const last = runs[runs.length - 1];
    if (last && last[1] === s) {
      last[1] = e;
      last[2].push(name);
    } else runs.push([s, e, [name]]);
  }
  return runs;
})();

const RUN_STARTS = NUMERIC_RUNS.map((r) => r[0]);
const RUN_ENDS = NUMERIC_RUNS.map((r) => r[1]);

const ascii = (buf: Buffer, start: number, end: number): string => buf.toString('latin1', start, end);

function digits(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (buf[i]! - CHAR.ZERO);
  return n;
}

function allDigits(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c < CHAR.ZERO || c > CHAR.NINE) return false;
  }
  return true;
}

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** log10 of a quote factor (B3 uses 1 and 1000), or -1 when it is not a power of ten up to 10^6. */
export function quoteFactorScale(factor: number): number {
  let scale = 0;
  for (let f = 1; f <= 1_000_000; f *= 10, scale++) if (f === factor) return scale;
  return -1;
}

/** YYYYMMDD at `start` → 'YYYY-MM-DD', or null when it is not a plausible calendar date. */
export function readDate(buf: Buffer, start: number): string | null {
  if (!allDigits(buf, start, start + 8)) return null;
  const m = digits(buf, start + 4, start + 6);
  const d = digits(buf, start + 6, start + 8);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const s = ascii(buf, start, start + 8);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * A streaming, validating COTAHIST reader. Push chunks in order, then call `end()`.
 * Every line is checked: a 00 header first, 01 records of exactly 245 characters, a 99 trailer last
 * whose count matches. Kept records (see `keep`) are checked field by field: digits where the layout
 * says so, a real date, a power-of-ten quote factor. Any violation throws an AppError naming the file
 * and the line; nothing is guessed.
 */
export class CotahistScanner {
  private line = 0;
  private records = 0;
  private kept = 0;
  private header: CotahistHeader | null = null;
  private trailerSeen = false;
  private carry: Buffer | null = null;

  constructor(
    private readonly file: string,
    private readonly onRecord: RecordSink,
    private readonly keep: RecordFilter = () => true,
  ) {}

  push(chunk: Buffer): void {
    let pos = 0;
    if (this.carry) {
      const nl = chunk.indexOf(CHAR.LF);
      if (nl < 0) {
        this.carry = Buffer.concat([this.carry, chunk]);
        if (this.carry.length > RECORD_LENGTH + 2)
          this.fail('MALFORMED_RECORD', `line is longer than ${RECORD_LENGTH} characters`, this.line + 1, {
            reason: 'line_too_long',
            expected: RECORD_LENGTH,
          });
        return;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = null;
      this.handleLine(joined, 0, joined.length - 1);
      pos = nl + 1;
    }
    const len = chunk.length;
    while (pos < len) {
      // Lines are fixed-width: look where the newline should be before searching for it.
      const at = pos + RECORD_LENGTH;
      const nl =
        at + 1 < len && chunk[at] === CHAR.CR && chunk[at + 1] === CHAR.LF
          ? at + 1
          : at < len && chunk[at] === CHAR.LF
            ? at
            : chunk.indexOf(CHAR.LF, pos);
      if (nl < 0) {
        this.carry = Buffer.from(chunk.subarray(pos));
        return;
      }
      this.handleLine(chunk, pos, nl);
      pos = nl + 1;
    }
  }

  /** Finish: a last line without a newline is taken, then the trailer is required and checked. */
  end(): ScanResult {
    if (this.carry && this.carry.length > 0) {
      const last = this.carry;
      this.carry = null;
      this.handleLine(last, 0, last.length);
    }
    if (!this.header) this.fail('UNSUPPORTED_FILE', 'empty file: no COTAHIST header', 1, { reason: 'empty' });
    if (!this.trailerSeen) {
      this.fail(
        'TRUNCATED_FILE',
        `file ends after line ${this.line} without the 99 trailer: it was cut short`,
        this.line,
        { reason: 'no_trailer' },
      );
    }
    return { header: this.header, lines: this.line, records: this.records, kept: this.kept };
  }

  private handleLine(buf: Buffer, start: number, nl: number): void {
    const line = ++this.line;
    let end = nl;
    if (end > start && buf[end - 1] === CHAR.CR) end--;
    const length = end - start;
    if (this.trailerSeen) {
      if (length === 0) return; // tolerate blank lines after the trailer
      this.fail('MALFORMED_RECORD', 'data after the 99 trailer', line, { reason: 'after_trailer' });
    }
    if (length !== RECORD_LENGTH) {
      this.fail('MALFORMED_RECORD', `expected ${RECORD_LENGTH} characters, found ${length}`, line, {
        reason: 'line_length',
        expected: RECORD_LENGTH,
        found: length,
      });
    }
    const t0 = buf[start];
    const t1 = buf[start + 1];
    if (t0 === CHAR.ZERO && t1 === CHAR.ZERO + 1) {
      if (!this.header)
        this.fail('UNSUPPORTED_FILE', 'not a COTAHIST file: the first line is not a 00 header', line, {
          reason: 'no_header',
        });
      this.records++;
      if (!this.keep(buf, start)) return;
      this.checkRecord(buf, start, line);
      this.kept++;
      this.onRecord(buf, start, line);
      return;
    }
    if (t0 === CHAR.ZERO && t1 === CHAR.ZERO && line === 1) {
      this.header = this.readHeader(buf, start, line, '00');
      return;
    }
    if (!this.header)
      this.fail('UNSUPPORTED_FILE', 'not a COTAHIST file: the first line is not a 00 header', line, {
        reason: 'no_header',
      });
    if (t0 === CHAR.ZERO + 9 && t1 === CHAR.ZERO + 9) {
      this.readTrailer(buf, start, line);
      return;
    }
    this.fail('MALFORMED_RECORD', 'unknown record type (00, 01 or 99 expected in columns 1-2)', line, {
      reason: 'record_type',
    });
  }

  private checkRecord(buf: Buffer, start: number, line: number): void {
    for (let r = 0; r < RUN_STARTS.length; r++) {
      if (!allDigits(buf, start + RUN_STARTS[r]!, start + RUN_ENDS[r]!)) this.failField(buf, start, line, r);
    }
    const d = start + FIELD.DATA[0];
    const year = digits(buf, d, d + 4);
    const month = (buf[d + 4]! - CHAR.ZERO) * 10 + buf[d + 5]! - CHAR.ZERO;
    const day = (buf[d + 6]! - CHAR.ZERO) * 10 + buf[d + 7]! - CHAR.ZERO;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      this.fail(
        'MALFORMED_RECORD',
        `field DATA is not a date (YYYYMMDD in columns ${FIELD.DATA[0] + 1}-${FIELD.DATA[1]})`,
        line,
        { field: 'DATA', reason: 'bad_date' },
      );
    }
    const factor = digits(buf, start + FIELD.FATCOT[0], start + FIELD.FATCOT[1]);
    if (factor !== 1 && factor !== 1000 && quoteFactorScale(factor) < 0) {
      this.fail(
        'MALFORMED_RECORD',
        `field FATCOT (quote factor) must be 1, 10, 100, ... 1000000; found ${factor}`,
        line,
        { field: 'FATCOT', reason: 'bad_factor', found: factor },
      );
    }
  }

  private failField(buf: Buffer, start: number, line: number, run: number): never {
    const names = NUMERIC_RUNS[run]![2];
    const bad = names.find((n) => !allDigits(buf, start + FIELD[n][0], start + FIELD[n][1])) ?? names[0]!;
    const [fs, fe] = FIELD[bad];
    this.fail('MALFORMED_RECORD', `field ${bad} must be digits (columns ${fs + 1}-${fe})`, line, {
      field: bad,
      reason: 'not_digits',
      from: fs + 1,
      to: fe,
    });
  }

  private readHeader(buf: Buffer, start: number, line: number, kind: '00' | '99'): CotahistHeader {
    const mark = ascii(buf, start + HEADER.MARK[0], start + HEADER.MARK[1]);
    const origin = ascii(buf, start + HEADER.ORIGIN[0], start + HEADER.ORIGIN[1]);
    const fileDate = readDate(buf, start + HEADER.DATE[0]);
    const yearText = ascii(buf, start + HEADER.YEAR[0], start + HEADER.YEAR[1]);
    if (mark !== 'COTAHIST.' || origin !== 'BOVESPA ' || !fileDate || !/^\d{4}$/.test(yearText)) {
      const what = kind === '00' ? 'header' : 'trailer';
      this.fail(
        kind === '00' ? 'UNSUPPORTED_FILE' : 'MALFORMED_RECORD',
        `not a COTAHIST ${what} (expected "${kind}COTAHIST.<year>BOVESPA <yyyymmdd>" in columns 1-31)`,
        line,
        { reason: kind === '00' ? 'bad_header' : 'bad_trailer' },
      );
    }
    return { fileDate, year: Number(yearText) };
  }

  private readTrailer(buf: Buffer, start: number, line: number): void {
    const t = this.readHeader(buf, start, line, '99');
    const h = this.header!;
    if (t.fileDate !== h.fileDate || t.year !== h.year) {
      this.fail(
        'MALFORMED_RECORD',
        `trailer date ${t.fileDate} does not match header date ${h.fileDate}`,
        line,
        { reason: 'trailer_date', trailer: t.fileDate, header: h.fileDate },
      );
    }
    const [cs, ce] = TRAILER_COUNT;
    if (!allDigits(buf, start + cs, start + ce)) {
      this.fail('MALFORMED_RECORD', `trailer count is not a number (columns ${cs + 1}-${ce})`, line, {
        reason: 'trailer_count',
      });
    }
    const declared = digits(buf, start + cs, start + ce);
    if (declared !== line) {
      this.fail(
        'TRAILER_MISMATCH',
        `the trailer says the file has ${declared} lines but it has ${line} (header + ${this.records} records + trailer): the file is incomplete or was edited`,
        line,
        { declared, actual: line, records: this.records, reason: 'trailer_mismatch' },
      );
    }
    this.trailerSeen = true;
  }

  private fail(
    code: 'MALFORMED_RECORD' | 'TRUNCATED_FILE' | 'TRAILER_MISMATCH' | 'UNSUPPORTED_FILE',
    reason: string,
    line: number,
    extra: Record<string, unknown> = {},
  ): never {
    throw new AppError(code, `${this.file}, line ${line}: ${reason}`, { file: this.file, line, ...extra });
  }
}

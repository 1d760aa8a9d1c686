import { BAR_COLUMNS } from './copy-encoder';
import { CHAR, FIELD, type FieldName } from './layout';
import { quoteFactorScale } from './scanner';

const PRICES: readonly FieldName[] = ['PREABE', 'PREMAX', 'PREMIN', 'PREULT', 'PREMED'];
const PRICE_STARTS = PRICES.map((f) => FIELD[f][0]);
const PRICE_ENDS = PRICES.map((f) => FIELD[f][1]);
/** "PGCOPY\n\377\r\n\0", flags 0, no header extension. */
const HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
const FIELDS = BAR_COLUMNS.length;
/** Days from 0000-03-01 (proleptic Gregorian) to 2000-01-01, PostgreSQL's date epoch. */
const PG_EPOCH = 730_425;

/**
 * Writes kept records as PostgreSQL binary COPY rows of `daily_bars` (columns `BAR_COLUMNS`),
 * straight from the file's bytes, so PostgreSQL parses no text: prices and volume become numeric's
 * base-10000 digits with the decimal point moved (B3's /100 and /FATCOT, FATCOT a power of ten) and
 * the display scale of the shortest exact decimal (what the text encoder writes: 29.1, 0, 2498432530),
 * the date becomes days since 2000-01-01, integers are written as integers, text is trimmed and
 * turned from Latin-1 into UTF-8. Each block handed out by `takeBlocks()` is a whole COPY stream
 * (header, rows, trailer). The scanner has already checked every field (digits, a calendar date).
 */
export class BinaryCopyEncoder {
  private block: Buffer;
  private pos = 0;
  private readonly full: Buffer[] = [];
  /** Base-10000 digits of the number being written (at most 18 decimal digits: 6 groups). */
  private readonly groups = new Int32Array(8);
  rows = 0;

  constructor(private readonly blockSize = 4 << 20) {
    this.block = this.newBlock();
  }

  write(buf: Buffer, at: number): void {
    // A row is at most ~250 bytes (text may double when Latin-1 becomes UTF-8).
    if (this.pos + 512 > this.block.length) this.rotate();
    const out = this.block;
    let p = this.pos;
    out.writeInt16BE(FIELDS, p);
    p += 2;
    p = this.writeText(buf, at + FIELD.CODNEG[0], at + FIELD.CODNEG[1], p);
    p = this.writeDate(buf, at + FIELD.DATA[0], p);
    let factor = 0;
    for (let i = at + FIELD.FATCOT[0]; i < at + FIELD.FATCOT[1]; i++)
      factor = factor * 10 + buf[i]! - CHAR.ZERO;
    const scale = factor === 1 ? 2 : factor === 1000 ? 5 : 2 + quoteFactorScale(factor);
    for (let k = 0; k < PRICE_STARTS.length; k++)
      p = this.writeNumeric(buf, at + PRICE_STARTS[k]!, at + PRICE_ENDS[k]!, scale, p);
    p = this.writeNumeric(buf, at + FIELD.VOLTOT[0], at + FIELD.VOLTOT[1], 2, p);
    out.writeInt32BE(4, p);
    out.writeInt32BE(digits(buf, at + FIELD.TOTNEG[0], at + FIELD.TOTNEG[1]), p + 4);
    p += 8;
    // QUATOT has 18 digits, past 2^53: two halves of 9.
    const q = at + FIELD.QUATOT[0];
    out.writeInt32BE(8, p);
    out.writeBigInt64BE(
      BigInt(digits(buf, q, q + 9)) * 1_000_000_000n + BigInt(digits(buf, q + 9, q + 18)),
      p + 4,
    );
    p += 12;
    p = this.writeText(buf, at + FIELD.CODISI[0], at + FIELD.CODISI[1], p);
    p = this.writeText(buf, at + FIELD.CODBDI[0], at + FIELD.CODBDI[1], p);
    out.writeInt32BE(4, p);
    out.writeInt32BE(factor, p + 4);
    this.pos = p + 8;
    this.rows++;
  }

  /** Whole COPY streams ready to be sent; with `all`, the partly filled one too (if it has rows). */
  takeBlocks(all = false): Buffer[] {
    if (all && this.pos > HEADER.length) this.rotate();
    return this.full.splice(0, this.full.length);
  }

  private newBlock(): Buffer {
    const b = Buffer.allocUnsafe(this.blockSize);
    HEADER.copy(b, 0);
    this.pos = HEADER.length;
    return b;
  }

  private rotate(): void {
    this.block.writeInt16BE(-1, this.pos);
    this.full.push(this.block.subarray(0, this.pos + 2));
    this.block = this.newBlock();
  }

  private writeDate(buf: Buffer, d: number, p: number): number {
    const year = digits(buf, d, d + 4);
    const month = digits(buf, d + 4, d + 6);
    const day = digits(buf, d + 6, d + 8);
    this.block.writeInt32BE(4, p);
    this.block.writeInt32BE(civilDays(year, month, day) - PG_EPOCH, p + 4);
    return p + 8;
  }

  /**
   * Digits [start, end) divided by 10^scale as numeric's binary form: ndigits, weight, sign, dscale,
   * then base-10000 digits, leading and trailing zero groups left out (as PostgreSQL stores them).
   */
  private writeNumeric(buf: Buffer, start: number, end: number, scale: number, p: number): number {
    const point = end - scale;
    let first = start;
    while (first < point && buf[first] === CHAR.ZERO) first++;
    let last = end;
    while (last > point && buf[last - 1] === CHAR.ZERO) last--;
    const dscale = last - point;
    // Groups of 4 digits aligned on the decimal point: the integer part padded on the left.
    const intLen = point - first;
    const intGroups = Math.ceil(intLen / 4);
    const fracGroups = Math.ceil(dscale / 4);
    const g = this.groups;
    let n = 0;
    let i = point - intGroups * 4;
    for (let k = 0; k < intGroups + fracGroups; k++) {
      let v = 0;
      for (let j = 0; j < 4; j++, i++) v = v * 10 + (i >= first && i < last ? buf[i]! - CHAR.ZERO : 0);
      g[n++] = v;
    }
    let weight = intGroups - 1;
    let lo = 0;
    while (lo < n && g[lo] === 0) {
      lo++;
      weight--;
    }
    let hi = n;
    while (hi > lo && g[hi - 1] === 0) hi--;
    const out = this.block;
    const ndigits = hi - lo;
    out.writeInt32BE(8 + 2 * ndigits, p);
    out.writeInt16BE(ndigits, p + 4);
    out.writeInt16BE(ndigits === 0 ? 0 : weight, p + 6);
    out.writeInt16BE(0, p + 8); // sign: positive (COTAHIST has no negative fields)
    out.writeInt16BE(dscale, p + 10);
    p += 12;
    for (let k = lo; k < hi; k++, p += 2) out.writeInt16BE(g[k]!, p);
    return p;
  }

  private writeText(buf: Buffer, start: number, end: number, p: number): number {
    let e = end;
    while (e > start && buf[e - 1] === CHAR.SPACE) e--;
    const out = this.block;
    let q = p + 4;
    for (let i = start; i < e; i++) {
      const c = buf[i]!;
      if (c < 0x80) out[q++] = c;
      else {
        out[q++] = 0xc0 | (c >> 6);
        out[q++] = 0x80 | (c & 0x3f);
      }
    }
    out.writeInt32BE(q - p - 4, p);
    return q;
  }
}

/** Days since 0000-03-01 of a proleptic Gregorian date (year >= 1), as Howard Hinnant's days_from_civil. */
function civilDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
}

function digits(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + buf[i]! - CHAR.ZERO;
  return n;
}

import { CHAR, FIELD, type FieldName } from './layout';
import { quoteFactorScale } from './scanner';

/** `daily_bars` columns in the order `CopyEncoder` writes them (after `line` when it writes one). */
export const BAR_COLUMNS = [
  'ticker',
  'date',
  'open',
  'high',
  'low',
  'close',
  'average',
  'volume',
  'trades',
  'quantity',
  'isin',
  'codbdi',
  'quote_factor',
] as const;

const PRICES: readonly FieldName[] = ['PREABE', 'PREMAX', 'PREMIN', 'PREULT', 'PREMED'];
const PRICE_STARTS = PRICES.map((f) => FIELD[f][0]);
const PRICE_ENDS = PRICES.map((f) => FIELD[f][1]);
const DOT = 46;
const DASH = 45;

/**
 * Writes kept records as PostgreSQL COPY text rows of `daily_bars`, straight from the file's bytes:
 * prices and volume become exact decimals by moving the decimal point (B3's /100 and /FATCOT, with
 * FATCOT a power of ten), integers lose their leading zeros, text is trimmed, escaped and turned
 * from Latin-1 into UTF-8. No per-field strings or floating point. Filled blocks are handed out
 * with `takeBlocks()`.
 */
export class CopyEncoder {
  private block: Buffer;
  private pos = 0;
  private readonly full: Buffer[] = [];
  rows = 0;

  constructor(
    /** Prefix each row with its line number (for the staging table's error reports). */
    private readonly withLine = false,
    private readonly blockSize = 4 << 20,
  ) {
    this.block = Buffer.allocUnsafe(blockSize);
  }

  write(buf: Buffer, at: number, line: number): void {
    // A row is at most ~300 bytes (text may double when Latin-1 becomes UTF-8).
    if (this.pos + 512 > this.block.length) this.rotate();
    let p = this.pos;
    const out = this.block;
    if (this.withLine) {
      p = this.writeInt(line, p);
      out[p++] = CHAR.TAB;
    }
    p = this.writeText(buf, at + FIELD.CODNEG[0], at + FIELD.CODNEG[1], p);
    out[p++] = CHAR.TAB;
    const d = at + FIELD.DATA[0];
    for (let i = 0; i < 8; i++) {
      if (i === 4 || i === 6) out[p++] = DASH;
      out[p++] = buf[d + i]!;
    }
    out[p++] = CHAR.TAB;
    let factor = 0;
    for (let i = at + FIELD.FATCOT[0]; i < at + FIELD.FATCOT[1]; i++)
      factor = factor * 10 + buf[i]! - CHAR.ZERO;
    const scale = factor === 1 ? 2 : factor === 1000 ? 5 : 2 + quoteFactorScale(factor);
    for (let k = 0; k < PRICE_STARTS.length; k++) {
      p = this.writeDecimal(buf, at + PRICE_STARTS[k]!, at + PRICE_ENDS[k]!, scale, p);
      out[p++] = CHAR.TAB;
    }
    p = this.writeDecimal(buf, at + FIELD.VOLTOT[0], at + FIELD.VOLTOT[1], 2, p);
    out[p++] = CHAR.TAB;
    p = this.writeDecimal(buf, at + FIELD.TOTNEG[0], at + FIELD.TOTNEG[1], 0, p);
    out[p++] = CHAR.TAB;
    p = this.writeDecimal(buf, at + FIELD.QUATOT[0], at + FIELD.QUATOT[1], 0, p);
    out[p++] = CHAR.TAB;
    p = this.writeText(buf, at + FIELD.CODISI[0], at + FIELD.CODISI[1], p);
    out[p++] = CHAR.TAB;
    out[p++] = buf[at + FIELD.CODBDI[0]]!;
    out[p++] = buf[at + FIELD.CODBDI[0] + 1]!;
    out[p++] = CHAR.TAB;
    p = this.writeInt(factor, p);
    out[p++] = CHAR.LF;
    this.pos = p;
    this.rows++;
  }

  /** Blocks ready to be sent; with `all`, the partly filled one too. */
  takeBlocks(all = false): Buffer[] {
    if (all && this.pos > 0) this.rotate();
    return this.full.splice(0, this.full.length);
  }

  private rotate(): void {
    this.full.push(this.block.subarray(0, this.pos));
    this.block = Buffer.allocUnsafe(this.blockSize);
    this.pos = 0;
  }

  /** Digits [start, end) divided by 10^scale, as the shortest exact decimal ("29.1", "0", "2498432530"). */
  private writeDecimal(buf: Buffer, start: number, end: number, scale: number, p: number): number {
    const out = this.block;
    const intEnd = end - scale;
    let i = start;
    while (i < intEnd && buf[i] === CHAR.ZERO) i++;
    if (i === intEnd) out[p++] = CHAR.ZERO;
    else while (i < intEnd) out[p++] = buf[i++]!;
    let fracEnd = end;
    while (fracEnd > intEnd && buf[fracEnd - 1] === CHAR.ZERO) fracEnd--;
    if (fracEnd > intEnd) {
      out[p++] = DOT;
      for (let j = intEnd; j < fracEnd; j++) out[p++] = buf[j]!;
    }
    return p;
  }

  private writeInt(n: number, p: number): number {
    const s = String(n);
    const out = this.block;
    for (let i = 0; i < s.length; i++) out[p++] = s.charCodeAt(i);
    return p;
  }

  private writeText(buf: Buffer, start: number, end: number, p: number): number {
    let e = end;
    while (e > start && buf[e - 1] === CHAR.SPACE) e--;
    const out = this.block;
    for (let i = start; i < e; i++) {
      const c = buf[i]!;
      if (c < 0x80) {
        if (c === CHAR.BACKSLASH || c === CHAR.TAB || c === CHAR.LF || c === CHAR.CR)
          out[p++] = CHAR.BACKSLASH;
        out[p++] =
          c === CHAR.TAB ? 116 /* t */ : c === CHAR.LF ? 110 /* n */ : c === CHAR.CR ? 114 /* r */ : c;
      } else {
        out[p++] = 0xc0 | (c >> 6);
        out[p++] = 0x80 | (c & 0x3f);
      }
    }
    return p;
  }
}

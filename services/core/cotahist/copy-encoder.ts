import { CHAR, FIELD, type FieldName } from './layout';

/** Columns of the staging table, in the order `CopyEncoder` writes them. */
export const STAGE_COLUMNS = [
  'line',
  'ticker',
  'date',
  'codbdi',
  'name',
  'specification',
  'open',
  'high',
  'low',
  'average',
  'close',
  'trades',
  'quantity',
  'volume',
  'quote_factor',
  'isin',
] as const;

const NUMERIC: FieldName[] = ['PREABE', 'PREMAX', 'PREMIN', 'PREMED', 'PREULT', 'TOTNEG', 'QUATOT', 'VOLTOT', 'FATCOT'];
const TEXT_BEFORE: FieldName[] = ['CODNEG', 'DATA', 'CODBDI', 'NOMRES', 'ESPECI'];

/**
 * Writes kept records as PostgreSQL COPY text rows straight from the file's bytes: numbers stay as
 * B3's digit strings (scaled exactly in SQL), text is trimmed, escaped and turned from Latin-1 into
 * UTF-8. No per-field strings are created. Filled blocks are handed out with `takeBlocks()`.
 */
export class CopyEncoder {
  private block: Buffer;
  private pos = 0;
  private readonly full: Buffer[] = [];
  rows = 0;

  constructor(private readonly blockSize = 4 << 20) {
    this.block = Buffer.allocUnsafe(blockSize);
  }

  write(buf: Buffer, at: number, line: number): void {
    // A row is at most ~420 bytes (text may double when Latin-1 becomes UTF-8).
    if (this.pos + 512 > this.block.length) this.rotate();
    const out = this.block;
    let p = this.writeInt(line);
    out[p++] = CHAR.TAB;
    for (const f of TEXT_BEFORE) {
      p = this.writeText(buf, at + FIELD[f][0], at + FIELD[f][1], p);
      out[p++] = CHAR.TAB;
    }
    for (const f of NUMERIC) {
      for (let i = at + FIELD[f][0]; i < at + FIELD[f][1]; i++) out[p++] = buf[i]!;
      out[p++] = CHAR.TAB;
    }
    p = this.writeText(buf, at + FIELD.CODISI[0], at + FIELD.CODISI[1], p);
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

  private writeInt(n: number): number {
    const s = String(n);
    const out = this.block;
    let p = this.pos;
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
        if (c === CHAR.BACKSLASH || c === CHAR.TAB || c === CHAR.LF || c === CHAR.CR) out[p++] = CHAR.BACKSLASH;
        out[p++] = c === CHAR.TAB ? 116 /* t */ : c === CHAR.LF ? 110 /* n */ : c === CHAR.CR ? 114 /* r */ : c;
      } else {
        out[p++] = 0xc0 | (c >> 6);
        out[p++] = 0x80 | (c & 0x3f);
      }
    }
    return p;
  }
}

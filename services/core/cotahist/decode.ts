import { CHAR, FIELD, type FieldName } from './layout';
import { readDate } from './scanner';

/** One 01 record with B3's scaling applied: prices /100 /FATCOT, volume /100. */
export interface CotahistRecord {
  line: number;
  date: string;
  codbdi: string;
  ticker: string;
  tpmerc: string;
  name: string;
  specification: string;
  open: number;
  high: number;
  low: number;
  average: number;
  close: number;
  trades: number;
  quantity: number;
  volume: number;
  quoteFactor: number;
  isin: string;
}

const text = (buf: Buffer, at: number, f: FieldName): string =>
  buf.toString('latin1', at + FIELD[f][0], at + FIELD[f][1]).trimEnd();

function int(buf: Buffer, at: number, f: FieldName): number {
  let n = 0;
  for (let i = at + FIELD[f][0]; i < at + FIELD[f][1]; i++) n = n * 10 + (buf[i]! - CHAR.ZERO);
  return n;
}

/** Decode a record the scanner has already validated. */
export function decodeRecord(buf: Buffer, at: number, line: number): CotahistRecord {
  const factor = int(buf, at, 'FATCOT');
  const price = (f: FieldName): number => int(buf, at, f) / 100 / factor;
  return {
    line,
    date: readDate(buf, at + FIELD.DATA[0]) ?? '',
    codbdi: text(buf, at, 'CODBDI'),
    ticker: text(buf, at, 'CODNEG'),
    tpmerc: text(buf, at, 'TPMERC'),
    name: text(buf, at, 'NOMRES'),
    specification: text(buf, at, 'ESPECI'),
    open: price('PREABE'),
    high: price('PREMAX'),
    low: price('PREMIN'),
    average: price('PREMED'),
    close: price('PREULT'),
    trades: int(buf, at, 'TOTNEG'),
    quantity: int(buf, at, 'QUATOT'),
    volume: int(buf, at, 'VOLTOT') / 100,
    quoteFactor: factor,
    isin: text(buf, at, 'CODISI'),
  };
}

import { FIELD } from './layout';

export interface SecurityRow {
  ticker: string;
  name: string;
  specification: string;
  isin: string;
  /** YYYYMMDD as a number, for cheap comparisons. */
  date: number;
}

const text = (buf: Buffer, at: number, [s, e]: readonly [number, number]): string =>
  buf.toString('latin1', at + s, at + e).trimEnd();

const [T0, T1] = FIELD.CODNEG;

/**
 * Collects, while a file streams by, what each kept ticker is (name, specification, ISIN) as of its
 * latest date in the file, plus the file's date range. Only the ticker becomes a string per record;
 * the rest only for a ticker's first or newer row.
 */
export class SecurityCollector {
  readonly byTicker = new Map<string, SecurityRow>();
  minDate = Infinity;
  maxDate = -Infinity;

  add(buf: Buffer, at: number): void {
    let date = 0;
    for (let i = at + FIELD.DATA[0]; i < at + FIELD.DATA[1]; i++) date = date * 10 + buf[i]! - 48;
    if (date < this.minDate) this.minDate = date;
    if (date > this.maxDate) this.maxDate = date;
    let end = at + T1;
    while (end > at + T0 && buf[end - 1] === 32) end--;
    const ticker = buf.toString('latin1', at + T0, end);
    const known = this.byTicker.get(ticker);
    if (known && known.date >= date) return;
    this.byTicker.set(ticker, {
      ticker,
      name: text(buf, at, FIELD.NOMRES),
      specification: text(buf, at, FIELD.ESPECI),
      isin: text(buf, at, FIELD.CODISI),
      date,
    });
  }
}

/** 20210625 → '2021-06-25' */
export function isoFromNumber(d: number): string {
  const s = String(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

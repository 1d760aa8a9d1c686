import type { CotahistMarkets } from '../../contract';
import { FIELD } from './layout';

/** A byte-level predicate for the markets to keep (CODBDI and TPMERC), built once per import. */
export function marketFilter(markets: CotahistMarkets): (buf: Buffer, at: number) => boolean {
  const codbdi = new Set(markets.codbdi.map((c) => c.charCodeAt(0) * 256 + c.charCodeAt(1)));
  const tpmerc = new Set(markets.tpmerc.map((t) => t.charCodeAt(0) * 65536 + t.charCodeAt(1) * 256 + t.charCodeAt(2)));
  const [b] = FIELD.CODBDI;
  const [m] = FIELD.TPMERC;
  return (buf, at) =>
    codbdi.has(buf[at + b]! * 256 + buf[at + b + 1]!) &&
    tpmerc.has(buf[at + m]! * 65536 + buf[at + m + 1]! * 256 + buf[at + m + 2]!);
}

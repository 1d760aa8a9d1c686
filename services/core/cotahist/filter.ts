import type { CotahistMarkets } from '../../contract';
import { CHAR, FIELD } from './layout';

/**
 * A byte-level predicate for the markets to keep (CODBDI and TPMERC), built once per import:
 * two lookup tables indexed by the codes' digits, so the hot loop creates no strings.
 */
export function marketFilter(markets: CotahistMarkets): (buf: Buffer, at: number) => boolean {
  const codbdi = new Uint8Array(100);
  const tpmerc = new Uint8Array(1000);
  for (const c of markets.codbdi) codbdi[Number(c)] = 1;
  for (const t of markets.tpmerc) tpmerc[Number(t)] = 1;
  const b = FIELD.CODBDI[0];
  const m = FIELD.TPMERC[0];
  const Z = CHAR.ZERO;
  return (buf, at) => {
    const b0 = buf[at + b]! - Z;
    const b1 = buf[at + b + 1]! - Z;
    if (b0 < 0 || b0 > 9 || b1 < 0 || b1 > 9 || codbdi[b0 * 10 + b1] !== 1) return false;
    const m0 = buf[at + m]! - Z;
    const m1 = buf[at + m + 1]! - Z;
    const m2 = buf[at + m + 2]! - Z;
    return (
      m0 >= 0 && m0 <= 9 && m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9 && tpmerc[m0 * 100 + m1 * 10 + m2] === 1
    );
  };
}

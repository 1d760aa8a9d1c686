import {
  SPREAD_THRESHOLD,
  STALE_FUNDAMENTAL_DAYS,
  STALE_PRICE_TRADING_DAYS,
  type CurrentValues,
  type ResolvedValue,
  type ValueKind,
  type ValueObservation,
} from '../../contract';
import { isB3TradingDay, saoPauloDate } from '../scheduler/b3-calendar';

/**
 * The one resolver of "the current value" of a number (issue 15, item 1). Every view, API and report
 * reads a ticker's price, P/L, P/VP, DY… through `resolveValue` / `resolveAll`:
 *
 * - The latest observation wins, by its own as-of date, across sources: a COTAHIST close of 2021
 *   never beats a quote of 2026. A value whose only date is that of a file the user loaded (no date
 *   of its own) ranks below every dated one: its real date is unknown.
 * - Ties on the date: B3's own file for prices, then a site's detail page over its screener export
 *   (the observation order the loader gives), then the source name.
 * - Stale: a price older than 3 B3 trading days, a fundamental older than 120 days, or any value of
 *   unknown date.
 * - Spread: the other sources' values of about the same date (within the threshold) or of unknown
 *   date that differ from the winner by more than 5%.
 */

/** One source's latest reading of one key, as the loader found it. */
export interface Observation extends ValueObservation {
  /** Lower wins a tie on the date (0: B3's file / a detail page; 1: a screener export). */
  rank: number;
}

/** Keys whose value is a price (the trading-day threshold). */
const PRICE_KEYS = new Set(['price', 'close']);
export const kindOf = (key: string): ValueKind => (PRICE_KEYS.has(key) ? 'price' : 'fundamental');

const DAY = 86_400_000;
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

const tradingMemo = new Map<string, number>();
/** B3 trading days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function tradingDaysBetween(from: string, to: string): number {
  const key = `${from}|${to}`;
  const hit = tradingMemo.get(key);
  if (hit !== undefined) return hit;
  let n = 0;
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`) + DAY; t <= end; t += DAY)
    if (isB3TradingDay(new Date(t).toISOString().slice(0, 10))) n++;
  if (tradingMemo.size > 10_000) tradingMemo.clear();
  tradingMemo.set(key, n);
  return n;
}

/** Today in São Paulo (the B3 calendar's day). */
export const todayInSaoPaulo = (now: Date = new Date()): string => saoPauloDate(now);

const dated = (o: Observation): boolean => o.as_of !== null && o.as_of_basis !== 'unknown';

/** Winner first: dated before undated, later as-of first, then rank, then source name. */
function order(a: Observation, b: Observation): number {
  const da = dated(a);
  const db = dated(b);
  if (da !== db) return da ? -1 : 1;
  if (da && a.as_of !== b.as_of) return a.as_of! > b.as_of! ? -1 : 1;
  return a.rank - b.rank || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
}

/** Within the kind's threshold of the winner's date (so a disagreement is one of the same moment). */
function sameMoment(kind: ValueKind, winner: string, other: string): boolean {
  if (kind === 'price') return tradingDaysBetween(other, winner) <= STALE_PRICE_TRADING_DAYS;
  return daysBetween(other, winner) <= STALE_FUNDAMENTAL_DAYS;
}

const strip = (o: Observation): ValueObservation => ({
  source: o.source,
  value: o.value,
  as_of: o.as_of,
  as_of_basis: o.as_of_basis,
});

/** The current value of one key from its observations (one per source); null when there is none. */
export function resolveValue(
  key: string,
  observations: readonly Observation[],
  today: string,
): ResolvedValue | null {
  // One per source: the source's latest (its best by the same order).
  const bySource = new Map<string, Observation>();
  for (const o of observations) {
    if (!Number.isFinite(o.value)) continue;
    const seen = bySource.get(o.source);
    if (!seen || order(o, seen) < 0) bySource.set(o.source, o);
  }
  const all = [...bySource.values()].sort(order);
  const win = all[0];
  if (!win) return null;
  const kind = kindOf(key);
  const known = dated(win);
  const age = known ? Math.max(0, daysBetween(win.as_of!, today)) : null;
  const trading = known && kind === 'price' ? tradingDaysBetween(win.as_of!, today) : null;
  const stale =
    !known ||
    (kind === 'price' ? (trading ?? 0) > STALE_PRICE_TRADING_DAYS : (age ?? 0) > STALE_FUNDAMENTAL_DAYS);
  const peers = all.filter((o) => o === win || !dated(o) || !known || sameMoment(kind, win.as_of!, o.as_of!));
  const values = peers.map((o) => o.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const base = Math.abs(win.value);
  const pct = base === 0 ? (max === min ? 0 : Infinity) : (max - min) / base;
  const spread =
    peers.length > 1 && pct > SPREAD_THRESHOLD
      ? { min, max, pct: Number.isFinite(pct) ? pct * 100 : 100, observations: peers.map(strip) }
      : null;
  return {
    key,
    kind,
    value: win.value,
    source: win.source,
    as_of: win.as_of,
    as_of_basis: win.as_of_basis,
    age_days: age,
    age_trading_days: trading,
    stale,
    spread,
    observations: all.map(strip),
  };
}

/** Every key's current value from a ticker's observations. */
export function resolveAll(
  observations: ReadonlyMap<string, readonly Observation[]>,
  today: string,
): CurrentValues {
  const out: CurrentValues = {};
  for (const key of [...observations.keys()].sort()) {
    const r = resolveValue(key, observations.get(key) ?? [], today);
    if (r) out[key] = r;
  }
  return out;
}

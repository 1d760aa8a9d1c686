/**
 * Feed dates into ISO 8601 UTC ("2026-08-05T00:00:00Z"): RSS's RFC 822 `pubDate`
 * ("Wed, 05 Aug 2026 00:00:00 GMT", "Mon, 04 May 2026 10:31:12 -0300") and Atom's RFC 3339
 * ("2026-05-04T10:31:12-03:00"). A text not in the form, or not a real calendar time, returns
 * undefined so the caller can raise LAYOUT_CHANGED naming the element.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  gmt: 0,
  ut: 0,
  utc: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

/** UTC ISO text of a wall-clock time at `offsetMinutes` east of UTC; undefined if not a real time. */
export function isoFromParts(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMinutes: number,
): string | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR || h > 23 || mi > 59 || s > 59) return undefined;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(local);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return undefined;
  }
  return new Date(local - offsetMinutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function offsetOf(sign: string, hh: string, mm: string): number | undefined {
  const h = Number(hh);
  const m = Number(mm);
  if (h > 14 || m > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

const RFC822 =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun),\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2})(\d{2})|([a-z]{1,3}))$/i;

/** "Wed, 05 Aug 2026 00:00:00 GMT" → "2026-08-05T00:00:00Z". Four-digit years only. */
export function parseRfc822(text: string): string | undefined {
  const m = RFC822.exec(text.trim());
  if (!m) return undefined;
  const [, d, mon, y, h, mi, s, sign, oh, om, zone] = m;
  const month = MONTHS.indexOf((mon ?? '').toLowerCase()) + 1;
  if (month === 0) return undefined;
  const offset = zone !== undefined ? ZONES[zone.toLowerCase()] : offsetOf(sign ?? '+', oh ?? '', om ?? '');
  if (offset === undefined) return undefined;
  return isoFromParts(Number(y), month, Number(d), Number(h), Number(mi), Number(s ?? '0'), offset);
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** "2026-05-04T10:31:12-03:00" → "2026-05-04T13:31:12Z". The offset is required (no guessing). */
export function parseRfc3339(text: string): string | undefined {
  const m = RFC3339.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z, sign, oh, om] = m;
  const offset = z ? 0 : offsetOf(sign ?? '+', oh ?? '', om ?? '');
  if (offset === undefined) return undefined;
  return isoFromParts(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), offset);
}

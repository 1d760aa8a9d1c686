import { isoFromParts, parseRfc822 } from '../shared/feed-date';

const PLAIN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Investing.com writes <pubDate> as "2026-05-04 13:05:21" (no zone; the site's feeds are in GMT),
 * not RFC 822; an RFC 822 date is read too, in case the feed moves to the standard form.
 */
export function investingDate(text: string): string | undefined {
  const m = PLAIN.exec(text.trim());
  if (!m) return parseRfc822(text);
  const [, y, mo, d, h, mi, s] = m;
  return isoFromParts(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), 0);
}

/**
 * A `Retry-After` header as milliseconds from `nowMs`: either delta seconds (`120`) or an
 * HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`). A date in the past gives 0; a missing or
 * unreadable value gives undefined (the caller falls back to its own backoff). The result is
 * capped at `maxMs`.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  maxMs: number = Number.POSITIVE_INFINITY,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    // Only something that reads as a date: Date.parse is lenient with bare numbers and junk.
    if (!/[a-z]{3}/i.test(text) || !/\d{1,2}:\d{2}/.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, Math.ceil(ms)), maxMs);
}

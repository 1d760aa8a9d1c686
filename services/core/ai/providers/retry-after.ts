/**
 * How long a server asked to wait, in ms: `retry-after-ms` (OpenAI), else `Retry-After` as seconds or an HTTP
 * date; null when absent or unreadable. A date in the past means no wait.
 */
export function parseRetryAfter(
  msHeader: string | null,
  header: string | null,
  now = Date.now(),
): number | null {
  if (msHeader !== null && /^\s*\d+(\.\d+)?\s*$/.test(msHeader)) return Math.round(Number(msHeader));
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export const REDACTED = '[redacted]';

/** Anything shaped like an OpenAI (`sk-…`, `sk-proj-…`) or Anthropic (`sk-ant-…`) key, masked or not. */
const KEY_SHAPED = /\bsk-[A-Za-z0-9_*.-]{3,}/g;

/** The text with every occurrence of the key, and anything that looks like a key, replaced by `[redacted]`. */
export function redactSecret(text: string, key: string | null): string {
  let out = text;
  if (key && key.length > 0) out = out.split(key).join(REDACTED);
  return out.replace(KEY_SHAPED, REDACTED);
}

/** A provider's error text, redacted and cut to a readable length. */
export function providerMessage(text: string, key: string | null, max = 400): string {
  const clean = redactSecret(text.replace(/\s+/g, ' ').trim(), key);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A copy of a JSON-like value with every string redacted. */
export function redactDeep(value: unknown, key: string | null): unknown {
  if (typeof value === 'string') return redactSecret(value, key);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redactSecret(k, key), redactDeep(v, key)]),
    );
  }
  return value;
}

/** What a secret is replaced by in every answer and printout: its presence shows, its value never. */
export const REDACTED = '[redacted]';

/** Keys whose values are secrets wherever they appear; everything under `credentials` is too. */
const SECRET_KEY =
  /(credentials|token|secret|password|passphrase|api[_-]?key|private[_-]?key|authorization)$/i;

export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

/** A deep copy with every secret value replaced by REDACTED (empty strings stay empty: "not set"). */
export function redactSecrets(value: unknown, secret = false): unknown {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, secret));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactSecrets(v, secret || isSecretKey(k));
    return out;
  }
  if (!secret || value === null || value === undefined || value === '') return value;
  return REDACTED;
}

/** Whether a dotted key path names a secret (`sources.brapi.credentials.token`). */
export const isSecretPath = (path: string): boolean => path.split('.').some(isSecretKey);

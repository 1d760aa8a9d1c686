import { z } from 'zod';

/** Every error code the API can answer with. Adapters map them to transport statuses in one place. */
export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'FILE_NOT_FOUND',
  'UNSUPPORTED_FILE',
  'MALFORMED_RECORD',
  'TRUNCATED_FILE',
  'TRAILER_MISMATCH',
  'DUPLICATE_ROW',
  'CONFLICT',
  'EMPTY_DATA',
  'LAYOUT_CHANGED',
  'RATE_LIMITED',
  'BLOCKED',
  'TIMEOUT',
  'CANCELLED',
  'WORKER_CRASHED',
  'UNAVAILABLE',
  /** A model's answer broke the report schema, also after one repair request. */
  'INVALID_ANSWER',
  /** A model provider refused the configured key. */
  'PROVIDER_UNAUTHORIZED',
  /** `<data-dir>/config.json` does not pass its schema; details name each key path. */
  'INVALID_CONFIG',
  /** PostgreSQL refused a SQL console statement; the message is PostgreSQL's, details add the position. */
  'SQL_ERROR',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** A typed error: what every layer throws and what `dispatch` turns into `{ ok: false, error }`. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toJSON(): ApiError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Describe a zod error so the message names every offending field. */
export function describeZodError(error: z.ZodError): { message: string; details: Record<string, unknown> } {
  const issues = error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return { message, details: { issues, fields: issues.map((i) => i.path) } };
}

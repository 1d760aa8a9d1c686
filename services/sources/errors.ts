import { AppError } from '../contract/errors';

/** The errors a source may raise; each names the source, the model and the query. */
export const SOURCE_ERROR_CODES = [
  'EMPTY_DATA',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'TIMEOUT',
  'RATE_LIMITED',
  'BLOCKED',
  'LAYOUT_CHANGED',
  'UNAVAILABLE',
  'INVALID_INPUT',
] as const;
export type SourceErrorCode = (typeof SOURCE_ERROR_CODES)[number];

export interface SourceErrorWhere {
  source: string;
  model: string;
  query: string;
}

/**
 * Thrown by parsers with only a code and a message; the runner adds where it happened
 * (`withWhere`), so the message a user sees always says which source, model and query.
 */
export class SourceError extends AppError {
  constructor(
    readonly sourceCode: SourceErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(sourceCode, message, details);
  }
}

/** Shorthand for parsers: the page is not the layout this parser knows. */
export function layoutChanged(message: string, details?: Record<string, unknown>): SourceError {
  return new SourceError('LAYOUT_CHANGED', message, details);
}

/** Re-throwable copy of an error that names source, model and query in its message and details. */
export function withWhere(error: unknown, where: SourceErrorWhere): AppError {
  const prefix = `${where.source} ${where.model} (${where.query})`;
  if (error instanceof AppError) {
    if (error.details?.['source'] === where.source) return error;
    const message = error.message.startsWith(prefix) ? error.message : `${prefix}: ${error.message}`;
    return new AppError(error.code, message, { ...error.details, ...where });
  }
  // A parser that throws anything but a typed error met something it did not expect. Its message
  // is not shown: runtime errors quote what they read (JSON.parse shows the text it choked on).
  const kind = error instanceof Error ? error.name : typeof error;
  return new AppError('LAYOUT_CHANGED', `${prefix}: parser failed (${kind})`, { ...where });
}

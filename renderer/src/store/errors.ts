import { isAppError, type ErrorCode } from '../../../services/contract';

export interface UiError {
  code: ErrorCode;
  message: string;
  /** The typed details (file, line, reason…) the UI turns into a message in the user's language. */
  details?: Record<string, unknown>;
}

/** What the error banner shows: the API's own message (it names the file and line of a bad import). */
export function toUiError(e: unknown): UiError {
  if (isAppError(e))
    return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

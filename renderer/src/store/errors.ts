import { isAppError, type ErrorCode } from '../../../services/contract';

export interface UiError {
  code: ErrorCode;
  message: string;
}

/** What the error banner shows: the API's own message (it names the file and line of a bad import). */
export function toUiError(e: unknown): UiError {
  if (isAppError(e)) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

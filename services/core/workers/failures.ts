import type { ErrorCode } from '../../contract/errors';
import type { FailureReason } from './types';

/** The error code each supervisor-made failure answers with (the reason field says which). */
const FAILURE_CODES: Record<Exclude<FailureReason, 'error'>, ErrorCode> = {
  timeout: 'TIMEOUT',
  cancelled: 'CANCELLED',
  shutdown: 'CANCELLED',
  crash: 'WORKER_CRASHED',
  oom: 'WORKER_CRASHED',
};

export function failureCode(reason: Exclude<FailureReason, 'error'>): ErrorCode {
  return FAILURE_CODES[reason];
}

/** What V8 prints when a process dies of heap exhaustion. */
const OOM_MARKERS = [
  'JavaScript heap out of memory',
  'Reached heap limit',
  'Allocation failed - process out of memory',
];

export function looksLikeOom(stderr: string): boolean {
  return OOM_MARKERS.some((m) => stderr.includes(m));
}

/** Keeps the last `max` characters of a stream. */
export function tailBuffer(max = 16_384): { push: (chunk: string) => void; read: () => string } {
  let text = '';
  return {
    push: (chunk) => {
      text = (text + chunk).slice(-max);
    },
    read: () => text,
  };
}

/** Exponential restart backoff: initial · 2^(failures-1), capped at max; 0 failures → no wait. */
export function backoffDelay(failures: number, b: { initial: number; max: number }): number {
  if (failures <= 0) return 0;
  return Math.min(b.max, b.initial * 2 ** Math.min(failures - 1, 30));
}

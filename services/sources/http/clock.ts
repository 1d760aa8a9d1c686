/** Time as the HTTP runtime sees it; tests inject a fake one so nothing really waits. */
export type Now = () => number;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The reason an aborted signal carries (an `AbortError` DOMException when none was given). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Wait `ms`; ends early, throwing the signal's reason, as soon as the signal aborts. */
export const realSleep: Sleep = async (ms, signal) => {
  if (signal?.aborted) throw abortReason(signal);
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
  if (signal?.aborted) throw abortReason(signal);
};

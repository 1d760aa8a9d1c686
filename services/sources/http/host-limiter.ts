import { abortReason, realSleep, type Now, type Sleep } from './clock';

/** A source's politeness: at most `concurrency` requests at once, `ratePerMinute` starts a minute. */
export interface HostLimits {
  concurrency: number;
  ratePerMinute: number;
}

export type Release = () => void;

export interface HostLimiterOptions {
  /** Milliseconds on a monotonic scale (default `performance.now`). */
  now?: Now;
  sleep?: Sleep;
}

type Outcome = { release: Release } | { error: unknown };

interface Waiter {
  limits: HostLimits;
  settle: (outcome: Outcome) => void;
  detach: () => void;
}

interface HostState {
  inFlight: number;
  /** When the last request on this host started (`-Infinity` before the first). */
  lastStart: number;
  queue: Waiter[];
  /** A pump loop is running (possibly sleeping out the rate gap). */
  pumping: boolean;
}

/** Milliseconds between two request starts for a rate; 0 when the rate sets no bound. */
export function startInterval(ratePerMinute: number): number {
  return Number.isFinite(ratePerMinute) && ratePerMinute > 0 ? 60_000 / ratePerMinute : 0;
}

/** Requests allowed at once: at least one, whatever the configuration says. */
function maxInFlight(concurrency: number): number {
  return Number.isFinite(concurrency) && concurrency >= 1 ? Math.floor(concurrency) : 1;
}

/** The key requests are limited by: the URL's host (with its port). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/**
 * Per-host politeness shared by every fetch of the process: a host never has more than
 * `concurrency` requests in flight, and two request starts on it are at least
 * `60000 / ratePerMinute` ms apart. Waiters are served first in, first out; a waiter whose
 * signal aborts leaves the queue and its promise rejects with the signal's reason. The limits of
 * the waiter at the head of a host's queue are the ones applied.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly now: Now;
  private readonly sleep: Sleep;

  constructor(opts: HostLimiterOptions = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? realSleep;
  }

  /** Wait for a slot on the URL's host; call the returned function once the request is over. */
  async acquire(url: string, limits: HostLimits, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) throw abortReason(signal);
    const state = this.stateOf(hostOf(url));
    const outcome = await new Promise<Outcome>((settle) => {
      const waiter: Waiter = { limits, settle, detach: () => undefined };
      if (signal) {
        const onAbort = (): void => {
          const i = state.queue.indexOf(waiter);
          if (i < 0) return;
          state.queue.splice(i, 1);
          settle({ error: abortReason(signal) });
          // The head may have been the one blocked on concurrency; the next may fit now.
          this.pump(state);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
      state.queue.push(waiter);
      this.pump(state);
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.release;
  }

  /** Requests in flight and waiting on a host (for status displays and tests). */
  stats(url: string): { inFlight: number; waiting: number } {
    const state = this.hosts.get(hostOf(url));
    return { inFlight: state?.inFlight ?? 0, waiting: state?.queue.length ?? 0 };
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { inFlight: 0, lastStart: Number.NEGATIVE_INFINITY, queue: [], pumping: false };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pump(state: HostState): void {
    if (state.pumping) return;
    state.pumping = true;
    void this.drain(state);
  }

  /**
   * Grant slots in queue order until the head must wait for a release. The flag drops in the
   * same tick the loop returns (finally, not a later `.finally`), so a release that comes right
   * after still finds no pump running and starts one.
   */
  private async drain(state: HostState): Promise<void> {
    try {
      for (;;) {
        const head = state.queue[0];
        if (!head) return;
        if (state.inFlight >= maxInFlight(head.limits.concurrency)) return;
        const wait = state.lastStart + startInterval(head.limits.ratePerMinute) - this.now();
        if (wait > 0) {
          try {
            await this.sleep(wait);
          } catch (error) {
            // An injected sleep that fails must not strand the queue: fail the head, go on.
            if (state.queue[0] === head) {
              state.queue.shift();
              head.detach();
              head.settle({ error });
            }
          }
          continue;
        }
        state.queue.shift();
        head.detach();
        state.inFlight++;
        state.lastStart = this.now();
        head.settle({ release: this.releaser(state) });
      }
    } finally {
      state.pumping = false;
    }
  }

  private releaser(state: HostState): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.inFlight--;
      this.pump(state);
    };
  }
}

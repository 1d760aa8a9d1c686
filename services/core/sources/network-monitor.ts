import type { NetworkStatus } from '../../contract';
import type { Logger } from '../logging/logger';

export interface NetworkMonitorOptions {
  /** Reaches any of the hosts that failed (DNS + TCP connect); true when one answers. */
  probe: (sources: readonly string[]) => Promise<boolean>;
  log: Logger;
  /** Told when the state flips (the job runner wakes on `online`). */
  onChange?: (state: 'online' | 'offline') => void;
  /** Distinct sources failing at the network level, with no success between, that mean "offline". */
  minSources?: number;
  /** First probe after going offline, then doubled up to `probeMaxMs`. */
  probeBaseMs?: number;
  probeMaxMs?: number;
  now?: () => number;
}

/**
 * Tells "the network is down" from "a site is down". Every fetch reports how it ended at the network
 * level; once `minSources` different sources failed with DNS or connection-refused errors and nothing
 * succeeded between, the machine is offline: jobs that fetch wait as a group (the runner stops
 * claiming them and puts back, uncounted, the attempts that fail this way) and a probe retries the
 * failing hosts with a doubling delay. The first probe or fetch that gets through ends it.
 */
export class NetworkMonitor {
  private readonly failing = new Map<string, string>();
  private offlineSince: number | null = null;
  private nextProbeAt: number | null = null;
  private delay: number;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private closed = false;
  private readonly now: () => number;
  private readonly minSources: number;
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(private readonly o: NetworkMonitorOptions) {
    this.now = o.now ?? Date.now;
    this.minSources = o.minSources ?? 2;
    this.baseMs = o.probeBaseMs ?? 15_000;
    this.maxMs = o.probeMaxMs ?? 5 * 60_000;
    this.delay = this.baseMs;
  }

  get offline(): boolean {
    return this.offlineSince !== null;
  }

  /** How a fetch of `source` ended: an answer (any status) or a network-level failure code. */
  report(source: string, outcome: { ok: true } | { ok: false; code: string }): void {
    if (outcome.ok) {
      this.failing.clear();
      if (this.offline) this.setOnline('a fetch got through');
      return;
    }
    this.failing.set(source, outcome.code);
    if (!this.offline && this.failing.size >= this.minSources) {
      this.offlineSince = this.now();
      this.delay = this.baseMs;
      this.o.log.warn('network down: fetches wait until a probe gets through', {
        sources: [...this.failing.keys()],
        code: outcome.code,
      });
      this.scheduleProbe();
      this.o.onChange?.('offline');
    }
  }

  /** Epoch ms of the next probe while offline (the runner's timer), else null. */
  get nextProbe(): number | null {
    return this.nextProbeAt;
  }

  status(): NetworkStatus {
    const codes = [...this.failing.values()];
    return {
      state: this.offline ? 'offline' : 'online',
      since: this.offlineSince === null ? null : new Date(this.offlineSince).toISOString(),
      next_probe_at: this.nextProbeAt === null ? null : new Date(this.nextProbeAt).toISOString(),
      failing_sources: [...this.failing.keys()].sort(),
      last_code: codes.length ? codes[codes.length - 1]! : null,
    };
  }

  /** Probe now (a test, or the user's "try again"); resolves with the state after it. */
  async probeNow(): Promise<'online' | 'offline'> {
    if (!this.offline || this.probing) return this.offline ? 'offline' : 'online';
    this.probing = true;
    clearTimeout(this.timer);
    const ok = await this.o.probe([...this.failing.keys()]).catch(() => false);
    this.probing = false;
    if (this.closed || !this.offline) return this.offline ? 'offline' : 'online';
    if (ok) {
      this.failing.clear();
      this.setOnline('a probe got through');
    } else {
      this.delay = Math.min(this.maxMs, this.delay * 2);
      this.scheduleProbe();
    }
    return this.offline ? 'offline' : 'online';
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.nextProbeAt = this.now() + this.delay;
    this.timer = setTimeout(() => void this.probeNow(), this.delay);
    this.timer.unref?.();
  }

  private setOnline(why: string): void {
    const since = this.offlineSince;
    this.offlineSince = null;
    this.nextProbeAt = null;
    this.delay = this.baseMs;
    clearTimeout(this.timer);
    this.o.log.info('network back: queued fetches resume', {
      why,
      offlineMs: since === null ? 0 : this.now() - since,
    });
    this.o.onChange?.('online');
  }
}

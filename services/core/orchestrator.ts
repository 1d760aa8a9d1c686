import { isAppError, type ComponentHealth } from '../contract';
import type { Logger } from './logging/logger';

/** A service the orchestrator starts, checks and stops. */
export interface Component {
  name: string;
  start(): Promise<void>;
  /**
   * Release what the component holds. Also called after its `start()` failed, to release what a
   * half-done start got: it must only touch what did open (and be safe to call twice).
   */
  stop(): Promise<void>;
  health(): Promise<ComponentHealth>;
}

export type ComponentState = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';

export interface ComponentStatus {
  name: string;
  state: ComponentState;
  health: ComponentHealth;
  startedAt: string | null;
  lastCheckAt: string | null;
}

interface Entry {
  c: Component;
  state: ComponentState;
  health: ComponentHealth;
  startedAt: number | null;
  lastCheckAt: number | null;
}

/**
 * Starts components in dependency order (the order given), health-checks them on an interval, and
 * stops them in reverse. A component that fails to start stops the ones before it and the error is
 * thrown; a failing health check marks the component, never the process.
 */
export class Orchestrator {
  private readonly entries: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  /** Start `c` after everything already started. */
  async add(c: Component): Promise<void> {
    const e: Entry = {
      c,
      state: 'starting',
      health: { status: 'not_started' },
      startedAt: null,
      lastCheckAt: null,
    };
    this.entries.push(e);
    const t = Date.now();
    try {
      await c.start();
    } catch (error) {
      e.state = 'failed';
      e.health = {
        status: 'unhealthy',
        message: `failed to start: ${error instanceof Error ? error.message : String(error)}`,
      };
      // A typed error is an expected refusal (the data dir is in use, a port is taken): the caller
      // reports it to the user. Anything else is a fault.
      this.log[isAppError(error) ? 'warn' : 'error']('component failed to start', {
        component: c.name,
        error,
      });
      throw error;
    }
    e.state = 'running';
    e.startedAt = Date.now();
    this.log.info('component started', { component: c.name, ms: Date.now() - t });
    await this.check(e);
    if (!this.timer && this.intervalMs > 0) {
      this.timer = setInterval(() => void this.checkAll(), this.intervalMs);
      this.timer.unref();
    }
  }

  private async check(e: Entry): Promise<void> {
    if (e.state !== 'running') return;
    try {
      e.health = await e.c.health();
    } catch (error) {
      e.health = { status: 'unhealthy', message: error instanceof Error ? error.message : String(error) };
    }
    e.lastCheckAt = Date.now();
    if (e.health.status !== 'healthy')
      this.log.warn('component not healthy', { component: e.c.name, health: e.health });
  }

  async checkAll(): Promise<void> {
    for (const e of this.entries) await this.check(e);
  }

  /** The latest known health of a component; `not_started` when there is no such component. */
  health(name: string): ComponentHealth {
    return this.entries.find((e) => e.c.name === name)?.health ?? { status: 'not_started' };
  }

  status(): ComponentStatus[] {
    const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
    return this.entries.map((e) => ({
      name: e.c.name,
      state: e.state,
      health: e.health,
      startedAt: iso(e.startedAt),
      lastCheckAt: iso(e.lastCheckAt),
    }));
  }

  /** Stop everything in reverse order; one component's failure does not keep the others running. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const e of [...this.entries].reverse()) {
      if (e.state !== 'running' && e.state !== 'failed') continue;
      e.state = 'stopping';
      try {
        await e.c.stop();
      } catch (error) {
        this.log.error('component failed to stop', { component: e.c.name, error });
      }
      e.state = 'stopped';
      e.health = { status: 'not_started', message: 'stopped' };
      // Let what the stopped component had already queued (an immediate, an I/O callback) run now,
      // while the components below it (storage last) are still open.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

import { availableParallelism } from 'node:os';
import type { ComponentHealth } from '../../contract';
import { workerEntry } from '../app-root';
import type { Component } from '../orchestrator';
import { forkSpawner } from '../workers/fork';
import { createSupervisor } from '../workers/supervisor';
import type { SpawnWorker, WorkerInfo, WorkerSupervisor } from '../workers/types';

export interface WorkerOptions {
  /** How worker processes are made: `utilityProcess` in Electron; `child_process.fork` by default. */
  spawn?: SpawnWorker;
  /** Tasks (and so jobs) running at once; default 2. */
  size?: number;
  /**
   * Worker processes at most; default min(size, CPU count). The `size` tasks are spread over them
   * (⌈size / processes⌉ per process): more processes than cores only adds switching.
   */
  processes?: number;
  /** A worker process with nothing to do exits after this long; default 60 s. */
  idleExitMs?: number;
  maxOldSpaceMb?: number;
}

/** What feeds the workers: the SQLite queue's JobRunner, or the PostgreSQL queue's PgQueueRunner. */
export interface QueueRunner {
  start(): void;
  stop(graceMs: number): Promise<void>;
  readonly busy: number;
}

/** How many processes, and tasks per process, `size` tasks at once come to. */
export function poolShape(
  opts: Pick<WorkerOptions, 'size' | 'processes'>,
  cores = availableParallelism(),
): { processes: number; tasksPerWorker: number } {
  const size = Math.max(1, Math.floor(opts.size ?? 2));
  const processes = Math.max(1, Math.min(size, Math.floor(opts.processes ?? cores)));
  return { processes, tasksPerWorker: Math.ceil(size / processes) };
}

/** The production worker entry: out/main/worker.js from the bundle; worker-main.ts (through tsx) from source. */
export const WORKER_ENTRY = workerEntry();

/**
 * Worker processes plus the dispatcher that feeds them; stopping drains running jobs first. The
 * processes start with the first task, not with the component, grow up to the pool's size as work
 * comes, and exit after `idleExitMs` without work: at rest there are none.
 */
export function workersComponent(
  opts: WorkerOptions,
  makeRunner: (supervisor: WorkerSupervisor) => { runner: QueueRunner; graceMs: number },
): Component {
  let supervisor: WorkerSupervisor | undefined;
  let runner: QueueRunner | undefined;
  let graceMs = 10_000;
  return {
    name: 'workers',
    async start() {
      const shape = poolShape(opts);
      supervisor = createSupervisor({
        spawn: opts.spawn ?? forkSpawner(WORKER_ENTRY),
        size: shape.processes,
        tasksPerWorker: shape.tasksPerWorker,
        capacity: Math.max(1, Math.floor(opts.size ?? 2)),
        idleExitMs: opts.idleExitMs ?? 60_000,
        ...(opts.maxOldSpaceMb ? { maxOldSpaceMb: opts.maxOldSpaceMb } : {}),
      });
      ({ runner, graceMs } = makeRunner(supervisor));
      runner.start();
      return Promise.resolve();
    },
    async stop() {
      await runner?.stop(graceMs);
    },
    health(): Promise<ComponentHealth> {
      return Promise.resolve(poolHealth(supervisor?.workers() ?? [], runner?.busy ?? 0));
    },
  };
}

/**
 * The pool's health. A slot with no process (`off`: none needed yet, or it exited idle) is fine, and
 * so is one starting; one waiting to restart after a crash is down. All slots down is unhealthy.
 */
export function poolHealth(ws: readonly WorkerInfo[], jobsRunning: number): ComponentHealth {
  const down = ws.filter((w) => w.state === 'restarting' || w.state === 'stopped');
  const status =
    ws.length === 0 || down.length === ws.length ? 'unhealthy' : down.length === 0 ? 'healthy' : 'degraded';
  const health: ComponentHealth = {
    status,
    workers: ws.length,
    processes: ws.filter((w) => w.pid !== null).length,
    busy: ws.filter((w) => w.state === 'busy').length,
    tasks: ws.reduce((n, w) => n + w.jobIds.length, 0),
    restarts: ws.reduce((n, w) => n + w.restarts, 0),
    jobsRunning,
  };
  if (down.length > 0) {
    const last = down
      .map((w) => w.lastExit?.reason)
      .filter(Boolean)
      .join('; ');
    health.message = `${down.length} of ${ws.length} worker(s) down${last ? `: ${last}` : ''}`;
  }
  return health;
}

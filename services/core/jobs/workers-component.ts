import type { ComponentHealth } from '../../contract';
import { workerEntry } from '../app-root';
import type { Component } from '../orchestrator';
import { forkSpawner } from '../workers/fork';
import { createSupervisor } from '../workers/supervisor';
import type { SpawnWorker, WorkerSupervisor } from '../workers/types';
import type { JobRunner } from './runner';

export interface WorkerOptions {
  /** How worker processes are made: `utilityProcess` in Electron; `child_process.fork` by default. */
  spawn?: SpawnWorker;
  /** Worker processes (and so jobs running at once); default 2. */
  size?: number;
  maxOldSpaceMb?: number;
}

/** The production worker entry: out/main/worker.js from the bundle; worker-main.ts (through tsx) from source. */
export const WORKER_ENTRY = workerEntry();

/** Worker processes plus the dispatcher that feeds them; stopping drains running jobs first. */
export function workersComponent(
  opts: WorkerOptions,
  makeRunner: (supervisor: WorkerSupervisor) => { runner: JobRunner; graceMs: number },
): Component {
  let supervisor: WorkerSupervisor | undefined;
  let runner: JobRunner | undefined;
  let graceMs = 10_000;
  return {
    name: 'workers',
    async start() {
      supervisor = createSupervisor({
        spawn: opts.spawn ?? forkSpawner(WORKER_ENTRY),
        size: opts.size ?? 2,
        ...(opts.maxOldSpaceMb ? { maxOldSpaceMb: opts.maxOldSpaceMb } : {}),
      });
      await supervisor.start();
      ({ runner, graceMs } = makeRunner(supervisor));
      runner.start();
    },
    async stop() {
      await runner?.stop(graceMs);
    },
    health(): Promise<ComponentHealth> {
      const ws = supervisor?.workers() ?? [];
      const up = ws.filter((w) => w.state === 'idle' || w.state === 'busy').length;
      const down = ws.filter(
        (w) => w.state === 'restarting' || w.state === 'starting' || w.state === 'stopped',
      );
      const status =
        ws.length === 0 ? 'unhealthy' : down.length === 0 ? 'healthy' : up > 0 ? 'degraded' : 'unhealthy';
      const health: ComponentHealth = {
        status,
        workers: ws.length,
        busy: ws.filter((w) => w.state === 'busy').length,
        restarts: ws.reduce((n, w) => n + w.restarts, 0),
        jobsRunning: runner?.busy ?? 0,
      };
      if (down.length > 0) {
        const last = down
          .map((w) => w.lastExit?.reason)
          .filter(Boolean)
          .join('; ');
        health.message = `${down.length} of ${ws.length} worker(s) down${last ? `: ${last}` : ''}`;
      }
      return Promise.resolve(health);
    },
  };
}

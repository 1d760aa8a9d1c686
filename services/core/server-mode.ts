import type PgBoss from 'pg-boss';
import type { ComponentHealth } from '../contract';
import type { Ctx } from './context';
import type { EventBus } from './events/bus';
import type { JobType } from './jobs/job-types';
import { PgJobService, startBoss } from './jobs/pg-queue';
import { PgQueueRunner } from './jobs/pg-runner';
import { workersComponent, type WorkerOptions } from './jobs/workers-component';
import { createLogger } from './logging/logger';
import type { Component } from './orchestrator';
import { startLeaderElection, type Leader } from './scheduler/leader';
import type { SourceRunner } from './sources/source-runner';
import type { WorkerSupervisor } from './workers/types';

/**
 * Server mode (`--database postgres://…`): the job queue on the remote PostgreSQL (pg-boss), the
 * workers taking jobs from it (any number of processes, on any machines), and the scheduler run by
 * whichever process holds the leader lock. The API's shapes are those of the SQLite queue.
 */
export interface ServerModeOptions {
  url: string;
  ctx: Ctx;
  types: readonly JobType[];
  events: EventBus;
  dataDir: string;
  /** Configuration errors to show in the queue's health. */
  configErrors: () => string[];
  sources: () => SourceRunner | undefined;
}

export function serverMode(o: ServerModeOptions) {
  let boss: PgBoss | undefined;
  let supervisor: WorkerSupervisor | undefined;
  let runner: PgQueueRunner | undefined;
  const log = createLogger('server-mode');

  const queue: Component = {
    name: 'queue',
    async start() {
      boss = await startBoss(o.url, o.types);
      o.ctx.jobs = new PgJobService(boss, o.ctx.pg, o.types, o.events, {
        get runs() {
          return runner !== undefined;
        },
        workers: () => supervisor?.workers() ?? [],
      });
    },
    async stop() {
      o.ctx.jobs = undefined;
      const b = boss;
      boss = undefined;
      await b?.stop({ graceful: false, wait: true });
    },
    async health() {
      const q = await o.ctx.jobs?.queueStatus();
      const errors = o.configErrors();
      const h: ComponentHealth = {
        status: errors.length ? 'degraded' : 'healthy',
        pending: q?.total_pending ?? 0,
        running: q?.running ?? 0,
      };
      if (errors.length) h.message = errors.join('; ');
      return h;
    },
  };

  /** This process runs jobs from the shared queue, through its own worker processes. */
  const workers = (opts: WorkerOptions, graceMs: number): Component =>
    workersComponent(opts, (s) => {
      supervisor = s;
      runner = new PgQueueRunner({
        boss: boss!,
        pg: o.ctx.pg,
        types: o.types,
        log: createLogger('jobs'),
        state: o.ctx.state,
        dataDir: o.dataDir,
        capacity: s.capacity,
        runInWorker: (jobId, task, payload, timeoutMs, source) => {
          const type = o.types.find((t) => t.source === source);
          return s.run({
            jobId,
            task,
            payload,
            timeoutMs,
            ...(type ? { group: { key: type.source, limit: type.concurrency } } : {}),
          });
        },
      });
      // A fetch asked for outside a job (a source test) also runs in a worker.
      o.sources()?.setRunTask((jobId, task, payload, timeoutMs) => {
        const source = (payload as { source?: unknown }).source;
        const type = typeof source === 'string' ? o.types.find((t) => t.source === source) : undefined;
        return s.run({
          jobId,
          task,
          payload,
          timeoutMs,
          ...(type ? { group: { key: type.source, limit: type.concurrency } } : {}),
        });
      });
      return { runner, graceMs };
    });

  /** `inner` (the scheduler) runs only while this process holds the leader lock. */
  const leader = (inner: Component, pollMs = 1000): Component => {
    let election: Leader | undefined;
    let running = false;
    return {
      name: `${inner.name} (leader)`,
      start() {
        election = startLeaderElection({
          url: o.url,
          pollMs,
          log,
          onLead: async () => {
            await inner.start();
            running = true;
          },
          onLose: async () => {
            running = false;
            await inner.stop();
          },
        });
        return Promise.resolve();
      },
      async stop() {
        await election?.stop();
      },
      async health() {
        if (!running) return { status: 'healthy', message: 'standby: another process runs the schedules' };
        return inner.health();
      },
    };
  };

  return { queue, workers, leader, runner: () => runner };
}

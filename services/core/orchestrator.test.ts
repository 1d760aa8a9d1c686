import { describe, expect, it } from 'vitest';
import { AppError, type ComponentHealth } from '../contract';
import { createLogger, type Logger } from './logging/logger';
import { Orchestrator, type Component } from './orchestrator';

function fake(
  name: string,
  log: string[],
  opts: { failStart?: boolean; health?: () => ComponentHealth } = {},
): Component {
  return {
    name,
    start: () => {
      log.push(`start ${name}`);
      return opts.failStart ? Promise.reject(new Error(`${name} cannot start`)) : Promise.resolve();
    },
    stop: () => {
      log.push(`stop ${name}`);
      return Promise.resolve();
    },
    health: () => Promise.resolve(opts.health ? opts.health() : { status: 'healthy' }),
  };
}

describe('Orchestrator', () => {
  it('starts in order, stops in reverse', async () => {
    const log: string[] = [];
    const o = new Orchestrator(createLogger('test'), 0);
    for (const n of ['storage', 'queue', 'workers', 'scheduler', 'api']) await o.add(fake(n, log));
    expect(o.status().map((s) => [s.name, s.state])).toEqual([
      ['storage', 'running'],
      ['queue', 'running'],
      ['workers', 'running'],
      ['scheduler', 'running'],
      ['api', 'running'],
    ]);
    await o.stop();
    expect(log).toEqual([
      'start storage',
      'start queue',
      'start workers',
      'start scheduler',
      'start api',
      'stop api',
      'stop scheduler',
      'stop workers',
      'stop queue',
      'stop storage',
    ]);
  });

  it('reports a component that fails to start, and its error; stopping still stops the others', async () => {
    const log: string[] = [];
    const o = new Orchestrator(createLogger('test'), 0);
    await o.add(fake('storage', log));
    await expect(o.add(fake('queue', log, { failStart: true }))).rejects.toThrow('queue cannot start');
    expect(o.health('queue')).toMatchObject({
      status: 'unhealthy',
      message: 'failed to start: queue cannot start',
    });
    await o.stop();
    expect(log.filter((l) => l.startsWith('stop'))).toEqual(['stop queue', 'stop storage']);
  });

  it('logs a typed refusal to start as a warning, any other start failure as an error', async () => {
    const lines: string[] = [];
    const record =
      (level: string) =>
      (msg: string, fields?: Record<string, unknown>): void =>
        void lines.push(`${level} ${msg} ${String(fields?.component)}`);
    const log: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      child: () => log,
    };
    const o = new Orchestrator(log, 0);
    const refused = {
      ...fake('storage', []),
      start: () => Promise.reject(new AppError('UNAVAILABLE', 'in use')),
    };
    await expect(o.add(refused)).rejects.toThrow('in use');
    await expect(o.add(fake('queue', [], { failStart: true }))).rejects.toThrow('queue cannot start');
    await o.stop();
    expect(lines).toEqual([
      'warn component failed to start storage',
      'error component failed to start queue',
    ]);
  });

  it('lets work a component queued before it stopped run while the ones below it are still open', async () => {
    const log: string[] = [];
    const o = new Orchestrator(createLogger('test'), 0);
    await o.add(fake('storage', log));
    // Like the job dispatcher: a tick queued at start that has not run yet when the stop begins.
    await o.add({
      ...fake('workers', log),
      start: () => {
        setImmediate(() => log.push('queued tick ran'));
        return Promise.resolve();
      },
    });
    await o.stop();
    expect(log).toEqual(['start storage', 'stop workers', 'queued tick ran', 'stop storage']);
  });

  it('health-checks on demand, keeping the reason a component is down', async () => {
    let healthy = true;
    const o = new Orchestrator(createLogger('test'), 0);
    await o.add(
      fake('workers', [], {
        health: () =>
          healthy ? { status: 'healthy' } : { status: 'degraded', message: '1 of 2 worker(s) down: crash' },
      }),
    );
    expect(o.health('workers').status).toBe('healthy');
    healthy = false;
    await o.checkAll();
    expect(o.health('workers')).toEqual({ status: 'degraded', message: '1 of 2 worker(s) down: crash' });
    expect(o.health('nope')).toEqual({ status: 'not_started' });
    await o.stop();
    expect(o.status()[0]?.state).toBe('stopped');
  });

  it('turns a throwing health check into unhealthy with its message', async () => {
    const o = new Orchestrator(createLogger('test'), 0);
    await o.add({ ...fake('api', []), health: () => Promise.reject(new Error('socket closed')) });
    expect(o.health('api')).toEqual({ status: 'unhealthy', message: 'socket closed' });
    await o.stop();
  });
});

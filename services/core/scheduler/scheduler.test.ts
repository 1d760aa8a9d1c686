import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging, createLogger } from '../logging/logger';
import { createScheduler, type LastRunStore, type Scheduler } from './scheduler';
import { ScheduleConfig, type ScheduleConfigInput } from './schedules';

const schedule = (over: Partial<ScheduleConfigInput>): ScheduleConfig =>
  ScheduleConfig.parse({ id: 'bcb-daily', name: 'BCB', cron: '30 10 * * *', sources: ['bcb'], ...over });

function memoryLastRuns(init: Record<string, string> = {}): LastRunStore & { map: Map<string, Date> } {
  const map = new Map(Object.entries(init).map(([k, v]) => [k, new Date(v)]));
  return { map, get: (id) => map.get(id) ?? null, set: (id, at) => void map.set(id, at) };
}

/** Log lines captured for assertions. */
function captureLogs(): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  configureLogging({
    sink: { write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>) },
    level: 'debug',
  });
  return lines;
}

let running: Scheduler | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  configureLogging({ sink: { write: (l) => void process.stderr.write(l) }, level: 'warn' });
});

describe('missed runs at start', () => {
  // Wed 2025-03-12 11:00 in São Paulo (14:00Z): the 10:30 run of that day is due.
  const now = (): Date => new Date('2025-03-12T14:00:00Z');

  async function startWith(schedules: ScheduleConfig[], lastRuns: LastRunStore, at = now) {
    const fired: Array<{ id: string; at: string }> = [];
    running = createScheduler({
      schedules,
      lastRuns,
      now: at,
      log: createLogger('scheduler-test'),
      onFire: (s, firedAt) => void fired.push({ id: s.id, at: firedAt.toISOString() }),
    });
    await running.start();
    return fired;
  }

  it('fires once a schedule whose due time is after its last run', async () => {
    const lastRuns = memoryLastRuns({ 'bcb-daily': '2025-03-11T13:30:00Z' });
    const fired = await startWith([schedule({})], lastRuns);
    expect(fired).toEqual([{ id: 'bcb-daily', at: '2025-03-12T14:00:00.000Z' }]);
    expect(lastRuns.map.get('bcb-daily')?.toISOString()).toBe('2025-03-12T14:00:00.000Z');
  });

  it('does not fire when the last run is recent', async () => {
    const fired = await startWith([schedule({})], memoryLastRuns({ 'bcb-daily': '2025-03-12T13:30:05Z' }));
    expect(fired).toEqual([]);
  });

  it('does not fire with runMissedOnStart false', async () => {
    const fired = await startWith(
      [schedule({ runMissedOnStart: false })],
      memoryLastRuns({ 'bcb-daily': '2025-03-01T13:30:00Z' }),
    );
    expect(fired).toEqual([]);
  });

  it('does not fire a disabled schedule', async () => {
    const fired = await startWith(
      [schedule({ enabled: false })],
      memoryLastRuns({ 'bcb-daily': '2025-03-01T13:30:00Z' }),
    );
    expect(fired).toEqual([]);
  });

  it('first start (never run): records now as the baseline and does not fire', async () => {
    const lastRuns = memoryLastRuns();
    const fired = await startWith([schedule({})], lastRuns);
    expect(fired).toEqual([]);
    expect(lastRuns.map.get('bcb-daily')?.toISOString()).toBe('2025-03-12T14:00:00.000Z');
  });

  it('first start records the baseline through setBaseline when the store has one (not a run)', async () => {
    const baselines: string[] = [];
    const runs: string[] = [];
    const store: LastRunStore = {
      get: () => null,
      set: (id) => void runs.push(id),
      setBaseline: (id, at) => void baselines.push(`${id}@${at.toISOString()}`),
    };
    expect(await startWith([schedule({})], store)).toEqual([]);
    expect(baselines).toEqual(['bcb-daily@2025-03-12T14:00:00.000Z']);
    expect(runs).toEqual([]);
  });

  it('tradingDaysOnly on a holiday: no fire, and the skip is logged with the holiday', async () => {
    const logs = captureLogs();
    const carnivalMonday = (): Date => new Date('2025-03-03T15:00:00Z'); // 12:00 São Paulo
    const hourly = schedule({
      id: 'b3-market-data-hourly',
      cron: '0 9-17 * * 1-5',
      sources: ['b3'],
      tradingDaysOnly: true,
    });
    // Last run Friday 17:00: the last trading-day slot — nothing missed (Carnival does not count).
    let fired = await startWith(
      [hourly],
      memoryLastRuns({ [hourly.id]: '2025-02-28T20:00:00Z' }),
      carnivalMonday,
    );
    expect(fired).toEqual([]);
    await running?.stop();
    // Last run Thursday: Friday's slots were missed, but today is Carnival, so the catch-up is skipped.
    fired = await startWith(
      [hourly],
      memoryLastRuns({ [hourly.id]: '2025-02-27T20:00:00Z' }),
      carnivalMonday,
    );
    expect(fired).toEqual([]);
    const skip = logs.find((l) => l.msg === 'schedule skipped: not a B3 trading day');
    expect(skip).toMatchObject({
      scheduleId: hourly.id,
      holiday: 'Carnaval (segunda-feira)',
      reason: 'missed',
    });
  });

  it('without tradingDaysOnly the same holiday start would fire', async () => {
    const carnivalMonday = (): Date => new Date('2025-03-03T15:00:00Z');
    const hourly = schedule({ id: 'b3-market-data-hourly', cron: '0 9-17 * * 1-5', sources: ['b3'] });
    const fired = await startWith(
      [hourly],
      memoryLastRuns({ [hourly.id]: '2025-02-28T20:00:00Z' }),
      carnivalMonday,
    );
    expect(fired.map((f) => f.id)).toEqual([hourly.id]);
  });

  it('keeps going when onFire throws, logging the error and not recording the run', async () => {
    const logs = captureLogs();
    const lastRuns = memoryLastRuns({ 'bcb-daily': '2025-03-11T13:30:00Z' });
    running = createScheduler({
      schedules: [schedule({})],
      lastRuns,
      now,
      onFire: () => Promise.reject(new Error('queue down')),
    });
    await running.start();
    expect(lastRuns.map.get('bcb-daily')?.toISOString()).toBe('2025-03-11T13:30:00.000Z');
    expect(logs.some((l) => l.msg === 'schedule fire failed' && l.level === 'error')).toBe(true);
  });
});

describe('status and edits', () => {
  const now = (): Date => new Date('2025-03-12T14:00:00Z');

  it('status shows next and last runs; disabling clears the next run', async () => {
    const lastRuns = memoryLastRuns({ 'bcb-daily': '2025-03-12T13:30:00Z' });
    running = createScheduler({ schedules: [schedule({})], lastRuns, now, onFire: () => undefined });
    await running.start();
    expect(running.status()).toEqual([
      {
        id: 'bcb-daily',
        name: 'BCB',
        enabled: true,
        nextRunAt: '2025-03-13T13:30:00.000Z',
        lastRunAt: '2025-03-12T13:30:00.000Z',
      },
    ]);
    await running.setEnabled('bcb-daily', false);
    expect(running.status()[0]?.nextRunAt).toBeNull();
    const updated = await running.update('bcb-daily', { cron: '0 11 * * *', enabled: true });
    expect(updated.cron).toBe('0 11 * * *');
    expect(running.status()[0]?.nextRunAt).toBe('2025-03-13T14:00:00.000Z');
  });

  it('rejects an invalid edit and an unknown source when a catalogue is given', async () => {
    running = createScheduler({
      schedules: [schedule({})],
      lastRuns: memoryLastRuns(),
      now,
      knownSources: new Set(['bcb']),
      onFire: () => undefined,
    });
    await expect(running.update('bcb-daily', { cron: 'nope' })).rejects.toThrow(/invalid cron/);
    await expect(running.update('bcb-daily', { sources: ['bcbb'] })).rejects.toThrow(
      /unknown source id "bcbb"/,
    );
    await expect(running.update('missing', { enabled: false })).rejects.toThrow(/unknown schedule id/);
    expect(running.list()[0]?.cron).toBe('30 10 * * *');
  });
});

describe('bree timing', () => {
  const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

  it('a real bree worker fires the schedule (test-only interval)', async () => {
    const fired: string[] = [];
    const lastRuns = memoryLastRuns();
    const firedTwice = new Promise<void>((resolve) => {
      running = createScheduler({
        schedules: [schedule({ runMissedOnStart: false }), schedule({ id: 'off', enabled: false })],
        lastRuns,
        testIntervalMs: 150,
        onFire: (s) => {
          fired.push(s.id);
          if (fired.length === 2) resolve();
        },
      });
    });
    await running?.start();
    await firedTwice;
    await running?.stop();
    expect(fired).toEqual(['bcb-daily', 'bcb-daily']);
    expect(lastRuns.map.has('bcb-daily')).toBe(true);
  });

  it('a bree firing on a holiday is skipped for a tradingDaysOnly schedule', async () => {
    const logs = captureLogs();
    const fired: string[] = [];
    const skipped = new Promise<void>((resolve) => {
      configureLogging({
        sink: {
          write: (l) => {
            const entry = JSON.parse(l) as Record<string, unknown>;
            logs.push(entry);
            if (entry.msg === 'schedule skipped: not a B3 trading day') resolve();
          },
        },
      });
    });
    running = createScheduler({
      schedules: [schedule({ tradingDaysOnly: true, runMissedOnStart: false })],
      lastRuns: memoryLastRuns(),
      now: () => new Date('2025-04-18T13:30:00Z'), // Good Friday 10:30 in São Paulo
      testIntervalMs: 100,
      onFire: (s) => void fired.push(s.id),
    });
    await running.start();
    await skipped;
    await running.stop();
    expect(fired).toEqual([]);
    expect(logs.find((l) => l.reason === 'cron')).toMatchObject({
      holiday: 'Sexta-feira Santa (Paixão de Cristo)',
    });
  });

  it('start then stop leaves no timers behind (cron jobs, the real bree path)', async () => {
    const before = timers();
    const s = createScheduler({
      schedules: [schedule({}), schedule({ id: 'every-minute', cron: '* * * * *', tradingDaysOnly: true })],
      lastRuns: memoryLastRuns(),
      onFire: () => undefined,
    });
    await s.start();
    expect(timers()).toBeGreaterThan(before);
    await s.stop();
    expect(timers()).toBe(before);
  });
});

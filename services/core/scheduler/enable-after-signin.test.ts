import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { createLogger } from '../logging/logger';
import { openState, type StateDb } from '../storage/state';
import { ScheduleService } from './schedule-service';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const weekly = (id: string, source: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  cron: '0 6 * * 1',
  sources: [source],
  tickers: ['PETR4'],
  enabled: false,
  disabledReason: 'sign in first',
  ...extra,
});

async function service(configured: Record<string, { enabled?: boolean }> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'b3ai-sched-signin-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'res', 'schedules'), { recursive: true });
  writeFileSync(
    join(dir, 'res', 'schedules', 'default.json'),
    JSON.stringify({
      schedules: [
        weekly('fundamentei-weekly', 'fundamentei'),
        weekly('advfn-daily', 'advfn'),
        weekly('advfn-off', 'advfn', { disabledReason: undefined }),
      ],
    }),
  );
  const db: StateDb = openState(join(dir, 'data'), join(RESOURCES_DIR, 'migrations', 'sqlite'));
  cleanups.push(() => {
    db.close();
  });
  const s = new ScheduleService({
    db,
    resourcesDir: join(dir, 'res'),
    jobs: () => undefined,
    available: new Set(['fundamentei', 'advfn']),
    log: createLogger('test'),
    paused: true,
    configured: () => configured,
  });
  const component = s.component();
  await component.start();
  cleanups.push(() => component.stop());
  return s;
}

describe('ScheduleService.enableAfterSignin', () => {
  it("turns on the site's schedules that waited for a sign-in, and only those", async () => {
    const s = await service();
    expect(await s.enableAfterSignin('advfn')).toEqual(['advfn-daily']);
    const byId = new Map(s.list().schedules.map((x) => [x.id, x]));
    expect(byId.get('advfn-daily')?.enabled).toBe(true);
    expect(byId.get('advfn-off')?.enabled).toBe(false);
    expect(byId.get('fundamentei-weekly')?.enabled).toBe(false);
    // Once on, a second sign-in changes nothing.
    expect(await s.enableAfterSignin('advfn')).toEqual([]);
  });

  it('leaves alone a schedule the user or config.json switched either way', async () => {
    const s = await service({ 'fundamentei-weekly': { enabled: false } });
    expect(await s.enableAfterSignin('fundamentei')).toEqual([]);
    await s.update('advfn-daily', { enabled: false });
    expect(await s.enableAfterSignin('advfn')).toEqual([]);
  });
});

/**
 * One first start of the database on a new folder, in a fresh process (the WebAssembly module is
 * compiled anew each time, as in a real first start; `existing` reopens a folder made before, the
 * floor a first start can come down to):
 *   node bin/run-ts.mjs bench/memory/first-start.ts template|initdb|existing DIR
 * Prints one JSON line: wall and CPU ms of `openPg` (create + migrations), where the cluster came
 * from, and the process's RSS after it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureLogging } from '../../services/core/logging/logger';
import { openPgFrom } from '../../services/core/storage/pg';
import { RESOURCES_DIR } from '../../test/helpers/fixtures';

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'template' && mode !== 'initdb' && mode !== 'existing') || !dir) {
  console.error('usage: first-start.ts template|initdb|existing DIR');
  process.exit(2);
}
configureLogging({ level: 'error' });
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu0 = cpu();
const t0 = performance.now();
const { pg, from } = await openPgFrom({
  dir,
  migrationsDir: join(RESOURCES_DIR, 'migrations', 'pg'),
  ...(mode === 'initdb' ? { template: false as const } : {}),
});
const ms = performance.now() - t0;
const cpuMs = cpu() - cpu0;
const status = readFileSync('/proc/self/status', 'utf8');
const mb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
await pg.close();
console.log(JSON.stringify({ from, ms, cpuMs, rssMb: mb('VmRSS'), hwmMb: mb('VmHWM') }));

// Test fixture: a parent that forks one worker, prints its pid, and waits to be killed.
import { fileURLToPath } from 'node:url';
import { forkSpawner } from '../fork';

const entry = fileURLToPath(new URL('./basic-worker.ts', import.meta.url));
const worker = forkSpawner(entry)({ maxOldSpaceMb: 64 });
worker.onMessage((m) => {
  if (typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'ready') {
    process.stdout.write(`${worker.pid}\n`);
  }
});
setInterval(() => undefined, 1_000);

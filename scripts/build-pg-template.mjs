#!/usr/bin/env node
// Part of `npm run build`: the migrated PGlite cluster a new data dir starts from (out/pg-template/,
// see services/core/storage/pg-template.ts), so the first start loads a tarball instead of running
// initdb. Skipped when out/pg-template already holds one of the same migrations and PGlite.
// Runs the TypeScript builder through tsx: a build-time step, like the rest of `npm run build`.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const APP_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

process.env.B3AI_LOG_LEVEL ??= 'warn';
register();
const { ensurePgTemplate } = await import('../services/core/storage/pg-template-build.ts');
const { PG_TEMPLATE_DIR } = await import('../services/core/storage/pg-template.ts');
try {
  const r = await ensurePgTemplate(join(APP_ROOT, 'resources', 'migrations', 'pg'));
  const where = PG_TEMPLATE_DIR.slice(APP_ROOT.length + 1);
  console.log(
    r.built
      ? `b3ai: database template built into ${where} (${r.manifest.migrations.count} migrations, ${(r.manifest.bytes / 2 ** 20).toFixed(1)} MiB) in ${(r.ms / 1000).toFixed(1)} s`
      : `b3ai: database template in ${where} is up to date (${r.manifest.migrations.count} migrations)`,
  );
} catch (e) {
  console.error(
    `b3ai: the database template could not be built: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
}

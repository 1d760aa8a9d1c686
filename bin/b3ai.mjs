#!/usr/bin/env node
// The b3ai command. It runs the CLI bundled at build time (out/main/cli.js, made by `npm run build`,
// which `npm install` runs too), never TypeScript at run time. When out/ is missing or older than the
// sources it says so and names the command that fixes it, rather than rebuilding behind the user's
// back (a build takes 10-40 s and rewrites out/, which a running app or test may be using).
//   B3AI_FROM_SOURCE=1         run the sources through tsx (a dev dependency) instead
//   B3AI_FROM_SOURCE=if-stale  the bundle when it is up to date, else the sources (the tests use it)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ROOT, buildState } from './build-state.mjs';

const mode = process.env.B3AI_FROM_SOURCE ?? '';
const state = mode === '1' ? { fresh: false, reason: 'B3AI_FROM_SOURCE=1' } : buildState(['main']);

if (state.fresh) {
  await import(pathToFileURL(join(APP_ROOT, 'out', 'main', 'cli.js')).href);
} else if (mode === '1' || mode === 'if-stale') {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('b3ai: running from source needs tsx (a dev dependency): run "npm install"');
    process.exit(1);
  }
  register();
  await import(pathToFileURL(join(APP_ROOT, 'services', 'server', 'cli', 'main.ts')).href);
} else {
  console.error(`b3ai: the built app in out/ is not up to date (${state.reason}); run "npm run build"`);
  process.exit(1);
}

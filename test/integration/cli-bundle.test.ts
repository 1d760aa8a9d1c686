import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildState, missingDependencies } from '../../bin/build-state.mjs';
import { REPO_ROOT } from '../helpers/fixtures';
import { cliEnv, exited, runCli, startCli, waitForOutput } from './cli-runner';
import { removeDir, tempDir } from './helpers';

/** A throwaway app folder with copies of the given repo files (bin/, scripts/ find the app from their own place). */
function fakeApp(files: string[]): string {
  const root = tempDir();
  for (const f of files) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    copyFileSync(join(REPO_ROOT, f), join(root, f));
  }
  return root;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** A build record as electron.vite.config.ts writes it, for a one-file "app". */
function recordBuild(root: string, builtAt = Date.now()): void {
  write(root, 'src/a.ts', 'export {};\n');
  utimesSync(join(root, 'src/a.ts'), new Date(builtAt - 60_000), new Date(builtAt - 60_000));
  write(root, 'out/main/cli.js', "console.log('the bundled cli ran', process.argv.slice(2).join(' '));\n");
  write(
    root,
    'out/.build/main.json',
    JSON.stringify({ target: 'main', builtAt, entries: ['out/main/cli.js'], sources: ['src/a.ts'] }),
  );
}

let scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) removeDir(d);
  scratch = [];
});

describe('build state (bin/build-state.mjs)', () => {
  it('is fresh after a build, stale once a source changes, is removed, or an entry is missing', () => {
    const root = tempDir();
    scratch.push(root);
    expect(buildState(['main'], root)).toEqual({
      fresh: false,
      reason: 'out/ has no complete build of the main code',
    });
    recordBuild(root);
    expect(buildState(['main'], root)).toEqual({ fresh: true });

    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src/a.ts'), later, later);
    expect(buildState(['main'], root)).toEqual({
      fresh: false,
      reason: 'src/a.ts changed since the last build',
    });

    recordBuild(root, Date.now() + 10_000);
    rmSync(join(root, 'out/main/cli.js'));
    expect(buildState(['main'], root)).toEqual({ fresh: false, reason: 'out/main/cli.js is missing' });

    recordBuild(root);
    rmSync(join(root, 'src/a.ts'));
    expect(buildState(['main'], root)).toEqual({
      fresh: false,
      reason: 'src/a.ts was removed since the last build',
    });
  });

  it('names the dependencies node_modules lacks', () => {
    const root = tempDir();
    scratch.push(root);
    write(root, 'package.json', JSON.stringify({ dependencies: { zod: '1', bree: '1' } }));
    write(root, 'node_modules/zod/package.json', '{}');
    expect(missingDependencies(root)).toEqual(['bree']);
  });
});

describe('bin/b3ai.mjs', () => {
  it('runs the bundle when it is up to date, and names "npm run build" when it is not', () => {
    const root = fakeApp(['bin/b3ai.mjs', 'bin/build-state.mjs']);
    scratch.push(root);
    const run = (env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [join(root, 'bin/b3ai.mjs'), 'quotes', 'PETR4'], {
        encoding: 'utf8',
        env: { ...process.env, B3AI_FROM_SOURCE: '', ...env },
      });

    let r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'b3ai: the built app in out/ is not up to date (out/ has no complete build of the main code); run "npm run build"\n',
    );

    recordBuild(root);
    r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('the bundled cli ran quotes PETR4\n');

    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src/a.ts'), later, later);
    r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('(src/a.ts changed since the last build); run "npm run build"');
  });
});

describe('npm start on a broken install (scripts/start.mjs)', () => {
  const start = (root: string) =>
    spawnSync(process.execPath, [join(root, 'scripts/start.mjs')], { encoding: 'utf8', env: process.env });

  it('without node_modules: says so and names "npm install"', () => {
    const root = fakeApp(['scripts/start.mjs', 'bin/build-state.mjs', 'package.json']);
    scratch.push(root);
    const r = start(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'npm start: the dependencies are not installed (there is no node_modules folder); run "npm install"\n',
    );
  });

  it('with a dependency missing: names it and "npm install"', () => {
    const root = fakeApp(['scripts/start.mjs', 'bin/build-state.mjs', 'package.json']);
    scratch.push(root);
    const deps = Object.keys(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: object }).dependencies,
    );
    for (const d of deps.filter((d) => d !== 'zod')) write(root, `node_modules/${d}/package.json`, '{}');
    const r = start(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('npm start: node_modules is incomplete (missing: zod); run "npm install"\n');
  });
});

describe('the bundled CLI (needs `npm run build`; npm test builds first)', () => {
  /** Every file the bundle loads before running any code, following static imports only. */
  function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
    const files = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (files.has(file)) return;
      files.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(
        /^(?:import|export)\s[^;]*?from\s*"([^"]+)";?$|^import\s*"([^"]+)";?$/gms,
      )) {
        const spec = m[1] ?? m[2] ?? '';
        if (spec.startsWith('.')) visit(join(dirname(file), spec));
        else packages.add(spec);
      }
    };
    visit(entry);
    return { files, packages };
  }

  it('`b3ai --help` loads only the CLI entry and its version: no zod, PGlite or core', () => {
    const cli = join(REPO_ROOT, 'out/main/cli.js');
    expect(existsSync(cli), 'out/main/cli.js is missing: run "npm run build"').toBe(true);
    const { files, packages } = staticImports(cli);
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect(files.size).toBeLessThanOrEqual(3);
    // The commands are there, each behind a dynamic import.
    const code = readFileSync(cli, 'utf8');
    expect(code.match(/import\("\.\/chunks\/[\w-]+\.js"\)/g)?.length).toBeGreaterThanOrEqual(7);
  });
});

describe('CLI output into a closed pipe (`b3ai serve | head -1`, then Ctrl+C)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDir();
  });
  afterAll(() => removeDir(dataDir));

  it('stops quietly and cleanly: exit 0, no EPIPE stack trace, the data dir released', async () => {
    const child = startCli(
      ['serve', '--port', '0', '--no-open', '--pause-schedules', '--data-dir', dataDir],
      cliEnv({ B3AI_LOG_LEVEL: 'error' }),
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    await waitForOutput(child, /http:\/\/127\.0\.0\.1:\d+/);
    child.stdout.destroy(); // the reader goes away, as `head -1` does after its line
    child.kill('SIGINT');
    const { code, signal } = await exited(child);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/^\s+at\s/m);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'core.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
  });
});

describe('worker processes of the bundled `b3ai serve`', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDir();
  });
  afterAll(() => removeDir(dataDir));

  /** Command lines of the live children of `pid` (Linux /proc). */
  function children(pid: number): string[] {
    const out: string[] = [];
    for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === pid)
          out.push(readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim());
      } catch {
        /* gone meanwhile */
      }
    }
    return out;
  }

  it('run out/main/worker.js with plain Node, never tsx', async () => {
    // B3AI_FROM_SOURCE unset: the bundle or nothing (a stale out/ fails here, naming `npm run build`).
    const child = startCli(
      ['serve', '--port', '0', '--no-open', '--pause-schedules', '--data-dir', dataDir],
      cliEnv({ B3AI_LOG_LEVEL: 'error', B3AI_FROM_SOURCE: '' }),
    );
    await waitForOutput(child, /http:\/\/127\.0\.0\.1:\d+/);
    // A job makes sure a worker runs, however the pool starts them (eagerly or on demand).
    const job = await runCli(['jobs', 'create', 'selftest', '--query', 'noop', '--data-dir', dataDir]);
    expect(job.code, job.stderr).toBe(0);
    let workers: string[] = [];
    for (let i = 0; i < 200 && workers.length === 0; i++) {
      workers = children(child.pid!);
      if (workers.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    await exited(child);
    expect(workers.length).toBeGreaterThan(0);
    for (const cmd of workers) {
      expect(cmd).toContain(join(REPO_ROOT, 'out/main/worker.js'));
      expect(cmd).not.toContain('tsx');
    }
  });
});

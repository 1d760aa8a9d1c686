import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './services/contract/security';

/** The CSP meta tag goes into the built page only; the dev server's inline refresh script needs more. */
function cspMeta(): Plugin {
  return {
    name: 'b3ai-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

const ROOT = import.meta.dirname;

/**
 * Writes out/.build/<target>.json: when the target was built and from which source files. `b3ai`
 * and `npm start` compare those files' mtimes with it (bin/build-state.mjs) to know, with one stat
 * per file, whether out/ is older than the sources. Removed when a build starts, written once its
 * files are, so a failed build reads as "not built".
 */
function buildInfo(target: 'main' | 'preload' | 'renderer', entries: string[]): Plugin {
  const file = resolve(ROOT, 'out', '.build', `${target}.json`);
  let builtAt = 0;
  let sources: string[] = [];
  return {
    name: 'b3ai-build-info',
    apply: 'build',
    buildStart() {
      builtAt = Date.now();
      rmSync(file, { force: true });
    },
    generateBundle(_options, bundle) {
      // Not package.json: npm rewrites it after every install (and so after the postinstall's build);
      // a new dependency matters only once a source imports it, and that source is listed.
      const ids = new Set<string>(['electron.vite.config.ts']);
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        for (const id of item.moduleIds) {
          const path = id.split('?')[0] ?? '';
          if (path.startsWith('\0') || path.includes('/node_modules/') || !path.startsWith(ROOT)) continue;
          ids.add(relative(ROOT, path));
        }
      }
      sources = [...ids].sort();
    },
    writeBundle() {
      mkdirSync(resolve(ROOT, 'out', '.build'), { recursive: true });
      writeFileSync(file, `${JSON.stringify({ target, builtAt, entries, sources }, null, 1)}\n`);
    },
  };
}

export default defineConfig({
  main: {
    plugins: [buildInfo('main', ['out/main/index.js', 'out/main/worker.js', 'out/main/cli.js'])],
    build: {
      rollupOptions: {
        input: {
          index: resolve(ROOT, 'electron/main/index.ts'),
          // The worker processes' entry (utilityProcess.fork in Electron, child_process.fork headless).
          worker: resolve(ROOT, 'services/core/workers/worker-main.ts'),
          // The b3ai command (bin/b3ai.mjs loads it). Each command is a dynamic import, so its own
          // chunk: `b3ai --help` loads only this entry.
          cli: resolve(ROOT, 'services/server/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [buildInfo('preload', ['out/preload/index.cjs'])],
    build: {
      // A sandboxed preload must be a single CommonJS file.
      rollupOptions: {
        input: { index: resolve(ROOT, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(ROOT, 'renderer'),
    plugins: [react(), cspMeta(), buildInfo('renderer', ['out/renderer/index.html'])],
    build: {
      rollupOptions: { input: { index: resolve(ROOT, 'renderer/index.html') } },
    },
  },
});

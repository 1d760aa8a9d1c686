import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FIXTURES_DIR, REPO_ROOT } from '../helpers/fixtures';
import { launchChromium, newAppPage } from './browser';
import { startServe, type ServeProcess } from './serve-process';

export const ARTIFACTS = join(REPO_ROOT, 'test-results', 'e2e');

/** What an e2e file works with: a fresh data dir, `b3ai serve` on it, Chromium and one app page. */
export interface AppSession {
  dataDir: string;
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
}

/** Open a session; `prepare` runs on the data dir before the server starts (e.g. a config.json). */
export async function openAppSession(
  prefix: string,
  viewport: { width: number; height: number },
  prepare?: (dataDir: string) => void | Promise<void>,
  /** serve's log level (default warn); tests that read its log for a line ask for `info`. */
  logLevel?: string,
): Promise<AppSession> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  await prepare?.(dataDir);
  allowTestImports(dataDir);
  const serve = await startServe(dataDir, logLevel);
  const browser = await launchChromium();
  const { page, consoleErrors } = await newAppPage(browser, viewport);
  // Sign in as a user does: the one-time link serve printed sets the session cookie.
  await page.goto(serve.signInUrl);
  return { dataDir, serve, browser, page, consoleErrors };
}

/**
 * The tests name files by path over HTTP (saved pages, feeds they write): like a user who lists
 * their folders in config.json's imports.allowedDirs, the shared captures and the temp folder are
 * allowed (kept with whatever config `prepare` wrote).
 */
function allowTestImports(dataDir: string): void {
  const file = join(dataDir, 'config.json');
  const config = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as {
    imports?: { allowedDirs?: string[] };
  };
  const allowed = [...(config.imports?.allowedDirs ?? []), FIXTURES_DIR, tmpdir()];
  config.imports = { ...config.imports, allowedDirs: allowed };
  writeFileSync(file, JSON.stringify(config, null, 2));
}

/** Close the browser, stop the server (its exit code is returned) and remove the data dir. */
export async function closeAppSession(s: AppSession | undefined): Promise<number | null> {
  if (!s) return null;
  await s.browser.close();
  const code = await s.serve.stop();
  rmSync(s.dataDir, { recursive: true, force: true });
  return code;
}

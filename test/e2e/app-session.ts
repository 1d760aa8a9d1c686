import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/fixtures';
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
): Promise<AppSession> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  await prepare?.(dataDir);
  const serve = await startServe(dataDir);
  const browser = await launchChromium();
  const { page, consoleErrors } = await newAppPage(browser, viewport);
  return { dataDir, serve, browser, page, consoleErrors };
}

/** Close the browser, stop the server (its exit code is returned) and remove the data dir. */
export async function closeAppSession(s: AppSession | undefined): Promise<number | null> {
  if (!s) return null;
  await s.browser.close();
  const code = await s.serve.stop();
  rmSync(s.dataDir, { recursive: true, force: true });
  return code;
}

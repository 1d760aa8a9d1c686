import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sign-in window: the user's installed browser, started as a plain process on the source's
 * profile. No automation flags and no debugging port (Google refuses sign-in in a browser under
 * automation). The two storage flags keep the profile's cookies readable by the headless jobs that
 * open the same profile with playwright-core afterwards (it passes the same ones): without them
 * Linux would encrypt with the desktop keyring and macOS with the Keychain, which Playwright's
 * browsers do not use.
 */
export interface SigninWindowOptions {
  executablePath: string;
  profile: string;
  url: string;
  /**
   * Tests only: headless, with a DevTools port (the browser writes it to `<profile>/DevToolsActivePort`)
   * so the test can drive the window through `chromium.connectOverCDP`. Production never sets it.
   */
  testDriveable?: boolean;
}

export function signinArgs(o: SigninWindowOptions): string[] {
  const args = [`--user-data-dir=${o.profile}`, '--no-first-run', '--no-default-browser-check'];
  if (process.platform === 'linux') args.push('--password-store=basic');
  if (process.platform === 'darwin') args.push('--use-mock-keychain');
  // Chromium refuses to start as root without it (containers); never the case for a desktop user.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (o.testDriveable) args.push('--headless=new', '--remote-debugging-port=0', '--disable-gpu');
  args.push('--new-window', o.url);
  return args;
}

export interface SigninWindow {
  child: ChildProcess;
  /** Resolves once the browser process has exited (closed by the user, or by `close`). */
  exited: Promise<void>;
  /** Ask the browser to quit (it flushes its cookie store first); kill it if it has not within `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

export function openSigninWindow(o: SigninWindowOptions): SigninWindow {
  mkdirSync(o.profile, { recursive: true, mode: 0o700 });
  // A port file from an earlier window would send the test to a closed port.
  if (o.testDriveable) rmSync(join(o.profile, 'DevToolsActivePort'), { force: true });
  const child = spawn(o.executablePath, signinArgs(o), { stdio: 'ignore', detached: false });
  // The app quitting ends its sign-in window too (a browser outlives its parent otherwise).
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      process.removeListener('exit', killOnExit);
      resolve();
    });
    // A missing executable: 'error' and no 'exit'.
    child.once('error', () => resolve());
  });
  return {
    child,
    exited,
    async close(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        exited,
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, graceMs);
        }),
      ]);
      clearTimeout(timer);
      await exited;
    },
  };
}

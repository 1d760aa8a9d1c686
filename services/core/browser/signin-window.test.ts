import { describe, expect, it } from 'vitest';
import { signinArgs } from './signin-window';

const base = {
  executablePath: '/usr/bin/chromium',
  profile: '/data/browser/fundamentei',
  url: 'https://x.test/login',
};

describe('the sign-in window command line', () => {
  it('is a plain browser on the profile: no automation flag, no debugging port, no headless', () => {
    const args = signinArgs(base);
    expect(args).toEqual(
      expect.arrayContaining([
        '--user-data-dir=/data/browser/fundamentei',
        '--no-first-run',
        '--no-default-browser-check',
        '--new-window',
      ]),
    );
    expect(args.at(-1)).toBe('https://x.test/login');
    for (const a of args) {
      expect(a).not.toMatch(/remote-debugging|enable-automation|headless|AutomationControlled|test-type/);
    }
  });

  it('only the test mode adds headless and a DevTools port', () => {
    const args = signinArgs({ ...base, testDriveable: true });
    expect(args).toEqual(expect.arrayContaining(['--headless=new', '--remote-debugging-port=0']));
    expect(args.at(-1)).toBe('https://x.test/login');
  });
});

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { profileHolder } from './profile-paths';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function profile(lockTarget?: string): string {
  const d = mkdtempSync(join(tmpdir(), 'b3ai-profile-'));
  dirs.push(d);
  mkdirSync(d, { recursive: true });
  if (lockTarget !== undefined) symlinkSync(lockTarget, join(d, 'SingletonLock'));
  return d;
}

describe('profileHolder', () => {
  it('names the live browser that holds a profile, and nothing for a free or stale one', () => {
    expect(profileHolder(profile())).toBeNull();
    expect(profileHolder(profile(`${hostname()}-${process.pid}`))).toBe(process.pid);
    // A lock left by a browser that is gone (pid 2^22 + 1 is above Linux's pid_max default).
    expect(profileHolder(profile(`${hostname()}-4194305`))).toBeNull();
    expect(profileHolder(profile('not-a-lock'))).toBeNull();
  });

  it("finds a headless browser by its --user-data-dir when there is no lock (a job's browser)", async () => {
    const dir = profile();
    const child = spawn(
      process.execPath,
      ['-e', 'setTimeout(() => {}, 30000)', '--', `--user-data-dir=${dir}`],
      {
        stdio: 'ignore',
      },
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(profileHolder(dir)).toBe(child.pid);
      expect(profileHolder(profile())).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  });
});

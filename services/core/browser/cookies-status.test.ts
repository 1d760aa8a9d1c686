import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyCipher } from '../ai/secrets';
import { loginTestSource } from '../../sources/login-test';
import { cookieHeader, cookieStore } from './cookies-copy';
import { cookieStatus, sourceSession } from './cookies-status';
import { chromiumTimeToIso, type ProfileCookie } from './cookies-store';
import { coversHost, loginUrl, type LoginSource } from './profile-paths';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const src = loginTestSource('http://127.0.0.1:4321') as LoginSource;
const cookie = (over: Partial<ProfileCookie> = {}): ProfileCookie => ({
  host: '127.0.0.1',
  name: 'b3_session',
  expiresAt: new Date(NOW + 20 * DAY).toISOString(),
  createdAt: new Date(NOW - 2 * DAY).toISOString(),
  httpOnly: true,
  ...over,
});
const session = (cookies: ProfileCookie[], lastError: { at: string; code: string } | null = null) =>
  sourceSession({ source: src, cookies, hosts: ['127.0.0.1'], windowOpen: false, lastError, now: NOW });

describe('cookie status figures', () => {
  it('Chromium times (µs since 1601) become ISO times; 0 means none', () => {
    // 2026-12-07T12:00:00Z: (ms since 1970 + 11644473600000) × 1000.
    expect(chromiumTimeToIso(BigInt(NOW + 11_644_473_600_000) * 1000n)).toBe('2026-12-07T12:00:00.000Z');
    expect(chromiumTimeToIso(0n)).toBeNull();
  });

  it('a live session: signed in, expiry in days, age, ok', () => {
    const s = session([cookie(), cookie({ name: 'other' }), cookie({ host: 'evil.test' })]);
    expect(s).toMatchObject({
      state: 'signed-in',
      signed_in: true,
      expires_in_days: 20,
      needs_renewal: false,
    });
    expect(s.cookies).toEqual([
      { name: 'b3_session', host: '127.0.0.1', expires_at: cookie().expiresAt, http_only: true },
    ]);
    const st = cookieStatus([s], NOW);
    expect(st).toMatchObject({ exists: true, valid: true, age_days: 2, expires_in_days: 20, severity: 'ok' });
    expect(st.action_required).toBeNull();
  });

  it('near its end: still signed in, asks for renewal (warning), critical under a day', () => {
    const soon = session([cookie({ expiresAt: new Date(NOW + 3 * DAY).toISOString() })]);
    expect(soon).toMatchObject({ state: 'signed-in', needs_renewal: true, expires_in_days: 3 });
    expect(cookieStatus([soon], NOW)).toMatchObject({ severity: 'warning', needs_renewal: true });
    const hours = session([cookie({ expiresAt: new Date(NOW + DAY / 4).toISOString() })]);
    expect(cookieStatus([hours], NOW).severity).toBe('critical');
  });

  it('an expired cookie, or a session the site refused after the sign-in: expired, critical', () => {
    const old = session([cookie({ expiresAt: new Date(NOW - DAY).toISOString() })]);
    expect(old).toMatchObject({
      state: 'expired',
      signed_in: false,
      needs_renewal: true,
      expires_in_days: -1,
    });
    const refused = session([cookie()], { at: new Date(NOW - DAY).toISOString(), code: 'UNAUTHORIZED' });
    expect(refused.state).toBe('expired');
    // A refusal from before this sign-in is history, not this session's.
    const before = session([cookie()], { at: new Date(NOW - 3 * DAY).toISOString(), code: 'UNAUTHORIZED' });
    expect(before.state).toBe('signed-in');
    const st = cookieStatus([old], NOW);
    expect(st).toMatchObject({ valid: false, severity: 'critical', sites_covered: [] });
    expect(st.action_required).toBe('Sign in again: Login test site');
  });

  it('hosts: a cookie domain covers its subdomains; a login page moves with a configured base URL', () => {
    expect(coversHost('.example.com', ['www.example.com'])).toBe(true);
    expect(coversHost('example.com', ['example.com'])).toBe(true);
    expect(coversHost('.evil.com', ['example.com'])).toBe(false);
    expect(coversHost('notexample.com', ['example.com'])).toBe(false);
    expect(loginUrl(src, 'http://127.0.0.1:9999')).toBe('http://127.0.0.1:9999/login');
  });
});

describe('the encrypted cookie copy', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('gives the Cookie header of live cookies matching host, path and scheme, and stores no value in clear', () => {
    dir = mkdtempSync(join(tmpdir(), 'b3ai-cookies-'));
    const store = cookieStore(dir, fileKeyCipher(dir));
    const base = { path: '/', secure: false, expires: (NOW + DAY) / 1000 };
    const cookies = [
      { ...base, name: 'a', value: 'secret-a', domain: '.example.com' },
      { ...base, name: 'b', value: 'secret-b', domain: 'www.example.com', path: '/app' },
      { ...base, name: 'old', value: 'secret-old', domain: 'example.com', expires: (NOW - 1) / 1000 },
      { ...base, name: 's', value: 'secret-s', domain: 'example.com', secure: true },
      { ...base, name: 'x', value: 'secret-x', domain: 'other.com' },
    ];
    store.set('login-test', JSON.stringify({ takenAt: new Date(NOW).toISOString(), cookies }));
    expect(cookieHeader(store, 'login-test', 'http://www.example.com/app/x', NOW)).toBe(
      'a=secret-a; b=secret-b',
    );
    expect(cookieHeader(store, 'login-test', 'https://example.com/', NOW)).toBe('a=secret-a; s=secret-s');
    expect(cookieHeader(store, 'nobody', 'https://example.com/', NOW)).toBeNull();
    const onDisk = readFileSync(join(dir, 'browser', 'cookies.json'), 'utf8');
    expect(onDisk).toContain('"login-test": "v1:');
    expect(onDisk).not.toContain('secret-');
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, Job, Output } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { profileHolder } from '../../services/core/browser/profile-paths';
import { configureLogging, stderrSink } from '../../services/core/logging/logger';
import { LOGIN_TEST_SOURCE_ID } from '../../services/sources/login-test';
import { pgTemplate } from '../helpers/pg-template';
import { driveSignin } from '../helpers/signin-driver';
import { startLoginSite, type LoginSite } from '../replay/login-site';

// Sign-in end to end against the local login site: the sign-in window (Debian's Chromium as a
// plain process, in its test mode so this test can fill the form), the session cookies read from
// the profile's own cookie store, the encrypted copy a job reuses, an expired session failing as
// UNAUTHORIZED with no retry, sign-out. And no cookie value anywhere it could leak.

let site: LoginSite;
let dataDir: string;
let core: Core;
const logs: string[] = [];
const answers: string[] = [];
const loginEvents: EventPayload<'scrapers.login'>[] = [];
const ID = LOGIN_TEST_SOURCE_ID;
const profile = (): string => join(dataDir, 'browser', ID);

async function call<M extends keyof Methods>(method: M, input: unknown): Promise<Methods[M]> {
  const r = await core.call(method, input);
  answers.push(JSON.stringify(r));
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as Methods[M];
}
type Methods = {
  [
    K in 'scrapers.login' | 'scrapers.logout' | 'scrapers.cookiesStatus' | 'jobs.create' | 'jobs.get'
  ]: Output<K>;
};

async function failure(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await core.call(method, input);
  answers.push(JSON.stringify(r));
  if (r.ok) throw new Error(`${method} succeeded`);
  return r.error;
}

async function runJob(query?: string): Promise<Job> {
  const { job } = await call('jobs.create', {
    scraper_name: ID,
    ticker: 'PETR4',
    ...(query ? { query } : {}),
  });
  for (let i = 0; i < 1200; i++) {
    const { job: j } = await call('jobs.get', { job_id: job.id });
    if (['completed', 'failed', 'cancelled'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${job.id} did not finish`);
}

async function waitFor<T>(what: string, get: () => T | undefined, ms = 90_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  site = await startLoginSite({ maxAgeSec: 30 * 86_400 });
  // Puts the login test source in the registry, in this process and the workers it forks.
  process.env['B3AI_TEST_LOGIN_SITE'] = site.url;
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-signin-'));
  // A job's browser lets go of the profile 1 s after its page (the app waits a minute).
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ sources: { [ID]: { retries: 0 } }, browser: { idleCloseMs: 1_000 } }),
  );
  configureLogging({
    sink: { write: (line) => void logs.push(line) },
    level: 'debug',
  });
  core = await startCore({
    dataDir,
    run: true,
    scheduler: false,
    pgTemplate: await pgTemplate(),
    workers: { size: 1 },
    signin: { testDriveable: true, pollMs: 300 },
  });
  core.events.subscribe((name, payload) => {
    answers.push(JSON.stringify(payload));
    if (name === 'scrapers.login') loginEvents.push(payload as EventPayload<'scrapers.login'>);
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  configureLogging({ sink: stderrSink, level: 'info' });
  await site?.close();
  delete process.env['B3AI_TEST_LOGIN_SITE'];
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('sign-in in the source’s own browser profile', () => {
  it('before any sign-in: not signed in, a warning asking to sign in, no profile', async () => {
    const st = await call('scrapers.cookiesStatus', {});
    const mine = st.sources.find((s) => s.id === ID);
    expect(mine).toMatchObject({
      state: 'not-signed-in',
      signed_in: false,
      cookies: [],
      needs_renewal: false,
    });
    expect(st).toMatchObject({ exists: false, valid: false, severity: 'warning', sites_covered: [] });
    expect(st.action_required).toContain('Login test site');
    expect(existsSync(profile())).toBe(false);
  });

  it('refuses sources that need no sign-in and names that are not sources, creating nothing', async () => {
    expect((await failure('scrapers.login', { scraper: 'fundamentus' })).code).toBe('INVALID_INPUT');
    for (const bad of ['../login-test', 'login-test/..', '..', '%2e%2e'])
      expect((await failure('scrapers.login', { scraper: bad })).code).toBe('NOT_FOUND');
    expect((await failure('scrapers.logout', { scraper: '../../etc' })).code).toBe('NOT_FOUND');
    expect(existsSync(join(dataDir, 'browser'))).toBe(false);
  });

  it('a job before the sign-in fails as UNAUTHORIZED at once, with no retry', async () => {
    const job = await runJob();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('UNAUTHORIZED');
    expect(job.attempts).toBe(1);
  }, 60_000);

  it('opens the window on the login page, records the session when its cookies appear', async () => {
    const opened = await call('scrapers.login', { scraper: ID });
    expect(opened).toEqual({ scraper: ID, state: 'opened' });
    expect((await call('scrapers.login', { scraper: 'LOGIN-TEST' })).state).toBe('already-open');
    const during = await call('scrapers.cookiesStatus', {});
    expect(during.sources.find((s) => s.id === ID)).toMatchObject({ state: 'signing-in', window_open: true });

    const landed = await driveSignin(profile(), { user: site.user, password: site.password });
    expect(landed).toBe(`${site.url}/account`);
    // The OAuth-style round trip happened in the window.
    expect(site.requests.some((r) => r.startsWith('GET /oauth/authorize?client_id=b3ai'))).toBe(true);
    expect(site.requests.some((r) => r.startsWith('GET /oauth/callback?code='))).toBe(true);
    const ev = await waitFor('the sign-in result', () => loginEvents[0]);
    expect(ev.message, logs.filter((l) => l.includes('sign-in failed')).join('\n')).toBeUndefined();
    expect(ev).toEqual({ scraper: ID, result: 'signed-in' });

    const st = await call('scrapers.cookiesStatus', {});
    const mine = st.sources.find((s) => s.id === ID)!;
    expect(mine).toMatchObject({
      state: 'signed-in',
      signed_in: true,
      window_open: false,
      needs_renewal: false,
    });
    expect(mine.cookies).toHaveLength(1);
    expect(mine.cookies[0]).toMatchObject({ name: 'b3_session', host: '127.0.0.1', http_only: true });
    const days = (Date.parse(mine.cookies[0]!.expires_at!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(mine.expires_in_days).toBeCloseTo(30, 0);
    expect(st).toMatchObject({
      exists: true,
      valid: true,
      severity: 'ok',
      sites_covered: [ID],
      needs_renewal: false,
    });
    expect(st.age_days).toBeGreaterThanOrEqual(0);
    expect(st.age_days).toBeLessThan(0.1);
    // The copy is encrypted: the key store file holds no cookie value.
    const stored = readFileSync(join(dataDir, 'browser', 'cookies.json'), 'utf8');
    expect(stored).toContain(`"${ID}": "v1:`);
    for (const v of site.issued) expect(stored).not.toContain(v);
  }, 150_000);

  it('a job reuses the session (the encrypted copy as its Cookie header)', async () => {
    const job = await runJob();
    expect(job.error).toBeNull();
    expect(job.status).toBe('completed');
    const r = await core
      .stores()
      .pg.query<{ close: string }>(
        `SELECT price::text AS close FROM quotes WHERE ticker = 'PETR4' AND source = $1`,
        [ID],
      );
    expect(r.rows[0]?.close).toBe('38.17');
  }, 60_000);

  it('a headless browser job reads the JavaScript page in the profile the sign-in left', async () => {
    const before = site.requests.filter((r) => r.startsWith('GET /quote/PETR4')).length;
    const job = await runJob('series=page');
    expect(job.error).toBeNull();
    expect(job.status).toBe('completed');
    // The page itself was fetched (by the browser, with the profile's session cookie: no redirect
    // to the login page), and its rendered price stored.
    expect(site.requests.filter((r) => r.startsWith('GET /quote/PETR4')).length).toBe(before + 1);
    const snap = core
      .stores()
      .state.prepare('SELECT content_type, status FROM snapshots WHERE source = ? ORDER BY id DESC LIMIT 1')
      .get(ID) as { content_type: string; status: number } | undefined;
    expect(snap).toMatchObject({
      status: 200,
      content_type: expect.stringMatching(/^text\/html/) as unknown,
    });
  }, 90_000);

  it('a session the site ended fails the job as UNAUTHORIZED, no retry, and asks for a new sign-in', async () => {
    site.revoke();
    const job = await runJob();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('UNAUTHORIZED');
    expect(job.attempts).toBe(1);
    const st = await call('scrapers.cookiesStatus', {});
    const mine = st.sources.find((s) => s.id === ID)!;
    expect(mine).toMatchObject({ state: 'expired', signed_in: false, needs_renewal: true });
    expect(mine.reason).toContain('refused the session');
    expect(st).toMatchObject({ valid: false, needs_renewal: true, severity: 'critical', sites_covered: [] });
    expect(st.action_required).toContain('Sign in again');
  }, 60_000);

  it('a session that runs out: near its end it asks for renewal, then it is expired and jobs fail', async () => {
    site.setMaxAge(6);
    loginEvents.length = 0;
    // The browser job before left its browser on the profile for a moment: no second window on it.
    const inUse = await core.call('scrapers.login', { scraper: ID });
    if (!inUse.ok) expect(inUse.error.code).toBe('CONFLICT');
    await waitFor(
      'the job browser gone',
      () => (profileHolder(profile()) === null ? true : undefined),
      30_000,
    );
    expect((await call('scrapers.login', { scraper: ID })).state).toBe('opened');
    // The user closes the window once signed in: the result is recorded from what the browser wrote.
    await driveSignin(profile(), { user: site.user, password: site.password }, { closeWindow: true });
    expect(await waitFor('the sign-in result', () => loginEvents[0])).toEqual({
      scraper: ID,
      result: 'signed-in',
    });
    const fresh = (await call('scrapers.cookiesStatus', {})).sources.find((s) => s.id === ID)!;
    expect(fresh).toMatchObject({ state: 'signed-in', needs_renewal: true, expires_in_days: 0 });
    expect(fresh.reason).toContain('ends in 0 days');
    const ends = Date.parse(fresh.cookies[0]!.expires_at!);
    await new Promise((r) => setTimeout(r, Math.max(0, ends - Date.now()) + 500));
    const st = await call('scrapers.cookiesStatus', {});
    expect(st.sources.find((s) => s.id === ID)).toMatchObject({
      state: 'expired',
      needs_renewal: true,
      reason: 'the session has expired: sign in again',
    });
    expect(st.severity).toBe('critical');
    const job = await runJob();
    expect(job.error?.code).toBe('UNAUTHORIZED');
    expect(job.attempts).toBe(1);
  }, 120_000);

  it('sign-out clears the profile and the encrypted copy', async () => {
    expect(await call('scrapers.logout', { scraper: ID })).toEqual({ scraper: ID, cleared: true });
    expect(existsSync(profile())).toBe(false);
    expect(readFileSync(join(dataDir, 'browser', 'cookies.json'), 'utf8')).not.toContain(`"${ID}"`);
    const st = await call('scrapers.cookiesStatus', {});
    expect(st.sources.find((s) => s.id === ID)?.state).toBe('not-signed-in');
  });

  it('no cookie value appears in any log line, API answer or event', () => {
    expect(site.issued.length).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.some((l) => l.includes('"signed in"'))).toBe(true);
    for (const v of site.issued) {
      for (const line of logs) expect(line).not.toContain(v);
      for (const a of answers) expect(a).not.toContain(v);
    }
  });
});

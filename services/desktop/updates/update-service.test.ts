import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { DesktopSettingsStore } from '../../core/desktop/settings';
import { openState, type StateDb } from '../../core/storage/state';
import type { UpdateEngine } from './engine';
import { NodeFeedEngine } from './node-feed';
import { UpdateService } from './update-service';

// The update flow against a real local feed in electron-builder's format (`latest-linux.yml` and the
// file it names), read by electron-updater's own GenericProvider; the sha512 is checked here.

const PAYLOAD = Buffer.from('#!/bin/sh\necho "B3 AI Analysis 1.2.0"\n'.repeat(2000));
const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('base64');

function yml(version: string, file: string, hash: string, notes: string): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${hash}`,
    `    size: ${PAYLOAD.length}`,
    `path: ${file}`,
    `sha512: ${hash}`,
    `releaseName: Versão ${version}`,
    `releaseNotes: ${JSON.stringify(notes)}`,
    `releaseDate: '2026-12-01T10:00:00.000Z'`,
    '',
  ].join('\n');
}

interface Feed {
  url: string;
  hits: string[];
  /** Channel file bodies by channel (`latest`, `beta`); absent: 404. */
  files: Record<string, string>;
  close(): Promise<void>;
}

async function serveFeed(): Promise<Feed> {
  const hits: string[] = [];
  const feed = { files: {} as Record<string, string> };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.push(path);
    const m = /^\/(latest|beta)-linux(?:-\w+)?\.yml$/.exec(path);
    if (m?.[1] && feed.files[m[1]] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(feed.files[m[1]]);
    } else if (
      path === '/B3-AI-Analysis-1.2.0.AppImage' ||
      path === '/B3-AI-Analysis-1.3.0-beta.1.AppImage'
    ) {
      res.writeHead(200, { 'content-length': PAYLOAD.length }).end(PAYLOAD);
    } else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(feed, {
    url: `http://127.0.0.1:${port}/`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

let dir: string;
let db: StateDb;
let feed: Feed;
let settings: DesktopSettingsStore;
let engine: NodeFeedEngine;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-updates-'));
  db = openState(dir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
  settings = new DesktopSettingsStore(() => db);
  feed = await serveFeed();
  engine = new NodeFeedEngine({ downloadDir: dir, platform: 'linux' });
});

afterEach(async () => {
  await feed.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const service = (o: Partial<ConstructorParameters<typeof UpdateService>[0]> = {}) =>
  new UpdateService({
    engine,
    settings,
    currentVersion: '0.1.0',
    offer: { supported: true, reason: null },
    ...o,
  });

const good = (): string =>
  yml('1.2.0', 'B3-AI-Analysis-1.2.0.AppImage', sha512(PAYLOAD), '<p>Carteira &amp; alertas</p>');

describe('update flow against a local feed', () => {
  it('finds the newer version, shows its notes, downloads it and checks its sha512', async () => {
    feed.files.latest = good();
    const s = service();
    await s.configure({ feedUrl: feed.url });
    const checked = await s.check();
    expect(checked.available).toMatchObject({
      version: '1.2.0',
      release_name: 'Versão 1.2.0',
      release_notes: 'Carteira & alertas',
    });
    expect(['available', 'downloading', 'downloaded']).toContain(checked.phase);
    const done = await s.settled();
    expect(done).toMatchObject({ phase: 'downloaded', progress_percent: 100, error: null });
    expect(readFileSync(engine.downloaded!)).toEqual(PAYLOAD);
    expect(feed.hits).toContain(
      '/latest-linux.yml'.replace('.yml', process.arch === 'x64' ? '.yml' : `-${process.arch}.yml`),
    );
    expect(done.last_check_at).not.toBeNull();
  });

  it('a bad sha512 discards the file and is an error state, not a throw', async () => {
    feed.files.latest = yml('1.2.0', 'B3-AI-Analysis-1.2.0.AppImage', sha512(Buffer.from('other')), 'x');
    const s = service();
    await s.configure({ feedUrl: feed.url });
    await s.check();
    const done = await s.settled();
    expect(done.phase).toBe('error');
    expect(done.error?.code).toBe('CONFLICT');
    expect(done.error?.message).toMatch(/sha512/);
    expect(existsSync(join(dir, 'B3-AI-Analysis-1.2.0.AppImage'))).toBe(false);
    await expect(s.install()).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a feed without the channel file (404) is NOT_FOUND in the state', async () => {
    const s = service();
    await s.configure({ feedUrl: feed.url });
    const r = await s.check();
    expect(r).toMatchObject({ phase: 'error', error: { code: 'NOT_FOUND' } });
  });

  it('no network (nothing listens) is UNAVAILABLE and the call resolves', async () => {
    const s = service();
    const url = feed.url;
    await feed.close();
    feed.close = () => Promise.resolve();
    await s.configure({ feedUrl: url });
    const r = await s.check();
    expect(r).toMatchObject({ phase: 'error', error: { code: 'UNAVAILABLE' } });
  }, 20_000);

  it('an up-to-date app hears "not available"; stable never takes a prerelease, beta does', async () => {
    feed.files.latest = yml('1.3.0-beta.1', 'B3-AI-Analysis-1.3.0-beta.1.AppImage', sha512(PAYLOAD), 'beta');
    feed.files.beta = yml('1.3.0-beta.1', 'B3-AI-Analysis-1.3.0-beta.1.AppImage', sha512(PAYLOAD), 'beta');
    const s = service({ currentVersion: '1.2.0' });
    await s.configure({ feedUrl: feed.url });
    expect((await s.check()).phase).toBe('not-available');
    await s.configure({ channel: 'beta' });
    const beta = await s.check();
    expect(beta.available?.version).toBe('1.3.0-beta.1');
    expect(feed.hits.some((h) => h.startsWith('/beta-linux'))).toBe(true);
    await s.settled();
  });

  it('is not offered to a build from source: no request goes out', async () => {
    feed.files.latest = good();
    let calls = 0;
    const counting: UpdateEngine = {
      check: (...a) => (calls++, engine.check(...a)),
      download: (p) => engine.download(p),
      install: () => undefined,
    };
    const s = service({ engine: counting, offer: { supported: false, reason: 'from source' } });
    await s.configure({ feedUrl: feed.url });
    s.start();
    const r = await s.check();
    expect(r).toMatchObject({ supported: false, reason: 'from source', phase: 'idle', next_check_at: null });
    expect(calls).toBe(0);
    s.stop();
  });

  it('checks by itself a while after start, then a day after the last check (kept across restarts)', async () => {
    feed.files.latest = yml('0.1.0', 'B3-AI-Analysis-1.2.0.AppImage', sha512(PAYLOAD), 'same');
    settings.update((x) => ({ ...x, updates: { ...x.updates, feedUrl: feed.url } }));
    const s = service({ startDelayMs: 30 });
    s.start();
    await expect.poll(() => s.status().phase, { timeout: 5_000 }).toBe('not-available');
    s.stop();
    const last = Date.parse(settings.get().updates.lastCheckAt!);
    // A restart: the next check is a day after the stored one, not another start delay away.
    const again = service({ startDelayMs: 30 });
    again.start();
    expect(Date.parse(again.status().next_check_at!)).toBe(last + 24 * 60 * 60_000);
    again.stop();
    await again.configure({ autoCheck: false });
    expect(again.status().next_check_at).toBeNull();
  });
});

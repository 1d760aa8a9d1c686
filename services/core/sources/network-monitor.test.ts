import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { networkFailureCode } from './network-codes';
import { NetworkMonitor } from './network-monitor';
import { probeBaseUrls } from './network-probe';
import { AppError } from '../../contract';
import { createServer } from 'node:net';

const log = createLogger('test');

describe('networkFailureCode', () => {
  it('reads DNS and refused failures from the details or the message, nothing else', () => {
    expect(
      networkFailureCode(
        new AppError('UNAVAILABLE', 'x: network error (ENOTFOUND) after 4 attempts', { url: 'x' }),
      ),
    ).toBe('ENOTFOUND');
    expect(networkFailureCode(new AppError('UNAVAILABLE', 'y', { networkCode: 'EAI_AGAIN' }))).toBe(
      'EAI_AGAIN',
    );
    expect(networkFailureCode(new AppError('UNAVAILABLE', 'z: network error (ECONNREFUSED)'))).toBe(
      'ECONNREFUSED',
    );
    // A reset mid-answer, or a 503, is the site's problem, not the machine being offline.
    expect(networkFailureCode(new AppError('UNAVAILABLE', 'z: network error (ECONNRESET)'))).toBeNull();
    expect(networkFailureCode(new AppError('UNAVAILABLE', 'site answered 503'))).toBeNull();
    expect(networkFailureCode(new AppError('TIMEOUT', 'network error (ENOTFOUND)'))).toBeNull();
  });
});

describe('NetworkMonitor', () => {
  it('one failing source is that site; two with no success between is offline; a probe ends it', async () => {
    const changes: string[] = [];
    let reachable = false;
    const probed: string[][] = [];
    const m = new NetworkMonitor({
      log,
      probe: (ids) => {
        probed.push([...ids]);
        return Promise.resolve(reachable);
      },
      onChange: (s) => changes.push(s),
      probeBaseMs: 60_000,
    });
    m.report('google-news', { ok: false, code: 'ENOTFOUND' });
    expect(m.offline).toBe(false);
    m.report('google-news', { ok: false, code: 'ENOTFOUND' });
    expect(m.offline).toBe(false);
    // A success elsewhere in between resets the count.
    m.report('bcb', { ok: true });
    m.report('valor', { ok: false, code: 'EAI_AGAIN' });
    expect(m.offline).toBe(false);
    m.report('fundamentus', { ok: false, code: 'ENOTFOUND' });
    expect(m.offline).toBe(true);
    expect(changes).toEqual(['offline']);
    expect(m.status()).toMatchObject({
      state: 'offline',
      failing_sources: ['fundamentus', 'valor'],
      last_code: 'ENOTFOUND',
    });
    const first = m.nextProbe!;
    expect(first).toBeGreaterThan(Date.now() + 50_000);

    // A probe that fails keeps it offline and doubles the wait.
    expect(await m.probeNow()).toBe('offline');
    expect(probed).toEqual([['valor', 'fundamentus']]);
    expect(m.nextProbe! - Date.now()).toBeGreaterThan(110_000);
    reachable = true;
    expect(await m.probeNow()).toBe('online');
    expect(changes).toEqual(['offline', 'online']);
    expect(m.status()).toMatchObject({ state: 'online', since: null, failing_sources: [] });
    m.close();
  });

  it('a fetch that gets an answer while offline ends it too', () => {
    const changes: string[] = [];
    const m = new NetworkMonitor({
      log,
      probe: () => Promise.resolve(false),
      onChange: (s) => changes.push(s),
    });
    m.report('a', { ok: false, code: 'ECONNREFUSED' });
    m.report('b', { ok: false, code: 'ECONNREFUSED' });
    expect(m.offline).toBe(true);
    m.report('c', { ok: true });
    expect(m.offline).toBe(false);
    expect(changes).toEqual(['offline', 'online']);
    m.close();
  });
});

describe('probeBaseUrls', () => {
  it('is true when a host accepts a connection, false for a name that does not resolve', async () => {
    const server = createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await probeBaseUrls(['http://nonexistent.invalid'], 2_000)).toBe(false);
      expect(await probeBaseUrls(['http://nonexistent.invalid', `http://127.0.0.1:${port}/x`], 2_000)).toBe(
        true,
      );
    } finally {
      server.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  describeUpdateError,
  isOffered,
  nextCheckAt,
  releaseNotesText,
  updateOffer,
} from './policy';

describe('update policy', () => {
  it('offers updates to packaged builds only (and not to a distro package)', () => {
    expect(updateOffer({ packaged: false, platform: 'win32', env: {} }).supported).toBe(false);
    expect(updateOffer({ packaged: true, platform: 'win32', env: {} })).toEqual({
      supported: true,
      reason: null,
      code: null,
    });
    expect(updateOffer({ packaged: false, platform: 'win32', env: {} }).code).toBe('source');
    expect(updateOffer({ packaged: true, platform: 'linux', env: {} }).code).toBe('package-manager');
    expect(updateOffer({ packaged: true, platform: 'win32', env: { B3AI_DISABLE_UPDATES: '1' } }).code).toBe(
      'disabled',
    );
    expect(
      updateOffer({ packaged: true, platform: 'darwin', env: { B3AI_DISABLE_UPDATES: '1' } }).supported,
    ).toBe(false);
    expect(updateOffer({ packaged: true, platform: 'linux', env: {} }).supported).toBe(false);
    expect(
      updateOffer({ packaged: true, platform: 'linux', env: { APPIMAGE: '/x.AppImage' } }).supported,
    ).toBe(true);
  });

  it('schedules: start delay first, then daily from the last check, never before the delay', () => {
    const t0 = 1_000_000;
    expect(nextCheckAt({ autoCheck: true, startedAt: t0, lastCheckAt: null, startDelayMs: 100 })).toBe(
      t0 + 100,
    );
    expect(
      nextCheckAt({
        autoCheck: true,
        startedAt: t0,
        lastCheckAt: t0 - 10,
        startDelayMs: 100,
        intervalMs: 50,
      }),
    ).toBe(t0 + 100);
    expect(
      nextCheckAt({ autoCheck: true, startedAt: t0, lastCheckAt: t0, startDelayMs: 100, intervalMs: 500 }),
    ).toBe(t0 + 500);
    expect(nextCheckAt({ autoCheck: false, startedAt: t0, lastCheckAt: null })).toBeNull();
  });

  it('compares versions like semver', () => {
    expect(compareVersions('1.2.0', '1.10.0')).toBeLessThan(0);
    expect(compareVersions('1.2.0', '1.2.0-beta.2')).toBeGreaterThan(0);
    expect(compareVersions('1.2.0-beta.10', '1.2.0-beta.2')).toBeGreaterThan(0);
    expect(compareVersions('v2.0.0', '2.0.0')).toBe(0);
    expect(isOffered('1.0.0', '1.1.0-beta.1', 'stable')).toBe(false);
    expect(isOffered('1.0.0', '1.1.0-beta.1', 'beta')).toBe(true);
    expect(isOffered('1.1.0', '1.0.9', 'beta')).toBe(false);
  });

  it('release notes become plain text', () => {
    expect(releaseNotesText('<h2>Novo</h2><ul><li>A &lt;b&gt;</li></ul><script>x</script>')).toBe(
      'Novo\nA <b>\nx',
    );
    expect(
      releaseNotesText([
        { version: '1.1.0', note: 'um' },
        { version: '1.2.0', note: '<p>dois</p>' },
      ]),
    ).toBe('1.1.0\num\n\n1.2.0\ndois');
    expect(releaseNotesText(null)).toBeNull();
  });

  it('errors are typed and name no body or path', () => {
    expect(
      describeUpdateError({ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND', message: 'x /home/u' }).code,
    ).toBe('NOT_FOUND');
    expect(describeUpdateError({ code: 'ENOTFOUND', message: 'getaddrinfo' }).code).toBe('UNAVAILABLE');
    expect(describeUpdateError(new Error('net::ERR_INTERNET_DISCONNECTED')).code).toBe('UNAVAILABLE');
    const bad = describeUpdateError({
      code: 'ERR_CHECKSUM_MISMATCH',
      message: 'sha512 checksum mismatch, expected a, got b',
    });
    expect(bad.code).toBe('CONFLICT');
    expect(bad.message).not.toMatch(/expected a/);
    expect(describeUpdateError({ statusCode: 500, message: 'body' }).message).toBe(
      'the update feed answered HTTP 500',
    );
  });
});

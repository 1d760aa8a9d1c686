import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureApiToken, tokenMatches } from './token';

const TOKEN = 'k3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3y_-';

describe('tokenMatches', () => {
  it('accepts the right bearer token (scheme case-insensitive, any spacing)', () => {
    expect(tokenMatches(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
    expect(tokenMatches(TOKEN, `bearer ${TOKEN}`)).toBe(true);
    expect(tokenMatches(TOKEN, `BEARER   ${TOKEN}`)).toBe(true);
  });

  it('refuses a wrong token of the same or another length', () => {
    expect(tokenMatches(TOKEN, `Bearer ${TOKEN.slice(0, -1)}X`)).toBe(false);
    expect(tokenMatches(TOKEN, `Bearer ${TOKEN.slice(0, -1)}`)).toBe(false);
    expect(tokenMatches(TOKEN, `Bearer ${TOKEN}x`)).toBe(false);
    expect(tokenMatches(TOKEN, `Bearer ${TOKEN.toUpperCase()}`)).toBe(false);
  });

  it('refuses a missing or malformed header', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      TOKEN,
      `Basic ${TOKEN}`,
      `Token ${TOKEN}`,
      `Bearer ${TOKEN} extra`,
      `Bearer${TOKEN}`,
      `xBearer ${TOKEN}`,
    ]) {
      expect(tokenMatches(TOKEN, header), String(header)).toBe(false);
    }
  });

  it('an empty expected token matches nothing', () => {
    expect(tokenMatches('', 'Bearer ')).toBe(false);
    expect(tokenMatches('', 'Bearer x')).toBe(false);
  });
});

describe('ensureApiToken', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'b3ai-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const mode = (file: string): number => statSync(file).mode & 0o777;

  it('makes a long random token in <data-dir>/api-token, owner-only', () => {
    const dir = fresh();
    const token = ensureApiToken(dir);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(dir, 'api-token');
    expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
    expect(mode(file)).toBe(0o600);
    expect(tokenMatches(token, `Bearer ${token}`)).toBe(true);
    expect(ensureApiToken(fresh())).not.toBe(token);
  });

  it('reuses the token on later starts and tightens loose permissions', () => {
    const dir = fresh();
    const token = ensureApiToken(dir);
    const file = join(dir, 'api-token');
    chmodSync(file, 0o644);
    expect(ensureApiToken(dir)).toBe(token);
    expect(mode(file)).toBe(0o600);
  });

  it('keeps a token the user wrote, trimmed', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'api-token'), `  ${TOKEN}\r\n`);
    expect(ensureApiToken(dir)).toBe(TOKEN);
  });

  it('replaces a token too short to be safe', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'api-token'), 'short\n');
    const token = ensureApiToken(dir);
    expect(token).not.toBe('short');
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'api-token'), 'utf8').trim()).toBe(token);
    expect(mode(join(dir, 'api-token'))).toBe(0o600);
  });

  it('creates the data dir when missing', () => {
    const dir = join(fresh(), 'a', 'b');
    expect(ensureApiToken(dir).length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'api-token')).isFile()).toBe(true);
  });
});

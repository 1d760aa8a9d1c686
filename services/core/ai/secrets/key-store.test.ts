import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../contract/errors';
import { fileKeyCipher, KeyStore, MASTER_KEY_FILE, type SecretCipher } from './index';

const KEY = 'sk-ant-api03-Secret_Value-1234567890';
const posix = process.platform !== 'win32';
const mode = (file: string): number => statSync(file).mode & 0o777;

/** A stand-in for Electron's safeStorage (reversible, clearly not the file cipher). */
const fakeSafeStorage: SecretCipher = {
  storage: 'safe-storage',
  encrypt: (p) => Buffer.from(p).reverse().toString('base64'),
  decrypt: (s) => Buffer.from(s, 'base64').reverse().toString(),
};

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('KeyStore with the key-file cipher', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'b3ai-keys-'));
    file = join(dir, 'keys.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips keys, lists their ids, and survives a new process (a new store and cipher)', () => {
    const store = new KeyStore(file, fileKeyCipher(join(dir, 'secrets')));
    expect(store.has('openai')).toBe(false);
    expect(store.get('openai')).toBeNull();
    store.set('openai', KEY);
    store.set('anthropic', 'second-key');
    expect(store.get('openai')).toBe(KEY);
    expect(store.ids()).toEqual(['anthropic', 'openai']);
    const again = new KeyStore(file, fileKeyCipher(join(dir, 'secrets')));
    expect(again.get('anthropic')).toBe('second-key');
    expect(again.has('openai')).toBe(true);
  });

  it('keeps no plaintext in the file, and a fresh IV makes the same key encrypt differently', () => {
    const cipher = fileKeyCipher(join(dir, 'secrets'));
    new KeyStore(file, cipher).set('m1', KEY);
    const bytes = readFileSync(file, 'utf8');
    expect(bytes).not.toContain(KEY);
    expect(bytes).not.toContain('Secret_Value');
    const stored = JSON.parse(bytes) as { version: number; storage: string; keys: Record<string, string> };
    expect([stored.version, stored.storage]).toEqual([1, 'key-file']);
    expect(stored.keys.m1).toMatch(/^v1:[A-Za-z0-9+/=]{40,}$/);
    expect(cipher.encrypt(KEY)).not.toBe(cipher.encrypt(KEY));
  });

  it.runIf(posix)('writes the store and the master key with mode 0600 in a 0700 directory', () => {
    const secrets = join(dir, 'secrets');
    new KeyStore(file, fileKeyCipher(secrets)).set('m1', KEY);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(secrets, MASTER_KEY_FILE))).toBe(0o600);
    expect(mode(secrets)).toBe(0o700);
    expect(statSync(join(secrets, MASTER_KEY_FILE)).size).toBe(32);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.runIf(posix)('tightens a master key file left readable by others', () => {
    const secrets = join(dir, 'secrets');
    fileKeyCipher(secrets);
    const master = join(secrets, MASTER_KEY_FILE);
    chmodSync(master, 0o644);
    expect(mode(master)).toBe(0o644);
    fileKeyCipher(secrets);
    expect(mode(master)).toBe(0o600);
  });

  it('refuses tampered ciphertext with INTERNAL naming the id, never the key', () => {
    const store = new KeyStore(file, fileKeyCipher(join(dir, 'secrets')));
    store.set('m1', KEY);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { keys: Record<string, string> };
    const raw = Buffer.from(json.keys.m1!.slice(3), 'base64');
    raw[raw.length - 1]! ^= 0x01;
    json.keys.m1 = `v1:${raw.toString('base64')}`;
    writeFileSync(file, JSON.stringify(json));
    const error = thrown(() => store.get('m1'));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('stored key for m1 cannot be decrypted');
    expect(JSON.stringify(error)).not.toContain('Secret_Value');
  });

  it('cannot decrypt with another master key (a copied store without its key file)', () => {
    new KeyStore(file, fileKeyCipher(join(dir, 'a'))).set('m1', KEY);
    const error = thrown(() => new KeyStore(file, fileKeyCipher(join(dir, 'b'))).get('m1'));
    expect(error.code).toBe('INTERNAL');
  });

  it('refuses a store written by the other kind of cipher: CONFLICT naming both storages', () => {
    new KeyStore(file, fakeSafeStorage).set('m1', KEY);
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
    const headless = new KeyStore(file, fileKeyCipher(join(dir, 'secrets')));
    for (const op of [() => headless.get('m1'), () => headless.set('m2', 'x')]) {
      const error = thrown(op);
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toContain('safe-storage');
      expect(error.details).toMatchObject({ storage: 'safe-storage', expected: 'key-file' });
    }
    // Listing and removing need no decryption.
    expect(headless.has('m1')).toBe(true);
    headless.delete('m1');
    expect(new KeyStore(file, fakeSafeStorage).ids()).toEqual([]);
  });

  it('lets an empty store switch cipher', () => {
    const store = new KeyStore(file, fakeSafeStorage);
    store.set('m1', KEY);
    store.delete('m1');
    const headless = new KeyStore(file, fileKeyCipher(join(dir, 'secrets')));
    headless.set('m1', KEY);
    expect(headless.get('m1')).toBe(KEY);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ storage: 'key-file' });
  });

  it('deletes one key and keeps the others; deleting a missing key is a no-op', () => {
    const store = new KeyStore(file, fileKeyCipher(join(dir, 'secrets')));
    store.set('a', 'key-a');
    store.set('b', 'key-b');
    store.delete('a');
    store.delete('nope');
    expect(store.has('a')).toBe(false);
    expect(store.get('a')).toBeNull();
    expect(store.get('b')).toBe('key-b');
    expect(store.ids()).toEqual(['b']);
  });

  it('reports a damaged store file and a damaged master key as INTERNAL', () => {
    writeFileSync(file, '{not json');
    expect(thrown(() => new KeyStore(file, fileKeyCipher(join(dir, 'secrets'))).has('x')).message).toContain(
      'damaged',
    );
    writeFileSync(join(dir, 'secrets', MASTER_KEY_FILE), 'short');
    expect(thrown(() => fileKeyCipher(join(dir, 'secrets'))).code).toBe('INTERNAL');
  });

  it('rejects an empty key', () => {
    expect(thrown(() => new KeyStore(file, fakeSafeStorage).set('m1', '')).code).toBe('INVALID_INPUT');
  });
});

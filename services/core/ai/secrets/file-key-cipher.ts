import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../contract/errors';
import type { SecretCipher } from './types';

export const MASTER_KEY_FILE = 'master.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'v1:';
const POSIX = process.platform !== 'win32';

/**
 * Headless secret storage: AES-256-GCM under a random 32-byte master key kept in `<dir>/master.key`
 * (mode 0600, dir 0700), created on first use. Stored form: `v1:` + base64(iv | tag | ciphertext).
 */
export function fileKeyCipher(dir: string): SecretCipher {
  const master = loadMasterKey(dir);
  return {
    storage: 'key-file',
    encrypt(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', master, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(stored: string): string {
      const raw = stored.startsWith(PREFIX) ? Buffer.from(stored.slice(PREFIX.length), 'base64') : null;
      if (!raw || raw.length < IV_BYTES + TAG_BYTES) throw undecryptable();
      try {
        const decipher = createDecipheriv('aes-256-gcm', master, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw undecryptable();
      }
    },
  };
}

function undecryptable(): AppError {
  return new AppError(
    'INTERNAL',
    'the stored secret cannot be decrypted (tampered with, or another master key)',
  );
}

function loadMasterKey(dir: string): Buffer {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, MASTER_KEY_FILE);
  try {
    writeFileSync(file, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Another process may have created it a moment ago; either way it is read back from disk.
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) {
    throw new AppError(
      'INTERNAL',
      `the master key ${file} is damaged (${key.length} bytes, expected ${KEY_BYTES})`,
      {
        file,
      },
    );
  }
  if (POSIX && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return key;
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../contract/errors';
import type { SecretCipher } from './types';

const StoreFile = z.object({
  version: z.literal(1),
  storage: z.enum(['safe-storage', 'key-file']),
  keys: z.record(z.string(), z.string()),
});
type StoreFile = z.infer<typeof StoreFile>;

/**
 * API keys by model id, each encrypted by the cipher, in one JSON file written atomically with mode 0600.
 * The file is read on every call (it is tiny, and the app and the CLI may share it). `has`, `ids` and `delete`
 * need no decryption and work whatever cipher wrote the file; `get` and `set` refuse a file written by
 * another kind of cipher (CONFLICT) rather than misread or mix ciphertexts.
 */
export class KeyStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  has(id: string): boolean {
    return Object.hasOwn(this.read().keys, id);
  }

  ids(): string[] {
    return Object.keys(this.read().keys).sort();
  }

  get(id: string): string | null {
    const store = this.read();
    if (!Object.hasOwn(store.keys, id)) return null;
    this.sameStorage(store);
    try {
      return this.cipher.decrypt(store.keys[id] ?? '');
    } catch {
      throw new AppError('INTERNAL', `stored key for ${id} cannot be decrypted`, {
        id,
        storage: store.storage,
      });
    }
  }

  set(id: string, key: string): void {
    if (key === '') throw new AppError('INVALID_INPUT', `the key for ${id} is empty`, { id });
    const store = this.read();
    // A store without keys adopts whichever cipher writes first.
    if (Object.keys(store.keys).length > 0) this.sameStorage(store);
    this.write({
      version: 1,
      storage: this.cipher.storage,
      keys: { ...store.keys, [id]: this.cipher.encrypt(key) },
    });
  }

  delete(id: string): void {
    const store = this.read();
    if (!Object.hasOwn(store.keys, id)) return;
    const keys = Object.fromEntries(Object.entries(store.keys).filter(([k]) => k !== id));
    this.write({ ...store, keys });
  }

  private sameStorage(store: StoreFile): void {
    if (store.storage === this.cipher.storage) return;
    throw new AppError(
      'CONFLICT',
      `the key store ${this.file} was encrypted with ${store.storage}, but this process uses ${this.cipher.storage}: ` +
        `open it where it was written, or save the keys again`,
      { file: this.file, storage: store.storage, expected: this.cipher.storage },
    );
  }

  private read(): StoreFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        return { version: 1, storage: this.cipher.storage, keys: {} };
      throw e;
    }
    let parsed: ReturnType<typeof StoreFile.safeParse>;
    try {
      parsed = StoreFile.safeParse(JSON.parse(text));
    } catch {
      parsed = StoreFile.safeParse(null);
    }
    if (!parsed.success)
      throw new AppError('INTERNAL', `the key store ${this.file} is damaged`, { file: this.file });
    return parsed.data;
  }

  private write(store: StoreFile): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
}

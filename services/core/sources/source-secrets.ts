import { join } from 'node:path';
import { KeyStore, type SecretCipher } from '../ai/secrets';

/**
 * A source's keys and tokens set from Settings (CoinMarketCap `apiKey`, brapi `token`): the AI keys'
 * store (each value encrypted by the same cipher — Electron safeStorage in the app, the master key
 * file headless — in one 0600 file, `<data-dir>/sources/keys.json`). Values go only to the source's
 * fetch; everything else sees whether one is set.
 */
export class SourceSecrets {
  private readonly store: KeyStore;

  constructor(dataDir: string, cipher: SecretCipher) {
    this.store = new KeyStore(join(dataDir, 'sources', 'keys.json'), cipher);
  }

  private static id(source: string, name: string): string {
    return `${source}:${name}`;
  }

  has(source: string, name: string): boolean {
    return this.store.has(SourceSecrets.id(source, name));
  }

  /** Every stored credential of a source, decrypted (for its fetch only). */
  all(source: string): Record<string, string> {
    const out: Record<string, string> = {};
    const prefix = `${source}:`;
    for (const id of this.store.ids()) {
      if (!id.startsWith(prefix)) continue;
      const v = this.store.get(id);
      if (v) out[id.slice(prefix.length)] = v;
    }
    return out;
  }

  /** Set (or, with an empty value, clear) one credential. */
  set(source: string, name: string, value: string): void {
    const id = SourceSecrets.id(source, name);
    if (value === '') this.store.delete(id);
    else this.store.set(id, value);
  }
}

/** Turns a secret into text that is safe to write to disk, and back. */
export interface SecretCipher {
  /** Electron's safeStorage (OS keychain) in the app; a master key file (mode 0600) headless. */
  readonly storage: 'safe-storage' | 'key-file';
  encrypt(plain: string): string;
  /** Throws when the text was tampered with or was encrypted with another key. */
  decrypt(stored: string): string;
}

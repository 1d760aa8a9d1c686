import { safeStorage } from 'electron';
import type { SecretCipher } from '../../services/core/ai/secrets';

/**
 * Keys encrypted by the OS keychain (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage; call after
 * `app` is ready. Null when unavailable, or when Linux falls back to its hard-coded `basic_text` password (no
 * better than the headless key file, which is then used instead).
 */
export function safeStorageCipher(): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    storage: 'safe-storage',
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}

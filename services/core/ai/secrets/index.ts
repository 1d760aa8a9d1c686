export type { SecretCipher } from './types';
export { fileKeyCipher, MASTER_KEY_FILE } from './file-key-cipher';
export { KeyStore } from './key-store';

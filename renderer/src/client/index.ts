import { createClient, type Client, type Transport } from '../../../services/contract/client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

/** IPC inside Electron (the preload exposes `window.b3`), HTTP + SSE in any other browser. */
export function selectTransport(): Transport {
  return window.b3 ? createIpcTransport(window.b3) : createHttpTransport(location.origin);
}

let client: Client | null = null;

/** The app's one client; the UI never learns which transport carries it. */
export function getClient(): Client {
  client ??= createClient(selectTransport());
  return client;
}

export type { Client };

import type { Transport } from '../../../services/contract/client';
import type { B3Bridge } from '../global';
import { unavailable } from './http-request';

/** Calls and events over the Electron preload bridge (`window.b3`). */
export function createIpcTransport(bridge: B3Bridge): Transport {
  return {
    async call(method, input) {
      try {
        return await bridge.call(method, input);
      } catch (e) {
        return unavailable(`IPC call ${method} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    on(event, cb) {
      return bridge.on(event, cb);
    },
  };
}

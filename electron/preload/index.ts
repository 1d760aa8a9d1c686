import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_NAMES,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  METHOD_NAMES,
} from '../../services/contract/names';

const methodSet: ReadonlySet<string> = new Set(METHOD_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

/** The whole bridge: `call` and `on`, nothing else; unknown names are refused here, before IPC. */
contextBridge.exposeInMainWorld('b3', {
  call: (method: string, input: unknown): Promise<unknown> => {
    if (!methodSet.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `unknown method "${method}"` },
      });
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input);
  },
  on: (event: string, cb: (payload: unknown) => void): (() => void) => {
    if (!eventSet.has(event)) throw new Error(`unknown event "${event}"`);
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) cb(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.off(IPC_EVENT_CHANNEL, listener);
    };
  },
});

import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Result } from '../../services/contract';
import type { Core } from '../../services/core/app';

/** One invoke channel for calls, one push channel for events; only our own window may call. */
export function registerIpc(core: Core, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): () => void {
  ipcMain.handle(
    IPC_CALL_CHANNEL,
    async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event))
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'calls are accepted from the app window only' },
        };
      if (typeof method !== 'string')
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'method must be a string' } };
      // The renderer is another process: it names files only under the import folders (F1).
      return core.call(method, input, 'remote');
    },
  );
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/** Forward every core event to a window while it lives. */
export function forwardEvents(core: Core, contents: WebContents): () => void {
  const off = core.events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  contents.once('destroyed', off);
  return off;
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  DesktopPrefs,
  Input,
  LocalApiStatus,
  NotificationKind,
  UpdateStatus,
} from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

/** The desktop parts of Settings: API local, updates, background and notifications. */
export interface DesktopState {
  /** null: this app has no switchable local API (the call answered UNAVAILABLE). */
  localApi: LocalApiStatus | null;
  updates: UpdateStatus | null;
  prefs: DesktopPrefs | null;
  /** The port typed in the field (kept as text until it is applied). */
  portDraft: string;
  busy: boolean;
  error: UiError | null;

  load: () => Promise<void>;
  setPortDraft: (text: string) => void;
  /** Turn the API on (with the typed port) or off. */
  setLocalApi: (enabled: boolean) => Promise<void>;
  regenerateToken: () => Promise<void>;
  checkUpdates: () => Promise<void>;
  setUpdateSettings: (patch: Input<'desktop.updates.settings'>) => Promise<void>;
  installUpdate: () => Promise<void>;
  setPrefs: (patch: Input<'desktop.prefs.set'>) => Promise<void>;
  setNotification: (kind: NotificationKind, on: boolean) => Promise<void>;
}

/** A port the API accepts, or null (the field shows why). */
export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1024 && n <= 65535 ? n : null;
}

export function createDesktopStore(client: Client): StoreApi<DesktopState> {
  return createStore<DesktopState>()((set, get) => {
    /** Run one call with the busy flag; an error is shown, never thrown. */
    async function run<T>(fn: () => Promise<T>, apply: (v: T) => Partial<DesktopState>): Promise<void> {
      set({ busy: true, error: null });
      try {
        const v = await fn();
        set({ ...apply(v), busy: false });
      } catch (e) {
        set({ busy: false, error: toUiError(e) });
      }
    }
    const optional = <T>(p: Promise<T>): Promise<T | null> =>
      p.catch((e: unknown) => {
        if (toUiError(e).code === 'UNAVAILABLE') return null;
        throw e;
      });

    return {
      localApi: null,
      updates: null,
      prefs: null,
      portDraft: '4817',
      busy: false,
      error: null,

      load: () =>
        run(
          () =>
            Promise.all([
              optional(client.call('desktop.localApi.get', {})),
              client.call('desktop.updates.get', {}),
              client.call('desktop.prefs.get', {}),
            ]),
          ([localApi, updates, prefs]) => ({
            localApi,
            updates,
            prefs,
            ...(localApi ? { portDraft: String(localApi.port) } : {}),
          }),
        ),
      setPortDraft: (text) => set({ portDraft: text }),
      setLocalApi: async (enabled) => {
        const port = parsePort(get().portDraft);
        if (enabled && port === null) {
          set({ error: { code: 'INVALID_INPUT', message: 'port' } });
          return;
        }
        await run(
          () => client.call('desktop.localApi.set', { enabled, ...(port !== null ? { port } : {}) }),
          (localApi) => ({ localApi }),
        );
        // A refused start (port in use) leaves the status with its error: show it.
        if (get().error?.code === 'CONFLICT')
          await optional(client.call('desktop.localApi.get', {})).then(
            (localApi) => set({ localApi }),
            () => undefined,
          );
      },
      regenerateToken: () =>
        run(
          () => client.call('desktop.localApi.regenerateToken', {}),
          (localApi) => ({ localApi }),
        ),
      checkUpdates: () =>
        run(
          () => client.call('desktop.updates.check', {}),
          (updates) => ({ updates }),
        ),
      setUpdateSettings: (patch) =>
        run(
          () => client.call('desktop.updates.settings', patch),
          (updates) => ({ updates }),
        ),
      installUpdate: () =>
        run(
          () => client.call('desktop.updates.install', {}),
          (updates) => ({ updates }),
        ),
      setPrefs: (patch) =>
        run(
          () => client.call('desktop.prefs.set', patch),
          (prefs) => ({ prefs }),
        ),
      setNotification: (kind, on) => get().setPrefs({ notifications: { [kind]: on } }),
    };
  });
}

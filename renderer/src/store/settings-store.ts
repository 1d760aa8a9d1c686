import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AiModelEntry, Output } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';
import { issuesFromError, toProviderInput, type FieldIssue, type ProviderForm } from './settings-store-form';

export type ProviderTestResult = Output<'ai.providers.test'>;
export type TestEntry =
  | { status: 'running' }
  | { status: 'done'; result: ProviderTestResult }
  | { status: 'failed'; error: UiError };

export interface SettingsState {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  models: AiModelEntry[];
  /** The model reports use when none is named (`rules` until one is configured). */
  defaultModel: string | null;
  error: UiError | null;
  saving: boolean;
  /** Why the last save was refused: the request as a whole… */
  saveError: UiError | null;
  /** …and field by field (numbers checked here, the rest by the API). */
  issues: FieldIssue[];
  /** The id saved last, for a confirmation line. */
  savedId: string | null;
  /** Connection tests by model id. */
  tests: Record<string, TestEntry>;
  /** Ids with a delete in flight. */
  deleting: Record<string, true>;

  load: () => Promise<void>;
  /** Adds or changes a provider; resolves with the saved entry, or null when refused. */
  save: (form: ProviderForm) => Promise<AiModelEntry | null>;
  remove: (id: string) => Promise<boolean>;
  test: (id: string) => Promise<void>;
  /** Forgets the last save's outcome (the form was opened again or reset). */
  resetSave: () => void;
}

export function createSettingsStore(client: Client): StoreApi<SettingsState> {
  let seq = 0;
  return createStore<SettingsState>()((set, get) => {
    async function load(): Promise<void> {
      const mine = ++seq;
      set({ phase: get().phase === 'ready' ? 'ready' : 'loading', error: null });
      try {
        const data = await client.call('ai.models', {});
        if (mine === seq) set({ phase: 'ready', models: data.models, defaultModel: data.default });
      } catch (e) {
        if (mine === seq) set({ phase: 'failed', error: toUiError(e) });
      }
    }

    return {
      phase: 'idle',
      models: [],
      defaultModel: null,
      error: null,
      saving: false,
      saveError: null,
      issues: [],
      savedId: null,
      tests: {},
      deleting: {},

      load,

      async save(form) {
        if (get().saving) return null;
        const built = toProviderInput(form);
        if (built.issues) {
          set({ issues: built.issues, saveError: null, savedId: null });
          return null;
        }
        set({ saving: true, issues: [], saveError: null, savedId: null });
        try {
          const entry = await client.call('ai.providers.save', built.input);
          const { [entry.id]: _stale, ...tests } = get().tests;
          set({ savedId: entry.id, tests });
          await load();
          return entry;
        } catch (e) {
          set({ saveError: toUiError(e), issues: issuesFromError(e) });
          return null;
        } finally {
          set({ saving: false });
        }
      },

      async remove(id) {
        if (get().deleting[id]) return false;
        set({ deleting: { ...get().deleting, [id]: true }, error: null });
        try {
          await client.call('ai.providers.delete', { id });
          await load();
          return true;
        } catch (e) {
          set({ error: toUiError(e) });
          return false;
        } finally {
          const { [id]: _done, ...rest } = get().deleting;
          set({ deleting: rest });
        }
      },

      async test(id) {
        if (get().tests[id]?.status === 'running') return;
        const put = (entry: TestEntry): void => set({ tests: { ...get().tests, [id]: entry } });
        put({ status: 'running' });
        try {
          put({ status: 'done', result: await client.call('ai.providers.test', { id }) });
        } catch (e) {
          put({ status: 'failed', error: toUiError(e) });
        }
      },

      resetSave() {
        set({ saveError: null, issues: [], savedId: null });
      },
    };
  });
}

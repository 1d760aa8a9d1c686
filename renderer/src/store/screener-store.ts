import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Input, Output, Screen } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

export type ScreenCondition = Screen['conditions'][number];
export type ScreenOp = ScreenCondition['op'];
export const SCREEN_OPS: readonly ScreenOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'between'];
export type SavedScreen = Output<'screens.list'>['screens'][number];
export type ScreenerResult = Output<'analysis.screener'>;

/** A condition as typed: numbers stay text until the screen runs (so `0,5` can be typed). */
export interface ConditionDraft {
  field: string;
  op: ScreenOp;
  value: string;
  value2: string;
}

/** Why the form cannot run (the view words it); `row` counts from 1. */
export type ScreenFormError =
  | { code: 'noField'; row: number }
  | { code: 'badValue'; row: number }
  | { code: 'badLimit' }
  | { code: 'badName' };

export const DEFAULT_LIMIT = 100;

/**
 * A number typed in either language: `1.234,5` and `0,5` (pt-BR) or `1234.5` (en). A comma makes
 * the dots thousands separators. Null when it is not a number.
 */
export function parseNumberInput(text: string): number | null {
  const s = text.trim().replace(/\s/g, '');
  if (s === '') return null;
  const plain = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain)) return null;
  const n = Number(plain);
  return Number.isFinite(n) ? n : null;
}

export function draftsFromScreen(screen: Screen): ConditionDraft[] {
  return screen.conditions.map((c) => ({
    field: c.field,
    op: c.op,
    value: String(c.value),
    value2: c.value2 === undefined ? '' : String(c.value2),
  }));
}

export interface ScreenForm {
  conditions: readonly ConditionDraft[];
  sortField: string;
  sortDir: 'asc' | 'desc';
  limit: string;
}

/** The screen the form describes, or the first thing wrong with it. */
export function buildScreen(form: ScreenForm): { screen: Screen } | { error: ScreenFormError } {
  const conditions: ScreenCondition[] = [];
  for (const [i, c] of form.conditions.entries()) {
    const row = i + 1;
    const field = c.field.trim();
    if (!field) return { error: { code: 'noField', row } };
    const value = parseNumberInput(c.value);
    if (value === null) return { error: { code: 'badValue', row } };
    if (c.op === 'between') {
      const value2 = parseNumberInput(c.value2);
      if (value2 === null) return { error: { code: 'badValue', row } };
      conditions.push({ field, op: c.op, value, value2 });
    } else conditions.push({ field, op: c.op, value });
  }
  const limit = parseNumberInput(form.limit);
  if (limit === null || !Number.isInteger(limit) || limit < 1 || limit > 1000)
    return { error: { code: 'badLimit' } };
  const sortField = form.sortField.trim();
  return {
    screen: {
      conditions,
      limit,
      ...(sortField ? { sort: { field: sortField, dir: form.sortDir } } : {}),
    },
  };
}

export interface ScreenerState extends ScreenForm {
  screens: SavedScreen[];
  screensPhase: 'idle' | 'loading' | 'ready' | 'failed';
  /** The preset or saved screen picked; `dirty` once the form no longer matches it. */
  selected: string | null;
  dirty: boolean;
  formError: ScreenFormError | null;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  result: ScreenerResult | null;
  /** The last run's rows as CSV (the export downloads this). */
  csv: string | null;
  error: UiError | null;
  saving: boolean;
  /** The name the form was last saved under. */
  savedAs: string | null;

  loadScreens: () => Promise<void>;
  /** Fills the form with a preset or saved screen (null: an empty form). */
  pick: (name: string | null) => void;
  addCondition: () => void;
  updateCondition: (index: number, patch: Partial<ConditionDraft>) => void;
  removeCondition: (index: number) => void;
  setSort: (field: string, dir: 'asc' | 'desc') => void;
  setLimit: (limit: string) => void;
  run: () => Promise<void>;
  save: (name: string) => Promise<void>;
}

export function createScreenerStore(client: Client): StoreApi<ScreenerState> {
  let seq = 0;
  return createStore<ScreenerState>()((set, get) => {
    const edit = (patch: Partial<ScreenerState>): void =>
      set({ ...patch, dirty: get().selected !== null, formError: null });

    return {
      conditions: [],
      sortField: '',
      sortDir: 'asc',
      limit: String(DEFAULT_LIMIT),
      screens: [],
      screensPhase: 'idle',
      selected: null,
      dirty: false,
      formError: null,
      phase: 'idle',
      result: null,
      csv: null,
      error: null,
      saving: false,
      savedAs: null,

      async loadScreens() {
        set({ screensPhase: 'loading' });
        try {
          const { screens } = await client.call('screens.list', {});
          set({ screens, screensPhase: 'ready' });
        } catch (e) {
          set({ screensPhase: 'failed', error: toUiError(e) });
        }
      },

      pick(name) {
        const found = name === null ? undefined : get().screens.find((s) => s.name === name);
        const screen = found?.screen ?? { conditions: [], limit: DEFAULT_LIMIT };
        set({
          selected: found ? found.name : null,
          dirty: false,
          formError: null,
          conditions: draftsFromScreen(screen),
          sortField: screen.sort?.field ?? '',
          sortDir: screen.sort?.dir ?? 'asc',
          limit: String(screen.limit),
        });
      },

      addCondition() {
        edit({ conditions: [...get().conditions, { field: '', op: 'gt', value: '', value2: '' }] });
      },

      updateCondition(index, patch) {
        edit({ conditions: get().conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
      },

      removeCondition(index) {
        edit({ conditions: get().conditions.filter((_, i) => i !== index) });
      },

      setSort(field, dir) {
        edit({ sortField: field, sortDir: dir });
      },

      setLimit(limit) {
        edit({ limit });
      },

      async run() {
        const built = buildScreen(get());
        if ('error' in built) {
          set({ formError: built.error });
          return;
        }
        const { selected, dirty } = get();
        // An untouched preset or saved screen runs by its name (the server knows it best).
        const input: Input<'analysis.screener'> =
          selected && !dirty
            ? { preset: selected, conditions: [], format: 'csv' }
            : { ...built.screen, format: 'csv' };
        const mine = ++seq;
        set({ phase: 'loading', error: null, formError: null });
        try {
          const { csv, ...result } = await client.call('analysis.screener', input);
          if (mine === seq) set({ phase: 'ready', result: { ...result }, csv: csv ?? null });
        } catch (e) {
          if (mine === seq) set({ phase: 'failed', result: null, csv: null, error: toUiError(e) });
        }
      },

      async save(name) {
        const n = name.trim();
        if (!n || n.length > 60) {
          set({ formError: { code: 'badName' } });
          return;
        }
        const built = buildScreen(get());
        if ('error' in built) {
          set({ formError: built.error });
          return;
        }
        set({ saving: true, error: null, formError: null });
        try {
          const saved = await client.call('screens.save', { name: n, ...built.screen });
          await get().loadScreens();
          set({ savedAs: saved.name, selected: saved.name, dirty: false });
        } catch (e) {
          set({ error: toUiError(e) });
        } finally {
          set({ saving: false });
        }
      },
    };
  });
}

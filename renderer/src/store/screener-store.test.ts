import { describe, expect, it } from 'vitest';
import type { MethodName, Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { buildScreen, createScreenerStore, parseNumberInput, type SavedScreen } from './screener-store';
import { fakeTransport, type FakeHandler } from './test-support';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const TS = '2026-11-29T02:36:23.407Z';

// The presets as `b3ai serve` lists them.
const fundamentus: SavedScreen = {
  name: 'fundamentus',
  preset: true,
  screen: {
    conditions: [
      { field: 'pl', op: 'between', value: 0, value2: 15 },
      { field: 'pvp', op: 'between', value: 0, value2: 2 },
      { field: 'roe', op: 'gte', value: 15 },
      { field: 'dy', op: 'gt', value: 0 },
    ],
    sort: { field: 'pl', dir: 'asc' },
    limit: 100,
  },
};
const magic: SavedScreen = {
  name: 'magic-formula',
  preset: true,
  screen: { conditions: [], sort: { field: 'magic_formula_rank', dir: 'asc' }, limit: 30 },
};
const csv = 'ticker;pl;pvp;roe;dy;price;roic;ev_ebit\n';

function storeWith(over: Partial<Record<MethodName, FakeHandler>> = {}) {
  let saved: SavedScreen[] = [];
  const fake = fakeTransport({
    'screens.list': () => ok({ screens: [fundamentus, magic, ...saved] }),
    'analysis.screener': () =>
      ok({
        fields: ['pl', 'pvp', 'roe', 'dy', 'price', 'roic', 'ev_ebit'],
        total: 0,
        rows: [],
        csv,
        timestamp: TS,
      }),
    'screens.save': (input) => {
      const { name, ...screen } = input as { name: string } & SavedScreen['screen'];
      saved = [{ name, preset: false, screen }];
      return ok({ name, screen });
    },
    ...over,
  });
  return { store: createScreenerStore(createClient(fake.transport)), calls: fake.calls };
}

describe('screener form helpers', () => {
  it('reads numbers typed in either language', () => {
    expect(parseNumberInput('15')).toBe(15);
    expect(parseNumberInput('0,5')).toBe(0.5);
    expect(parseNumberInput('1.234,5')).toBe(1234.5);
    expect(parseNumberInput('1234.5')).toBe(1234.5);
    expect(parseNumberInput('-3')).toBe(-3);
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput('abc')).toBeNull();
    expect(parseNumberInput('1,2,3')).toBeNull();
  });

  it('builds a screen, or names the first bad row', () => {
    const form = {
      conditions: [
        { field: ' pl ', op: 'between' as const, value: '0', value2: '15' },
        { field: 'roe', op: 'gte' as const, value: '15,5', value2: '' },
      ],
      sortField: 'pl',
      sortDir: 'asc' as const,
      limit: '50',
    };
    expect(buildScreen(form)).toEqual({
      screen: {
        conditions: [
          { field: 'pl', op: 'between', value: 0, value2: 15 },
          { field: 'roe', op: 'gte', value: 15.5 },
        ],
        limit: 50,
        sort: { field: 'pl', dir: 'asc' },
      },
    });
    const c1 = form.conditions[1];
    if (!c1) throw new Error('two rows');
    expect(buildScreen({ ...form, conditions: [form.conditions[0]!, { ...c1, value: 'x' }] })).toEqual({
      error: { code: 'badValue', row: 2 },
    });
    expect(buildScreen({ ...form, conditions: [{ ...c1, field: '' }] })).toEqual({
      error: { code: 'noField', row: 1 },
    });
    expect(buildScreen({ ...form, limit: '0' })).toEqual({ error: { code: 'badLimit' } });
    expect(buildScreen({ ...form, sortField: '' })).toMatchObject({ screen: { limit: 50 } });
    expect(buildScreen({ ...form, sortField: '' })).not.toHaveProperty('screen.sort');
  });
});

describe('screener store', () => {
  it('lists the presets and fills the form with one', async () => {
    const { store } = storeWith();
    await store.getState().loadScreens();
    expect(store.getState().screens.map((s) => s.name)).toEqual(['fundamentus', 'magic-formula']);
    store.getState().pick('fundamentus');
    expect(store.getState()).toMatchObject({
      selected: 'fundamentus',
      dirty: false,
      sortField: 'pl',
      sortDir: 'asc',
      limit: '100',
    });
    expect(store.getState().conditions[0]).toEqual({ field: 'pl', op: 'between', value: '0', value2: '15' });
    store.getState().pick(null);
    expect(store.getState()).toMatchObject({ selected: null, conditions: [], sortField: '' });
  });

  it('runs an untouched preset by its name and keeps the CSV', async () => {
    const { store, calls } = storeWith();
    await store.getState().loadScreens();
    store.getState().pick('fundamentus');
    await store.getState().run();
    expect(calls.find((c) => c.method === 'analysis.screener')?.input).toEqual({
      preset: 'fundamentus',
      conditions: [],
      format: 'csv',
    });
    expect(store.getState()).toMatchObject({ phase: 'ready', csv, result: { total: 0, rows: [] } });
    expect(store.getState().result).not.toHaveProperty('csv');
  });

  it('runs an edited form as explicit conditions', async () => {
    const { store, calls } = storeWith();
    await store.getState().loadScreens();
    store.getState().pick('fundamentus');
    store.getState().updateCondition(2, { value: '20' });
    store.getState().removeCondition(3);
    store.getState().addCondition();
    store.getState().updateCondition(3, { field: 'rsi_14', op: 'lt', value: '30' });
    store.getState().setSort('dy', 'desc');
    store.getState().setLimit('10');
    expect(store.getState().dirty).toBe(true);
    await store.getState().run();
    expect(calls.find((c) => c.method === 'analysis.screener')?.input).toEqual({
      conditions: [
        { field: 'pl', op: 'between', value: 0, value2: 15 },
        { field: 'pvp', op: 'between', value: 0, value2: 2 },
        { field: 'roe', op: 'gte', value: 20 },
        { field: 'rsi_14', op: 'lt', value: 30 },
      ],
      sort: { field: 'dy', dir: 'desc' },
      limit: 10,
      format: 'csv',
    });
  });

  it('does not call the API for a bad form', async () => {
    const { store, calls } = storeWith();
    store.getState().addCondition();
    await store.getState().run();
    expect(store.getState().formError).toEqual({ code: 'noField', row: 1 });
    expect(calls.filter((c) => c.method === 'analysis.screener')).toHaveLength(0);
  });

  it('saves the form under a name and selects it', async () => {
    const { store, calls } = storeWith();
    await store.getState().loadScreens();
    store.getState().addCondition();
    store.getState().updateCondition(0, { field: 'pl', op: 'lt', value: '40' });
    await store.getState().save('  meu filtro ');
    expect(calls.find((c) => c.method === 'screens.save')?.input).toEqual({
      name: 'meu filtro',
      conditions: [{ field: 'pl', op: 'lt', value: 40 }],
      limit: 100,
    });
    expect(store.getState()).toMatchObject({ savedAs: 'meu filtro', selected: 'meu filtro', dirty: false });
    expect(store.getState().screens.map((s) => s.name)).toContain('meu filtro');
    await store.getState().save('  ');
    expect(store.getState().formError).toEqual({ code: 'badName' });
  });

  it('reports a refused run', async () => {
    const { store } = storeWith({
      'analysis.screener': () => ({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'no preset or saved screen "x"' },
      }),
    });
    await store.getState().run();
    expect(store.getState()).toMatchObject({
      phase: 'failed',
      result: null,
      csv: null,
      error: { code: 'NOT_FOUND' },
    });
  });
});

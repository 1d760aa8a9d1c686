import { describe, expect, it } from 'vitest';
import { AppError, type Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { RULES_ENTRY, testModel } from './reports-store-fixtures';
import { createSettingsStore } from './settings-store';
import {
  emptyProviderForm,
  formFromEntry,
  issuesFromError,
  presetOf,
  toProviderInput,
  type ProviderForm,
} from './settings-store-form';
import { fakeTransport } from './test-support';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const form = (patch: Partial<ProviderForm> = {}): ProviderForm => ({
  ...emptyProviderForm(),
  id: 'local',
  model: 'llama3.1:8b',
  ...patch,
});

function setup() {
  let models = [RULES_ENTRY];
  const fake = fakeTransport({
    'ai.models': () => ok({ default: 'rules', models }),
    'ai.providers.save': (input) => {
      const i = input as { id: string; api_key?: string };
      const entry = testModel(i.id, { has_key: typeof i.api_key === 'string' && i.api_key !== '' });
      models = [RULES_ENTRY, entry];
      return ok(entry);
    },
  });
  return { fake, store: createSettingsStore(createClient(fake.transport)) };
}

describe('provider form', () => {
  it('sends no key unless one is typed, the typed key trimmed, and "" to remove it', () => {
    expect(toProviderInput(form()).input).not.toHaveProperty('api_key');
    expect(toProviderInput(form({ api_key: '  sk-test-123\n' })).input?.api_key).toBe('sk-test-123');
    expect(toProviderInput(form({ clear_key: true })).input?.api_key).toBe('');
    expect(toProviderInput(form({ clear_key: true, api_key: 'sk-x' })).input?.api_key).toBe('');
  });

  it('reads the numbers (empty is null, comma decimals, seconds to ms) and refuses non-numbers', () => {
    const input = toProviderInput(form({ temperature: '0,7', max_tokens: '', timeout_s: '90' })).input;
    expect(input).toMatchObject({
      id: 'local',
      provider: 'openai',
      base_url: 'http://127.0.0.1:11434/v1',
      temperature: 0.7,
      max_tokens: null,
      timeout_ms: 90_000,
      stream: true,
      enabled: true,
      make_default: false,
    });
    expect(toProviderInput(form({ temperature: 'quente', max_tokens: '15.5' })).issues).toEqual([
      { field: 'temperature', code: 'notNumber', message: 'quente' },
      { field: 'max_tokens', code: 'notInteger', message: '15.5' },
    ]);
  });

  it('edits an entry without its key, and knows the base URL presets', () => {
    const entry = testModel('claude', {
      provider: 'anthropic',
      base_url: 'https://api.anthropic.com',
      has_key: true,
      timeout_ms: 60_000,
    });
    expect(formFromEntry(entry, true)).toMatchObject({
      id: 'claude',
      provider: 'anthropic',
      api_key: '',
      clear_key: false,
      timeout_s: '60',
      make_default: true,
    });
    expect(presetOf('https://api.anthropic.com/')).toBe('anthropic');
    expect(presetOf('http://127.0.0.1:1234/v1')).toBe('lm-studio');
    expect(presetOf('http://10.0.0.5:8000/v1')).toBeNull();
  });

  it('reads the fields of an INVALID_INPUT answer', () => {
    const e = new AppError('INVALID_INPUT', 'ai.providers.save: base_url: expected an http(s) URL', {
      issues: [{ path: 'base_url', message: 'expected an http(s) URL' }, { nope: 1 }],
    });
    expect(issuesFromError(e)).toEqual([
      { field: 'base_url', code: 'api', message: 'expected an http(s) URL' },
    ]);
    expect(issuesFromError(new AppError('INTERNAL', 'x', { issues: [{ path: 'a', message: 'b' }] }))).toEqual(
      [],
    );
  });
});

describe('settings store', () => {
  it('lists the models with the default', async () => {
    const { store } = setup();
    await store.getState().load();
    expect(store.getState()).toMatchObject({ phase: 'ready', defaultModel: 'rules' });
    expect(store.getState().models.map((m) => m.id)).toEqual(['rules']);
  });

  it('saves without a key, with a key, and clearing the key, reloading the list each time', async () => {
    const { fake, store } = setup();
    await store.getState().save(form());
    const saves = () => fake.calls.filter((c) => c.method === 'ai.providers.save').map((c) => c.input);
    expect(saves()[0]).not.toHaveProperty('api_key');
    expect(store.getState()).toMatchObject({ savedId: 'local', saving: false, saveError: null });
    expect(store.getState().models.map((m) => m.id)).toEqual(['rules', 'local']);
    expect(fake.calls.map((c) => c.method)).toEqual(['ai.providers.save', 'ai.models']);

    await store.getState().save(form({ api_key: 'sk-abc' }));
    expect(saves()[1]).toMatchObject({ api_key: 'sk-abc' });
    expect(store.getState().models[1]?.has_key).toBe(true);

    await store.getState().save(form({ clear_key: true }));
    expect(saves()[2]).toMatchObject({ api_key: '' });
    expect(store.getState().models[1]?.has_key).toBe(false);
  });

  it('does not send a form with a bad number, and shows the API’s field errors', async () => {
    const { fake, store } = setup();
    await expect(store.getState().save(form({ timeout_s: 'x' }))).resolves.toBeNull();
    expect(fake.calls).toHaveLength(0);
    expect(store.getState().issues).toEqual([{ field: 'timeout_ms', code: 'notNumber', message: 'x' }]);

    const refusing = fakeTransport({
      'ai.providers.save': () => ({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'ai.providers.save: id: rules and all are reserved ids',
          details: { issues: [{ path: 'id', message: 'rules and all are reserved ids' }], fields: ['id'] },
        },
      }),
    });
    const store2 = createSettingsStore(createClient(refusing.transport));
    await expect(store2.getState().save(form({ id: 'rules' }))).resolves.toBeNull();
    expect(store2.getState().saveError?.code).toBe('INVALID_INPUT');
    expect(store2.getState().issues).toEqual([
      { field: 'id', code: 'api', message: 'rules and all are reserved ids' },
    ]);
    store2.getState().resetSave();
    expect(store2.getState()).toMatchObject({ saveError: null, issues: [] });
  });

  it('tests a connection (ok, or the typed error) and removes a provider', async () => {
    const fake = fakeTransport({
      'ai.models': () => ok({ default: 'rules', models: [RULES_ENTRY] }),
      'ai.providers.test': (input) =>
        (input as { id: string }).id === 'local'
          ? ok({
              id: 'local',
              ok: true,
              latency_ms: 84,
              model: 'llama3.1:8b',
              message: 'answered',
              usage: null,
            })
          : { ok: false, error: { code: 'PROVIDER_UNAUTHORIZED', message: 'the key was refused' } },
      'ai.providers.delete': (input) => ok({ id: (input as { id: string }).id, deleted: true }),
    });
    const store = createSettingsStore(createClient(fake.transport));
    const testing = store.getState().test('local');
    expect(store.getState().tests['local']).toEqual({ status: 'running' });
    await testing;
    expect(store.getState().tests['local']).toMatchObject({
      status: 'done',
      result: { ok: true, latency_ms: 84 },
    });
    await store.getState().test('gpt');
    expect(store.getState().tests['gpt']).toMatchObject({
      status: 'failed',
      error: { code: 'PROVIDER_UNAUTHORIZED' },
    });
    await expect(store.getState().remove('local')).resolves.toBe(true);
    expect(fake.calls.slice(-2).map((c) => [c.method, c.input])).toEqual([
      ['ai.providers.delete', { id: 'local' }],
      ['ai.models', {}],
    ]);
    expect(store.getState().deleting).toEqual({});
  });
});

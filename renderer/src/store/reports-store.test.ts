import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { ALL_MODELS, createReportsStore, HISTORY_LIMIT } from './reports-store';
import { base64ToBytes, exportFile } from './reports-store-export';
import { RULES_ENTRY, testConsensus, testModel, testReport, testSummary } from './reports-store-fixtures';
import { applyProgress, PROGRESS_TEXT_MAX } from './reports-store-progress';
import { fakeTransport, type FakeHandler } from './test-support';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const notFound = (message: string): Result<unknown> => ({ ok: false, error: { code: 'NOT_FOUND', message } });
const history = (ids: string[]) => ok({ ticker: 'WEGE3', reports: ids.map((id) => testSummary(id)) });

function setup(extra: Parameters<typeof fakeTransport>[0] = {}) {
  const fake = fakeTransport({
    'ai.models': () => ok({ default: 'rules', models: [RULES_ENTRY, testModel('local')] }),
    'ai.history': () => history(['3', '2', '1']),
    'ai.consensus': () => ok(testConsensus([testSummary('3')])),
    ...extra,
  });
  return { fake, store: createReportsStore(createClient(fake.transport), 'pt-BR') };
}

/** A handler whose answer waits until the test releases it. */
function deferred(): { handler: FakeHandler; release: (r: Result<unknown>) => void } {
  let release: (r: Result<unknown>) => void = () => undefined;
  return { handler: () => new Promise((resolve) => (release = resolve)), release: (r) => release(r) };
}

describe('reports store: models, history and consensus', () => {
  it('picks the default model, and keeps "all" once chosen', async () => {
    const { store } = setup();
    expect(store.getState().model).toBe('');
    await store.getState().loadModels();
    expect(store.getState().model).toBe('rules');
    expect(store.getState().models.data?.models.map((m) => m.id)).toEqual(['rules', 'local']);
    store.getState().setModel(ALL_MODELS);
    await store.getState().loadModels();
    expect(store.getState().model).toBe('all');
  });

  it('shows a ticker’s history and consensus; no report yet is a NOT_FOUND consensus', async () => {
    const { fake, store } = setup({ 'ai.consensus': () => notFound('no reports of PETR4') });
    await expect(store.getState().show('petr4')).resolves.toBe(true);
    expect(fake.calls.map((c) => [c.method, c.input])).toEqual([
      ['ai.history', { ticker: 'PETR4', limit: HISTORY_LIMIT }],
      ['ai.consensus', { ticker: 'PETR4' }],
    ]);
    expect(store.getState().history.data?.map((r) => r.id)).toEqual(['3', '2', '1']);
    expect(store.getState().consensus).toMatchObject({ phase: 'failed', error: { code: 'NOT_FOUND' } });
  });

  it('follows the app’s language when it changes, keeping a language picked in between', () => {
    const { store } = setup();
    store.getState().followAppLanguage('pt-BR');
    expect(store.getState().language).toBe('pt-BR');
    store.getState().followAppLanguage('en');
    expect(store.getState().language).toBe('en');
    store.getState().setLanguage('pt-BR');
    // Told the same app language again (the view mounting anew): the pick stays.
    store.getState().followAppLanguage('en');
    expect(store.getState().language).toBe('pt-BR');
    store.getState().followAppLanguage('pt-BR');
    store.getState().followAppLanguage('en');
    expect(store.getState().language).toBe('en');
  });

  it('refuses a non-ticker without asking the API', async () => {
    const { fake, store } = setup();
    await expect(store.getState().show('P/L')).resolves.toBe(false);
    await store.getState().generate('P');
    expect(store.getState().genError?.code).toBe('INVALID_INPUT');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('reports store: generation', () => {
  it('follows ai.progress of its ticker while generating, then opens the report and refreshes', async () => {
    const gen = deferred();
    const { fake, store } = setup({ 'ai.generate': gen.handler });
    await store.getState().loadModels();
    store.getState().setModel(ALL_MODELS);
    store.getState().setLanguage('en');
    const running = store.getState().generate('wege3');
    expect(store.getState().generating).toBe(true);
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'ai.generate')).toBe(true));
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'rules', stage: 'stored' });
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'local', stage: 'streaming', chars: 120 });
    fake.emit('ai.progress', { ticker: 'PETR4', model: 'local', stage: 'streaming', chars: 999 });
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'local', stage: 'streaming', chars: 480 });
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'local', stage: 'failed', message: 'HTTP 401' });
    expect(store.getState().progress).toEqual({
      rules: { model: 'rules', stage: 'stored', chars: null, message: null },
      local: { model: 'local', stage: 'failed', chars: 480, message: 'HTTP 401' },
    });
    const report = testReport('4');
    gen.release(
      ok({
        ticker: 'WEGE3',
        reports: [report],
        errors: [{ model: 'local', code: 'PROVIDER_UNAUTHORIZED', message: 'the key was refused' }],
        consensus: testConsensus([testSummary('4')]),
      }),
    );
    await running;
    const generate = fake.calls.find((c) => c.method === 'ai.generate');
    expect(generate?.input).toEqual({ ticker: 'WEGE3', language: 'en', model: 'all' });
    expect(store.getState()).toMatchObject({
      generating: false,
      genErrors: [{ model: 'local', code: 'PROVIDER_UNAUTHORIZED' }],
      open: { phase: 'ready', id: '4' },
    });
    expect(store.getState().consensus.data?.reports.map((r) => r.id)).toEqual(['4']);
    expect(fake.calls.filter((c) => c.method === 'ai.history')).toHaveLength(2);
    // The subscription ended with the generation.
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'rules', stage: 'input' });
    expect(store.getState().progress['rules']?.stage).toBe('stored');
  });

  it('ends every model stored or failed from the answer, when its events never arrived', async () => {
    const { store } = setup({
      'ai.generate': () =>
        ok({
          ticker: 'WEGE3',
          reports: [testReport('7')],
          errors: [{ model: 'local', code: 'PROVIDER_UNAUTHORIZED', message: 'the key was refused' }],
          consensus: null,
        }),
    });
    await store.getState().generate('WEGE3');
    expect(store.getState().progress).toEqual({
      [testReport('7').model.id]: {
        model: testReport('7').model.id,
        stage: 'stored',
        chars: null,
        message: '7',
      },
      local: {
        model: 'local',
        stage: 'failed',
        chars: null,
        message: 'PROVIDER_UNAUTHORIZED: the key was refused',
      },
    });
  });

  it('marks the models still in progress failed when the generation fails as a whole', async () => {
    const gen = deferred();
    const { fake, store } = setup({ 'ai.generate': gen.handler });
    const running = store.getState().generate('WEGE3');
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'ai.generate')).toBe(true));
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'rules', stage: 'stored', message: '1' });
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'local', stage: 'request' });
    gen.release({ ok: false, error: { code: 'UNAVAILABLE', message: 'local timed out' } });
    await running;
    expect(store.getState().progress).toEqual({
      rules: { model: 'rules', stage: 'stored', chars: null, message: '1' },
      local: { model: 'local', stage: 'failed', chars: null, message: 'UNAVAILABLE: local timed out' },
    });
  });

  it('keeps a failed generation’s error, and never counts streamed characters backwards', async () => {
    const { store } = setup({
      'ai.generate': () => ({ ok: false, error: { code: 'EMPTY_DATA', message: 'no data for ZZZZ3' } }),
    });
    await store.getState().generate('ZZZZ3');
    expect(store.getState()).toMatchObject({ generating: false, genError: { code: 'EMPTY_DATA' } });
    const a = applyProgress({}, { ticker: 'X', model: 'm', stage: 'streaming', chars: 50 });
    const b = applyProgress(a, { ticker: 'X', model: 'm', stage: 'validating', chars: 10 });
    expect(b['m']).toEqual({ model: 'm', stage: 'validating', chars: 50, message: null });
  });

  it("keeps a streaming answer's characters as they arrive; a repair round starts over", () => {
    const ev = (stage: 'streaming' | 'repair', text?: string) => ({
      ticker: 'X',
      model: 'chatgpt',
      stage,
      ...(text ? { text } : {}),
    });
    let m = applyProgress({}, ev('streaming', '{"summary": '));
    m = applyProgress(m, ev('streaming', '"A WEG"'));
    expect(m['chatgpt']?.text).toBe('{"summary": "A WEG"');
    m = applyProgress(m, ev('repair'));
    expect(m['chatgpt']?.text).toBeUndefined();
    m = applyProgress(m, ev('streaming', 'x'.repeat(PROGRESS_TEXT_MAX + 10)));
    expect(m['chatgpt']?.text).toHaveLength(PROGRESS_TEXT_MAX);
  });
});

describe('reports store: open, diff and export', () => {
  it('opens a stored report, and closing forgets a late answer', async () => {
    const slow = deferred();
    const { store } = setup({ 'ai.report': slow.handler });
    const opening = store.getState().openReport('2');
    expect(store.getState().open).toMatchObject({ phase: 'loading', id: '2' });
    store.getState().closeReport();
    slow.release(ok(testReport('2')));
    await opening;
    expect(store.getState().open).toEqual({ phase: 'idle', data: null, error: null, id: null });
  });

  it('diffs two ticked reports older → newer; a third tick drops the first; unticking clears', async () => {
    const { fake, store } = setup({
      'ai.diff': (input) => {
        const { id, other } = input as { id: string; other: string };
        const [from, to] = [testSummary(id), testSummary(other)];
        const changes = { recommendation: { from: 'MANTER', to: 'VENDA' } };
        const data = { changed: [], added: [], removed: [] };
        return ok({
          from,
          to,
          same_input: false,
          same_prompt: false,
          same_model: true,
          changes,
          data,
          strengths: { added: ['ROE alto'], removed: [] },
          risks: { added: [], removed: ['Sem dado'] },
        });
      },
    });
    await store.getState().show('WEGE3');
    await store.getState().toggleSelect('3');
    expect(store.getState().diff.phase).toBe('idle');
    await store.getState().toggleSelect('1');
    expect(fake.calls.at(-1)).toEqual({ method: 'ai.diff', input: { id: '1', other: '3' } });
    expect(store.getState().diff.data?.changes).toEqual({ recommendation: { from: 'MANTER', to: 'VENDA' } });
    await store.getState().toggleSelect('2');
    expect(store.getState().selected).toEqual(['1', '2']);
    expect(fake.calls.at(-1)?.input).toEqual({ id: '1', other: '2' });
    await store.getState().toggleSelect('2');
    expect(store.getState().selected).toEqual(['1']);
    expect(store.getState().diff).toEqual({ phase: 'idle', data: null, error: null });
  });

  it('decodes a PDF export from base64 and keeps Markdown as text', async () => {
    const pdf = '%PDF-1.7\n%âãÏÓ\n';
    const b64 = btoa(pdf);
    const { store } = setup({
      'ai.export': (input) => {
        const { id, format } = input as { id: string; format: 'md' | 'pdf' };
        return format === 'pdf'
          ? ok({
              id,
              format,
              filename: `WEGE3-${id}.pdf`,
              content_type: 'application/pdf',
              content: b64,
              encoding: 'base64',
            })
          : ok({
              id,
              format,
              filename: `WEGE3-${id}.md`,
              content_type: 'text/markdown; charset=utf-8',
              content: '# WEGE3 — Relatório',
              encoding: 'utf-8',
            });
      },
    });
    const file = await store.getState().exportReport('4', 'pdf');
    expect(file?.filename).toBe('WEGE3-4.pdf');
    expect(file?.blob.type).toBe('application/pdf');
    const bytes = new Uint8Array((await file?.blob.arrayBuffer()) ?? new ArrayBuffer(0));
    expect([...bytes]).toEqual([...pdf].map((c) => c.charCodeAt(0)));
    const md = await store.getState().exportReport('4', 'md');
    expect(await md?.blob.text()).toBe('# WEGE3 — Relatório');
    expect(store.getState().exporting).toEqual({});
    expect([...base64ToBytes('JVBE\nRg==')]).toEqual([37, 80, 68, 70]);
    expect(() =>
      exportFile({
        filename: 'x.pdf',
        content_type: 'application/pdf',
        content: '%%%',
        encoding: 'base64',
      }),
    ).toThrow();
  });

  it('reports a refused export', async () => {
    const { store } = setup({
      'ai.export': () => ({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'Chromium is not available' },
      }),
    });
    await expect(store.getState().exportReport('4', 'pdf')).resolves.toBeNull();
    expect(store.getState().exportError).toEqual({
      code: 'UNAVAILABLE',
      message: 'Chromium is not available',
    });
    expect(store.getState().exporting).toEqual({});
  });
});

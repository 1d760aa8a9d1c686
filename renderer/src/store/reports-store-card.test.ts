import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createReportCardStore, currentProgress } from './reports-store-card';
import { testReport } from './reports-store-fixtures';
import { fakeTransport } from './test-support';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });

describe('report card store', () => {
  it('shows the latest report of a ticker', async () => {
    const fake = fakeTransport({ 'ai.latest': () => ok(testReport('3')) });
    const store = createReportCardStore(createClient(fake.transport));
    await store.getState().load('wege3');
    expect(fake.calls).toEqual([{ method: 'ai.latest', input: { ticker: 'WEGE3' } }]);
    expect(store.getState()).toMatchObject({ ticker: 'WEGE3', phase: 'ready', error: null });
    expect(store.getState().report?.report.recommendation).toBe('VENDA');
  });

  it('turns NOT_FOUND into an empty state that generates with the default model, following progress', async () => {
    let release: (r: Result<unknown>) => void = () => undefined;
    const fake = fakeTransport({
      'ai.latest': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no report of WEGE3' } }),
      'ai.generate': () => new Promise((resolve) => (release = resolve)),
    });
    const store = createReportCardStore(createClient(fake.transport));
    await store.getState().load('WEGE3');
    expect(store.getState()).toMatchObject({ phase: 'empty', report: null, error: null });
    const running = store.getState().generate('pt-BR');
    expect(store.getState().generating).toBe(true);
    await vi.waitFor(() => expect(fake.calls.at(-1)?.method).toBe('ai.generate'));
    expect(fake.calls.at(-1)?.input).toEqual({ ticker: 'WEGE3', language: 'pt-BR' });
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'rules', stage: 'input' });
    fake.emit('ai.progress', { ticker: 'WEGE3', model: 'rules', stage: 'validating' });
    expect(currentProgress(store.getState().progress)).toEqual({
      model: 'rules',
      stage: 'validating',
      chars: null,
      message: null,
    });
    release(ok({ ticker: 'WEGE3', reports: [testReport('4')], errors: [], consensus: null }));
    await running;
    expect(store.getState()).toMatchObject({ phase: 'ready', generating: false, genErrors: [] });
    expect(store.getState().report?.id).toBe('4');
  });

  it('keeps other errors as errors, and shows the models that failed', async () => {
    const fake = fakeTransport({
      'ai.latest': () => ({ ok: false, error: { code: 'INTERNAL', message: 'database closed' } }),
      'ai.generate': () =>
        ok({
          ticker: 'WEGE3',
          reports: [],
          errors: [{ model: 'gpt', code: 'INVALID_ANSWER', message: 'summary: required' }],
          consensus: null,
        }),
    });
    const store = createReportCardStore(createClient(fake.transport));
    await store.getState().load('WEGE3');
    expect(store.getState()).toMatchObject({ phase: 'failed', error: { code: 'INTERNAL' } });
    await store.getState().generate('en');
    expect(store.getState()).toMatchObject({
      phase: 'failed',
      report: null,
      genErrors: [{ model: 'gpt', code: 'INVALID_ANSWER' }],
    });
  });

  it('drops a generation’s answer once another ticker is shown', async () => {
    let release: (r: Result<unknown>) => void = () => undefined;
    const fake = fakeTransport({
      'ai.latest': (input) =>
        (input as { ticker: string }).ticker === 'PETR4'
          ? ok(testReport('9', { ticker: 'PETR4' }))
          : { ok: false, error: { code: 'NOT_FOUND', message: 'none' } },
      'ai.generate': () => new Promise((resolve) => (release = resolve)),
    });
    const store = createReportCardStore(createClient(fake.transport));
    await store.getState().load('WEGE3');
    const running = store.getState().generate('pt-BR');
    await store.getState().load('PETR4');
    release(ok({ ticker: 'WEGE3', reports: [testReport('4')], errors: [], consensus: null }));
    await running;
    expect(store.getState()).toMatchObject({ ticker: 'PETR4', phase: 'ready', generating: false });
    expect(store.getState().report?.id).toBe('9');
  });
});

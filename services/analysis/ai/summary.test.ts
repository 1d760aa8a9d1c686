import { describe, expect, it } from 'vitest';
import { AiReportSummary } from '../../contract';
import { summarizeReport } from './summary';
import { aiReport, reportInput } from './test-support';

describe('summarizeReport', () => {
  it('keeps the identity, model, hashes, flags and verdict; the price comes from the input', () => {
    const flag = { kind: 'unknown_citation' as const, citation: 'x.y', where: 'summary', message: 'm' };
    const s = summarizeReport(
      aiReport({ modelId: 'claude', flags: [flag], input: reportInput({ price: 47.1 }) }),
    );
    expect(s).toEqual({
      id: 'r-claude',
      ticker: 'WEGE3',
      created_at: '2026-07-03T12:00:00.000Z',
      kind: 'model',
      language: 'pt-BR',
      model: { id: 'claude', provider: 'openai', name: 'claude-model' },
      input_hash: 'in-1',
      prompt_hash: 'pr-1',
      flags: [flag],
      recommendation: 'MANTER',
      sentiment: 'NEUTRO',
      target_prices: { conservative: 38, moderate: 45, optimistic: 52 },
      price: 47.1,
    });
    expect(AiReportSummary.strict().safeParse(s).success).toBe(true);
    expect(summarizeReport(aiReport({ input: reportInput({ price: null }) })).price).toBeNull();
  });
});

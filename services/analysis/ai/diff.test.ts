import { describe, expect, it } from 'vitest';
import { ReportDiff } from '../../contract';
import { diffReports, sameParams } from './diff';
import { aiReport, claim, dataPoint, reportBody, reportInput } from './test-support';

describe('diffReports', () => {
  it('finds nothing between a report and itself', () => {
    const r = aiReport();
    const d = diffReports(r, r);
    expect(d).toMatchObject({ same_input: true, same_prompt: true, same_model: true, changes: {} });
    expect(d.strengths).toEqual({ added: [], removed: [] });
    expect(d.risks).toEqual({ added: [], removed: [] });
    expect(d.data).toEqual({ changed: [], added: [], removed: [] });
    expect(ReportDiff.safeParse(d).success).toBe(true);
  });

  it('lists the verdict, target, language and model changes as {from, to}', () => {
    const a = aiReport({ id: 'r1' });
    const b = aiReport({
      id: 'r2',
      modelId: 'claude',
      language: 'en',
      params: { temperature: 0 },
      prompt_hash: 'pr-2',
      report: reportBody({
        recommendation: 'COMPRA',
        sentiment: 'POSITIVO',
        summary: 'Nova visão.',
        target_prices: { conservative: 38, moderate: 50, optimistic: 60 },
      }),
    });
    const d = diffReports(a, b);
    expect([d.from.id, d.to.id, d.same_input, d.same_prompt, d.same_model]).toEqual([
      'r1',
      'r2',
      true,
      false,
      false,
    ]);
    expect(d.changes).toEqual({
      recommendation: { from: 'MANTER', to: 'COMPRA' },
      sentiment: { from: 'NEUTRO', to: 'POSITIVO' },
      summary: {
        from: 'WEG tem rentabilidade alta e caixa líquido, mas negocia acima do preço justo.',
        to: 'Nova visão.',
      },
      'target_prices.moderate': { from: 45, to: 50 },
      'target_prices.optimistic': { from: 52, to: 60 },
      language: { from: 'pt-BR', to: 'en' },
      model: {
        from: { id: 'gpt', provider: 'openai', name: 'gpt-model' },
        to: { id: 'claude', provider: 'openai', name: 'claude-model' },
      },
      params: { from: { temperature: 0.2, max_tokens: 1500 }, to: { temperature: 0 } },
    });
  });

  it('tells the same model with other params apart (same_model false)', () => {
    const d = diffReports(aiReport(), aiReport({ params: { temperature: 0.7, max_tokens: 1500 } }));
    expect(d.same_model).toBe(false);
    expect(Object.keys(d.changes)).toEqual(['params']);
    expect(sameParams({ a: 1, b: null }, { b: null, a: 1 })).toBe(true);
    expect(sameParams({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameParams({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false);
  });

  it('compares strengths and risks by text, ignoring case, accents and spacing', () => {
    const a = aiReport();
    const base = reportBody();
    const b = aiReport({
      report: reportBody({
        strengths: [
          claim('roe  ELEVADO de 31,2%', 'fund.roe'),
          claim('Caixa líquido: dívida líquida negativa', 'fund.pl'),
          claim('Receita cresce 12% ao ano', 'fund.revenue_cagr_5y'),
        ],
        risks: base.risks,
      }),
    });
    const d = diffReports(a, b);
    expect(d.strengths).toEqual({
      added: ['Receita cresce 12% ao ano'],
      removed: ['Pagamento regular de dividendos'],
    });
    expect(d.risks).toEqual({ added: [], removed: [] });
  });

  it('lists data points changed (same id), added and removed', () => {
    const a = aiReport({ input_hash: 'h1' });
    const pts = reportInput().data_points.filter((p) => p.id !== 'div.yield_12m');
    const b = aiReport({
      input_hash: 'h2',
      input: reportInput({
        price: 48,
        data_points: [
          ...pts.map((p) =>
            p.id === 'price.last' ? { ...p, value: 48 } : p.id === 'fund.pl' ? { ...p, value: null } : p,
          ),
          dataPoint('tech.trend', 'UP', { label: 'Tendência' }),
        ],
      }),
    });
    const d = diffReports(a, b);
    expect(d.same_input).toBe(false);
    expect(d.data).toEqual({
      changed: [
        { id: 'price.last', label: 'Cotação', from: 46.48, to: 48 },
        { id: 'fund.pl', label: 'P/L', from: 31.03, to: null },
      ],
      added: ['tech.trend'],
      removed: ['div.yield_12m'],
    });
    expect([d.from.price, d.to.price]).toEqual([46.48, 48]);
  });
});

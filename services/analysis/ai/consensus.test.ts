import { describe, expect, it } from 'vitest';
import type { AiReport, Recommendation, ReportSentiment } from '../../contract';
import { claimTokens, commonClaims, computeConsensus, jaccard, median, strengthOf } from './consensus';
import { aiReport, claim, reportBody } from './test-support';

function vote(modelId: string, recommendation: Recommendation, sentiment: ReportSentiment): AiReport {
  return aiReport({ modelId, report: reportBody({ recommendation, sentiment }) });
}

function votes(spec: string): AiReport[] {
  // "C+ C+ M0 V-": C/M/V = COMPRA/MANTER/VENDA, + 0 - = POSITIVO/NEUTRO/NEGATIVO.
  const rec: Record<string, Recommendation> = { C: 'COMPRA', M: 'MANTER', V: 'VENDA' };
  const sen: Record<string, ReportSentiment> = { '+': 'POSITIVO', '0': 'NEUTRO', '-': 'NEGATIVO' };
  return spec
    .split(' ')
    .map((s, i) => vote(`m${i}`, rec[s[0] ?? 'M'] ?? 'MANTER', sen[s[1] ?? '0'] ?? 'NEUTRO'));
}

describe('computeConsensus: majority, confidence and strength', () => {
  it('COMPRA/COMPRA/MANTER, POSITIVO ×3 → COMPRA, confidence (1 + 2/3)/2 = 0.8333, strong', () => {
    const c = computeConsensus('WEGE3', votes('C+ C+ M+'));
    expect(c.recommendation).toBe('COMPRA');
    expect(c.sentiment).toBe('POSITIVO');
    expect(c.confidence).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(c.confidence).toBeCloseTo(0.8333, 4);
    expect(c.strength).toBe('strong');
    expect(c.votes).toEqual({
      recommendation: { COMPRA: 2, MANTER: 1, VENDA: 0 },
      sentiment: { POSITIVO: 3, NEUTRO: 0, NEGATIVO: 0 },
    });
    expect(c.reports.map((r) => r.id)).toEqual(['r-m0', 'r-m1', 'r-m2']);
  });

  it('2 of 4 on each → 0.5, weak', () => {
    const c = computeConsensus('WEGE3', votes('C+ C+ M0 V-'));
    expect([c.recommendation, c.sentiment, c.confidence, c.strength]).toEqual([
      'COMPRA',
      'POSITIVO',
      0.5,
      'weak',
    ]);
  });

  it('3 of 4 on the recommendation, 2 of 4 on the sentiment → (0.5 + 0.75)/2 = 0.625, moderate', () => {
    const c = computeConsensus('WEGE3', votes('V- V- V0 M+'));
    expect([c.recommendation, c.sentiment, c.confidence, c.strength]).toEqual([
      'VENDA',
      'NEGATIVO',
      0.625,
      'moderate',
    ]);
  });

  it('ties go to MANTER and NEUTRO, even when nobody voted for them', () => {
    const split = computeConsensus('WEGE3', votes('C+ V-'));
    expect([split.recommendation, split.sentiment, split.confidence, split.strength]).toEqual([
      'MANTER',
      'NEUTRO',
      0,
      'divergent',
    ]);
    const withHold = computeConsensus('WEGE3', votes('C+ M0'));
    expect([withHold.recommendation, withHold.sentiment, withHold.confidence]).toEqual([
      'MANTER',
      'NEUTRO',
      0.5,
    ]);
    const threeWay = computeConsensus('WEGE3', votes('C+ M0 V-'));
    expect(threeWay.confidence).toBeCloseTo(1 / 3, 12);
    expect(threeWay.strength).toBe('divergent');
  });

  it('lands on the boundaries: 0.8 strong, 0.6 moderate, 0.4 weak; just below is the next label', () => {
    const b08 = computeConsensus('X', votes('C+ C+ C+ M+ V+')); // (1 + 3/5)/2
    expect(b08.confidence).toBeCloseTo(0.8, 12);
    expect(b08.strength).toBe('strong');
    const b06 = computeConsensus('X', votes('C+ C+ C+ M- V-')); // (3/5 + 3/5)/2
    expect(b06.confidence).toBeCloseTo(0.6, 12);
    expect(b06.strength).toBe('moderate');
    const below04 = computeConsensus('X', votes('C+ C+ M0 M- V-')); // MANTER (tie) 2/5; NEUTRO (tie) 1/5
    expect([below04.recommendation, below04.sentiment]).toEqual(['MANTER', 'NEUTRO']);
    expect(below04.confidence).toBeCloseTo((2 / 5 + 1 / 5) / 2, 12);
    expect(below04.strength).toBe('divergent');
    const exact04 = computeConsensus('X', votes('C+ C+ M0 M0 V-')); // MANTER (tie) 2/5; NEUTRO (tie) 2/5
    expect(exact04.confidence).toBeCloseTo(0.4, 12);
    expect(exact04.strength).toBe('weak');
    expect([
      strengthOf(0.8),
      strengthOf(0.7999),
      strengthOf(0.6),
      strengthOf(0.5999),
      strengthOf(0.4),
      strengthOf(0.3999),
    ]).toEqual(['strong', 'moderate', 'moderate', 'weak', 'weak', 'divergent']);
  });

  it('has no verdict without reports', () => {
    expect(computeConsensus('WEGE3', [])).toEqual({
      ticker: 'WEGE3',
      reports: [],
      count: 0,
      recommendation: null,
      sentiment: null,
      votes: {
        recommendation: { COMPRA: 0, MANTER: 0, VENDA: 0 },
        sentiment: { POSITIVO: 0, NEUTRO: 0, NEGATIVO: 0 },
      },
      confidence: 0,
      // Issue 15: fewer than 2 reports is no consensus (was 'divergent').
      strength: 'insufficient',
      common_strengths: [],
      common_risks: [],
      target_prices: null,
    });
  });
});

describe('computeConsensus: at least 2 reports', () => {
  it('one report is not "Consenso forte, confiança 100%": insufficient, no majority, no targets, and says 1', () => {
    const one = computeConsensus('WEGE3', [aiReport({ modelId: 'rules', report: reportBody({}) })]);
    expect(one).toMatchObject({
      count: 1,
      strength: 'insufficient',
      recommendation: null,
      sentiment: null,
      confidence: 0,
      target_prices: null,
    });
    expect(one.reports).toHaveLength(1);
    const two = computeConsensus('WEGE3', [
      aiReport({ modelId: 'a', report: reportBody({}) }),
      aiReport({ modelId: 'b', report: reportBody({}) }),
    ]);
    expect(two.count).toBe(2);
    expect(two.strength).toBe('strong');
  });

  it('targets are the median of the reports that set some (a thin-data report sets none)', () => {
    const c = computeConsensus('WEGE3', [
      aiReport({ modelId: 'a', report: reportBody({ target_prices: null }) }),
      aiReport({
        modelId: 'b',
        report: reportBody({ target_prices: { conservative: 1, moderate: 2, optimistic: 3 } }),
      }),
    ]);
    expect(c.target_prices).toEqual({ conservative: 1, moderate: 2, optimistic: 3 });
  });
});

describe('computeConsensus: targets and common points', () => {
  it('takes the median of each target: odd count the middle, even count the mean of the middle two', () => {
    const t = (c: number, m: number, o: number): AiReport =>
      aiReport({
        modelId: `m${c}`,
        report: reportBody({ target_prices: { conservative: c, moderate: m, optimistic: o } }),
      });
    expect(computeConsensus('X', [t(30, 40, 50), t(38, 45, 52), t(20, 50, 70)]).target_prices).toEqual({
      conservative: 30,
      moderate: 45,
      optimistic: 52,
    });
    expect(computeConsensus('X', [t(30, 40, 50), t(38, 45, 52)]).target_prices).toEqual({
      conservative: 34,
      moderate: 42.5,
      optimistic: 51,
    });
    expect([median([]), median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([null, 2, 2.5]);
  });

  it('finds strengths made by two or more models (shared citation + similar words, or same words)', () => {
    const a = aiReport({
      modelId: 'gpt',
      report: reportBody({
        strengths: [
          claim('ROE elevado de 31,2%', 'fund.roe'),
          claim('Caixa líquido: dívida líquida negativa', 'fund.net_debt_to_equity'),
          claim('Histórico de dividendos', 'div.yield_12m'),
        ],
      }),
    });
    const b = aiReport({
      modelId: 'claude',
      report: reportBody({
        strengths: [
          claim('Rentabilidade alta, com ROE de 31,2%', 'fund.roe'), // {rentabilidade, alta, roe, 31,2} vs {roe, elevado, 31,2}: 2/5
          claim('Dívida líquida negativa (caixa líquido)', 'fund.pl'), // same words, other citation: 1
          claim('Crescimento de receita', 'fund.revenue_cagr_5y'),
        ],
      }),
    });
    const c = aiReport({
      modelId: 'llama',
      report: reportBody({
        strengths: [
          claim('ROE alto', 'fund.pl'), // {roe, alto} vs {roe, elevado, 31,2}: 1/4, below 0.3
          claim('Dividendos crescentes', 'div.yield_12m'), // {dividendos, crescentes} vs {historico, dividendos}: 1/3 + citation
          claim('Crescimento de receita forte', 'fund.revenue_cagr_5y'), // {crescimento, receita, forte} vs 2 of 3: 2/3
        ],
      }),
    });
    expect(computeConsensus('WEGE3', [a, b, c]).common_strengths).toEqual([
      { text: 'ROE elevado de 31,2%', models: ['gpt', 'claude'], citations: ['fund.roe'] },
      {
        text: 'Caixa líquido: dívida líquida negativa',
        models: ['gpt', 'claude'],
        citations: ['fund.net_debt_to_equity', 'fund.pl'],
      },
      { text: 'Histórico de dividendos', models: ['gpt', 'llama'], citations: ['div.yield_12m'] },
      { text: 'Crescimento de receita', models: ['claude', 'llama'], citations: ['fund.revenue_cagr_5y'] },
    ]);
  });

  it('does not count one model twice, and puts points made by more models first', () => {
    const common = commonClaims([
      { model: 'a', claims: [claim('P/L alto', 'fund.pl'), claim('Múltiplo P/L alto demais', 'fund.pl')] },
      { model: 'b', claims: [claim('Endividamento crescente', 'fund.net_debt_to_equity')] },
      {
        model: 'c',
        claims: [claim('Endividamento em alta', 'fund.net_debt_to_equity'), claim('P/L alto', 'fund.pl')],
      },
      { model: 'd', claims: [claim('P/L alto', 'fund.pl')] },
    ]);
    expect(common).toEqual([
      { text: 'P/L alto', models: ['a', 'c', 'd'], citations: ['fund.pl'] },
      { text: 'Endividamento crescente', models: ['b', 'c'], citations: ['fund.net_debt_to_equity'] },
    ]);
    expect(
      commonClaims([{ model: 'a', claims: [claim('P/L alto', 'fund.pl'), claim('P/L alto', 'fund.pl')] }]),
    ).toEqual([]);
  });

  it('measures similarity on content words', () => {
    expect([...claimTokens('O P/L é de 31,2 vezes — alto! EV/EBITDA x')]).toEqual([
      'pl',
      '31,2',
      'vezes',
      'alto',
      'evebitda',
    ]);
    expect(jaccard(claimTokens('ROE elevado'), claimTokens('roe ELEVADO.'))).toBe(1);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateSentiment, formatConfusion, LABELS } from './evaluate';
import { HEADLINES_PT } from './headlines-pt';
import { NEUTRAL_BAND, scoreSentiment, tokenize } from './sentiment';

describe('scoreSentiment', () => {
  it('ignores accents and case', () => {
    expect(tokenize('AÇÃO Ação acao')).toEqual(['acao', 'acao', 'acao']);
    expect(scoreSentiment('Prejuízo da ação').score).toBe(scoreSentiment('prejuizo da acao').score);
    expect(tokenize('eleva preço-alvo, data-com')).toEqual(['eleva', 'preco-alvo', ',', 'data-com']);
  });

  it('negation flips the next tokens', () => {
    const plain = scoreSentiment('Petrobras registra prejuízo no trimestre');
    const neg = scoreSentiment('Petrobras não registra prejuízo no trimestre');
    expect(plain.label).toBe('negative');
    expect(neg.label).toBe('positive');
    expect(neg.score).toBeCloseTo(-plain.score, 12);
    expect(neg.hits[0]).toMatchObject({ term: 'prejuizo', negated: true });
    // Beyond three content tokens the negator no longer reaches.
    expect(scoreSentiment('não houve surpresa alguma neste prejuízo').label).toBe('negative');
  });

  it('intensifiers scale ×1.5 and downtoners ×0.5', () => {
    const base = scoreSentiment('ações sobem').hits[0]?.weight ?? 0;
    expect(base).toBe(1);
    expect(scoreSentiment('ações sobem forte').hits[0]).toMatchObject({ weight: 1.5, intensified: true });
    expect(scoreSentiment('leve queda das ações').hits[0]?.weight).toBe(-0.5);
    expect(scoreSentiment('lucro recorde').hits[0]?.weight).toBeCloseTo(1.2, 12);
  });

  it('composes movements with quantity nouns', () => {
    expect(scoreSentiment('lucro cai').label).toBe('negative');
    expect(scoreSentiment('dívida cai').label).toBe('positive');
    expect(scoreSentiment('empresa corta dividendos').label).toBe('negative');
    expect(scoreSentiment('prejuízo acima do esperado').label).toBe('negative');
  });

  it('mas / apesar weight the main clause', () => {
    expect(scoreSentiment('lucro cai mas supera expectativas').label).toBe('positive');
    expect(scoreSentiment('lucro sobe, mas fica abaixo das estimativas').label).toBe('negative');
    expect(scoreSentiment('apesar da queda do minério, lucro sobe').label).toBe('positive');
  });

  it('keeps the score in (−1, 1) and labels neutral inside the band', () => {
    const big = 'fraude calote falência despenca prejuízo recorde '.repeat(20);
    const s = scoreSentiment(big).score;
    expect(s).toBeLessThan(-0.99);
    expect(s).toBeGreaterThan(-1);
    const n = scoreSentiment('Itaú convoca assembleia geral ordinária');
    expect(n).toMatchObject({ score: 0, label: 'neutral', hits: [] });
    expect(Math.abs(scoreSentiment('data-com de JCP em 11 de junho').score)).toBeLessThan(NEUTRAL_BAND);
  });
});

describe('evaluation on the labelled headline set', () => {
  it('reaches ≥ 80% accuracy on ≥ 200 balanced headlines', () => {
    const e = evaluateSentiment(HEADLINES_PT);
    console.log(`accuracy ${(e.accuracy * 100).toFixed(1)}% (${e.correct}/${e.n})\n${formatConfusion(e)}`);
    expect(e.n).toBeGreaterThanOrEqual(200);
    for (const l of LABELS) {
      const count = HEADLINES_PT.filter((h) => h.label === l).length;
      expect(count / e.n).toBeGreaterThanOrEqual(0.3);
      expect(Object.values(e.matrix[l]).reduce((a, b) => a + b, 0)).toBe(count);
    }
    expect(e.accuracy).toBeGreaterThanOrEqual(0.8);
  });
});

import { describe, expect, it } from 'vitest';
import { ReportBody, type ReportInput, type ReportLanguage } from '../../contract';
import { cheapHealthyInput, dp, expensiveFallingInput, fullInput, thinInput } from './prompt-fixtures';
import { assess, RULES_VERSION, writeRuleReport } from './rules-writer';

const LANGS: ReportLanguage[] = ['pt-BR', 'en'];

function citations(b: ReportBody): string[] {
  return [...b.citations, ...b.strengths.flatMap((c) => c.citations), ...b.risks.flatMap((c) => c.citations)];
}

/** Valid for the contract, and every id it cites is in the input. */
function checked(input: ReportInput, language: ReportLanguage): ReportBody {
  const body = ReportBody.parse(writeRuleReport(input, language));
  const ids = new Set(input.data_points.map((p) => p.id));
  for (const id of citations(body)) expect(ids, `${id} cited but not in the input`).toContain(id);
  for (const c of [...body.strengths, ...body.risks]) expect(c.citations.length).toBeGreaterThan(0);
  const texts = [...body.strengths, ...body.risks].map((c) => c.text);
  expect(new Set(texts).size).toBe(6);
  const sentences = body.summary.split(/(?<=\.) (?=[A-Z])/);
  expect(sentences.length).toBeGreaterThanOrEqual(2);
  expect(sentences.length).toBeLessThanOrEqual(4);
  return body;
}

describe('writeRuleReport', () => {
  it('recommends COMPRA for a cheap, healthy, rising stock', () => {
    for (const l of LANGS) {
      const b = checked(cheapHealthyInput(), l);
      expect(b.recommendation).toBe('COMPRA');
      expect(b.sentiment).toBe('POSITIVO');
      // Fair prices 28, 30, 32, 36: quartiles 29.5 / 31 / 33 blended half and half with 20, the
      // band widened to ±5 % around 25.5.
      expect(b.target_prices).toEqual({ conservative: 24.23, moderate: 25.5, optimistic: 26.78 });
      // Strongest first: valuation (+3), then quality (+2, before trend +2 by factor order).
      expect(b.strengths[0]?.citations).toEqual([
        'val.graham_number',
        'val.bazin_5y',
        'val.barsi',
        'val.dcf',
        'price.last',
      ]);
      expect(b.strengths[1]?.citations).toEqual(['fund.roe', 'fund.roic', 'fund.net_margin']);
      // The only negative factor: the yield below the Selic.
      expect(b.risks[0]?.citations).toEqual(['macro.selic_target', 'div.yield_12m']);
    }
    const pt = writeRuleReport(cheapHealthyInput(), 'pt-BR');
    expect(pt.summary).toContain('BOMB SA (BOMB3): recomendação COMPRA pelas regras');
    expect(pt.strengths[0]?.text).toBe(
      'Preço justo mediano de R$ 31,00 em 4 modelos de valuation, 55,0% acima da cotação de R$ 20,00 (4 de 4 acima do preço).',
    );
    expect(pt.risks[0]?.text).toBe(
      'Dividend yield de 7,50% abaixo da Selic de 10,50%: a renda fixa rende mais que os proventos.',
    );
  });

  it('recommends VENDA for an expensive, indebted, falling stock with bad news', () => {
    for (const l of LANGS) {
      const b = checked(expensiveFallingInput(), l);
      expect(b.recommendation).toBe('VENDA');
      expect(b.sentiment).toBe('NEGATIVO');
      expect(b.target_prices).toEqual({ conservative: 35.63, moderate: 37.5, optimistic: 39.38 });
      expect(b.risks.map((c) => c.citations[0])).toEqual([
        'val.graham_number',
        'fund.net_debt_to_equity',
        'tech.trend',
      ]);
    }
    const { assessment } = assess(expensiveFallingInput());
    expect(assessment.total).toBe(-12);
    const en = writeRuleReport(expensiveFallingInput(), 'en');
    expect(en.risks[2]?.text).toBe(
      'Unfavourable technical momentum: downtrend, technical sell signal, price below its 200-day average (R$ 60.00) and RSI 14 at 45.00.',
    );
    expect(en.summary).toContain(
      'CARO SA (CARO3): rule-based recommendation VENDA, sentiment NEGATIVO (score -12.00)',
    );
  });

  it('holds with thin data and fills strengths and risks with notes citing the data used', () => {
    for (const l of LANGS) {
      const b = checked(thinInput(), l);
      expect(b.recommendation).toBe('MANTER');
      expect(b.sentiment).toBe('NEUTRO');
      // No model: price bands of ±10 % (score 0 keeps the moderate target at the price).
      expect(b.target_prices).toEqual({ conservative: 9, moderate: 10, optimistic: 11 });
    }
    const b = writeRuleReport(thinInput(), 'pt-BR');
    expect(b.strengths.map((c) => c.text)).toEqual([
      'Múltiplos moderados: P/L 12,00x.',
      'Sem séries de preço para análise técnica; cotação de R$ 10,00.',
      'Sem demonstrações da CVM no banco local: os indicadores vêm só dos sites, sem conferência pelos balanços.',
    ]);
    expect(b.strengths[1]?.citations).toEqual(['price.last']);
    expect(b.risks[0]?.text).toBe(
      'Sem modelos de preço justo: os preços-alvo são faixas em torno da cotação.',
    );
    expect(b.summary).toContain('contida pela falta de dados (só 1 fator avaliado)');
    expect(writeRuleReport(thinInput(), 'en').summary).toContain(
      'held back by thin data (only 1 factor evaluated)',
    );
  });

  it('does not buy above the median fair price, however strong the rest', () => {
    const { assessment } = assess(fullInput());
    expect(assessment.total).toBe(5.5);
    expect(assessment.targets.moderate).toBeLessThan(46.48);
    for (const l of LANGS) expect(checked(fullInput(), l).recommendation).toBe('MANTER');
  });

  it('does not let the Graham number alone decide, and softens it for high returns', () => {
    const base = (roe: number) => ({
      ...thinInput(),
      price: 46.48,
      data_points: [
        dp('price.last', 46.48, 'BRL'),
        dp('val.graham_number', 11.95, 'BRL'),
        dp('fund.roe', roe, 'pct'),
      ],
    });
    const valuation = (roe: number) =>
      assess(base(roe)).assessment.factors.find((x) => x.key === 'valuation');
    // −74 % would score −3; one model caps it at −1, and ROE ≥ 20 % softens it to 0.
    expect(valuation(10)?.score).toBe(-1);
    expect(valuation(35)?.score).toBe(0);
    expect(valuation(35)?.citations).toContain('fund.roe');
  });

  it('writes the same content in both languages', () => {
    for (const input of [cheapHealthyInput(), expensiveFallingInput(), thinInput(), fullInput()]) {
      const pt = writeRuleReport(input, 'pt-BR');
      const en = writeRuleReport(input, 'en');
      expect(en.recommendation).toBe(pt.recommendation);
      expect(en.sentiment).toBe(pt.sentiment);
      expect(en.target_prices).toEqual(pt.target_prices);
      expect(en.citations).toEqual(pt.citations);
      expect(en.strengths.map((c) => c.citations)).toEqual(pt.strengths.map((c) => c.citations));
      expect(en.risks.map((c) => c.citations)).toEqual(pt.risks.map((c) => c.citations));
      expect(en.summary).not.toBe(pt.summary);
    }
  });

  it('is deterministic', () => {
    expect(writeRuleReport(fullInput(), 'pt-BR')).toEqual(writeRuleReport(fullInput(), 'pt-BR'));
    expect(RULES_VERSION).toBe('rules-v1');
  });

  it('uses support and resistance for the targets when there is no model', () => {
    const input: ReportInput = {
      ...thinInput(),
      price: 20,
      data_points: [
        dp('price.last', 20, 'BRL'),
        dp('tech.trend', 'UP', 'text'),
        dp('tech.signal', 'BUY', 'text'),
        dp('tech.support', 18.5, 'BRL'),
        dp('tech.resistance', 23, 'BRL'),
        dp('tech.resistance_far', 40, 'BRL'),
      ],
      missing: [],
    };
    const b = checked(input, 'pt-BR');
    // Score +1.5 → moderate = 20 × (1 + 0.02 × 1.5) = 20.60.
    expect(b.target_prices).toEqual({ conservative: 18.5, moderate: 20.6, optimistic: 23 });
    expect(b.citations).toEqual(expect.arrayContaining(['tech.support', 'tech.resistance']));
    // A resistance 100 % above the price is too far: +10 % instead.
    const far = {
      ...input,
      data_points: input.data_points.map((p) => (p.id === 'tech.resistance' ? { ...p, value: 40 } : p)),
    };
    expect(writeRuleReport(far, 'pt-BR').target_prices.optimistic).toBe(22);
  });

  it('fills six distinct claims from the price alone, and keeps tiny targets positive', () => {
    const only: ReportInput = {
      ...thinInput(),
      price: 0.01,
      data_points: [dp('price.last', 0.01, 'BRL')],
      missing: [],
    };
    for (const l of LANGS) {
      const b = checked(only, l);
      expect(b.recommendation).toBe('MANTER');
      expect(b.target_prices).toEqual({ conservative: 0.01, moderate: 0.01, optimistic: 0.01 });
      expect(new Set(citations(b))).toEqual(new Set(['price.last']));
    }
  });

  it('cites the last close when there is no price.last, and throws without any price', () => {
    const close: ReportInput = {
      ...thinInput(),
      price: null,
      data_points: [dp('tech.close', 30, 'BRL'), dp('tech.trend', 'DOWN', 'text')],
    };
    const b = checked(close, 'pt-BR');
    expect(b.citations[0]).toBe('tech.close');
    expect(b.target_prices.moderate).toBeLessThan(30);
    const none: ReportInput = { ...thinInput(), price: null, data_points: [dp('fund.pl', 12, 'ratio')] };
    expect(() => writeRuleReport(none, 'pt-BR')).toThrow(/no price for THIN3/);
  });
});

import { describe, expect, it } from 'vitest';
import { ReportBody, type ReportInput, type ReportLanguage } from '../../contract';
import { cheapHealthyInput, dp, expensiveFallingInput, fullInput, thinInput } from './prompt-fixtures';
import { indexFacts } from './rules-data';
import { assess, RULES_VERSION, writeRuleReport } from './rules-writer';
import { targetPrices } from './rules-targets';

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
    // Issue 15: the headline says how many factors were judged.
    expect(en.summary).toContain(
      'CARO SA (CARO3): rule-based recommendation SELL, sentiment NEGATIVE (score -12.00, 8 of 8 factors judged)',
    );
  });

  it('says "dados insuficientes" with thin data, sets no targets, and fills strengths and risks with notes citing the data used', () => {
    for (const l of LANGS) {
      const b = checked(thinInput(), l);
      expect(b.recommendation).toBe('MANTER');
      expect(b.sentiment).toBe('NEUTRO');
      // Issue 15: 1 factor judged (below the minimum of 3) gives no targets (before: ±10 % bands).
      expect(b.target_prices).toBeNull();
    }
    const b = writeRuleReport(thinInput(), 'pt-BR');
    expect(b.strengths.map((c) => c.text)).toEqual([
      'Múltiplos moderados: P/L 12,00x.',
      'Sem séries de preço para análise técnica; cotação de R$ 10,00.',
      'Sem demonstrações da CVM no banco local: os indicadores vêm só dos sites, sem conferência pelos balanços.',
    ]);
    expect(b.strengths[1]?.citations).toEqual(['price.last']);
    // No targets, so the note on how targets are made is left out.
    expect(b.risks.map((c) => c.text)).not.toContain(
      'Sem modelos de preço justo: os preços-alvo são faixas em torno da cotação.',
    );
    expect(b.summary).toContain(
      'THIN SA (THIN3): dados insuficientes — só 1 de 8 fatores avaliados (mínimo de 3)',
    );
    expect(writeRuleReport(thinInput(), 'en').summary).toContain(
      'insufficient data — only 1 of 8 factors judged (at least 3 needed), so no target prices',
    );
  });

  it('does not buy above the median fair price, however strong the rest; a range below the price is said, with why it is not VENDA', () => {
    const { assessment } = assess(fullInput());
    expect(assessment.total).toBe(5.5);
    expect(assessment.targets?.optimistic).toBeLessThan(46.48);
    expect(assessment.rangeBelow).toBe(true);
    for (const l of LANGS) expect(checked(fullInput(), l).recommendation).toBe('MANTER');
    // Issue 15: WEGE3 was MANTER/POSITIVO with every target below the price and no word on it.
    expect(writeRuleReport(fullInput(), 'pt-BR').summary).toContain(
      'todos os alvos ficam abaixo da cotação (de 2,5% a 24,1% abaixo); MANTER só porque a pontuação (+5,50) pesa mais',
    );
  });

  it('a target range wholly below the price with a modest score is VENDA, not MANTER/POSITIVO', () => {
    // fullInput without the trend and quality factors: a score under 3, the same models below the price.
    const input: ReportInput = {
      ...fullInput(),
      data_points: fullInput().data_points.filter(
        (p) => !/^(tech\.|fund\.roe|fund\.roic|fund\.net_margin)/.test(p.id),
      ),
    };
    const { assessment } = assess(input);
    expect(assessment.thin).toBe(false);
    expect(assessment.total).toBeLessThan(3);
    expect(assessment.rangeBelow).toBe(true);
    for (const l of LANGS) {
      const b = checked(input, l);
      expect(b.recommendation).toBe('VENDA');
      expect(b.sentiment).not.toBe('POSITIVO');
    }
    expect(writeRuleReport(input, 'en').summary).toMatch(/every target is below the price .*, hence VENDA/);
  });

  it('macro points are context: never a strength, even when they are all there is to say', () => {
    const input: ReportInput = {
      ...cheapHealthyInput(),
      data_points: [
        ...cheapHealthyInput().data_points.filter((p) => !p.id.startsWith('macro.')),
        dp('macro.ipca_12m', 4.83, 'pct'),
        dp('macro.selic_target', 2, 'pct'),
      ],
    };
    for (const l of LANGS) {
      const b = checked(input, l);
      const cited = b.strengths.flatMap((c) => c.citations);
      expect(cited.filter((id) => id.startsWith('macro.'))).toEqual([]);
    }
    // Before: "IPCA de 12 meses de 4,83%." filled a strength of a thin report.
    const thin: ReportInput = {
      ...thinInput(),
      data_points: [...thinInput().data_points, dp('macro.ipca_12m', 4.83, 'pct')],
    };
    expect(checked(thin, 'pt-BR').strengths.map((c) => c.text)).not.toContain('IPCA de 12 meses de 4,83%.');
    expect(checked(thin, 'en').strengths.map((c) => c.text)).not.toContain(
      '12-month IPCA inflation of 4.83%.',
    );
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
    // v2 (issue 15): thin data sets no targets, a range below the price is VENDA or says why, macro is context.
    expect(RULES_VERSION).toBe('rules-v2');
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
    // One factor (the trend) is too thin for a report's targets (issue 15); the bands themselves:
    expect(checked(input, 'pt-BR').target_prices).toBeNull();
    // Score +1.5 → moderate = 20 × (1 + 0.02 × 1.5) = 20.60.
    const t = targetPrices(indexFacts(input), 1.5);
    expect(t).toMatchObject({ conservative: 18.5, moderate: 20.6, optimistic: 23, method: 'price_bands' });
    expect(t.citations).toEqual(expect.arrayContaining(['tech.support', 'tech.resistance']));
    // A resistance 100 % above the price is too far: +10 % instead.
    const far = {
      ...input,
      data_points: input.data_points.map((p) => (p.id === 'tech.resistance' ? { ...p, value: 40 } : p)),
    };
    expect(targetPrices(indexFacts(far), 1.5).optimistic).toBe(22);
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
      // The price alone is insufficient data: no targets (issue 15); the bands stay positive.
      expect(b.target_prices).toBeNull();
      expect(new Set(citations(b))).toEqual(new Set(['price.last']));
    }
    expect(targetPrices(indexFacts(only), 0)).toMatchObject({
      conservative: 0.01,
      moderate: 0.01,
      optimistic: 0.01,
    });
  });

  it('cites the last close when there is no price.last, and throws without any price', () => {
    const close: ReportInput = {
      ...thinInput(),
      price: null,
      data_points: [dp('tech.close', 30, 'BRL'), dp('tech.trend', 'DOWN', 'text')],
    };
    const b = checked(close, 'pt-BR');
    expect(b.citations[0]).toBe('tech.close');
    expect(b.target_prices).toBeNull(); // 1 factor judged: insufficient data (issue 15)
    expect(targetPrices(indexFacts(close), -1).moderate).toBeLessThan(30);
    const none: ReportInput = { ...thinInput(), price: null, data_points: [dp('fund.pl', 12, 'ratio')] };
    expect(() => writeRuleReport(none, 'pt-BR')).toThrow(/no price for THIN3/);
  });
});

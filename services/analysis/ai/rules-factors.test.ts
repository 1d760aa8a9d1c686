import { describe, expect, it } from 'vitest';
import type { DataPoint } from '../../contract';
import { dp, thinInput } from './prompt-fixtures';
import { indexFacts, quantile } from './rules-data';
import { macroFactor } from './rules-factors-macro';
import { dividendFactor, liquidityFactor, newsFactor, trendFactor } from './rules-factors-market';
import {
  debtFactor,
  growthFactor,
  multiplesFactor,
  qualityFactor,
  upsideScore,
  valuationFactor,
} from './rules-factors-value';

const facts = (...pts: DataPoint[]) =>
  indexFacts({ ...thinInput(), data_points: [dp('price.last', 10, 'BRL'), ...pts] });

describe('rule factors', () => {
  it('scores the valuation upside in bands', () => {
    expect([40, 30, 20, 5, 0, -5, -10, -15, -29, -30, -80].map(upsideScore)).toEqual([
      3, 3, 2, 1, 0, -1, -1, -2, -2, -3, -3,
    ]);
    const two = valuationFactor(facts(dp('val.barsi', 20, 'BRL'), dp('val.dcf', 30, 'BRL')));
    // Median 25 → +150 %, capped at +2 with two models.
    expect(two?.score).toBe(2);
    expect(two?.text('pt-BR')).toBe(
      'Preço justo mediano de R$ 25,00 em 2 modelos de valuation, 150,0% acima da cotação de R$ 10,00 (2 de 2 acima do preço).',
    );
    // The magic formula rank is not a fair price.
    expect(valuationFactor(facts(dp('val.magic_formula_rank', 3, 'count')))).toBeNull();
  });

  it('scores quality, debt, growth and multiples from site values, CVM values otherwise', () => {
    expect(qualityFactor(facts(dp('comp.roe', -3, 'pct'), dp('fund.net_margin', 2, 'pct')))).toMatchObject({
      score: -1.5,
      citations: ['comp.roe', 'fund.net_margin'],
    });
    expect(qualityFactor(facts(dp('fund.roe', 25, 'pct'), dp('comp.roe', -3, 'pct')))?.score).toBe(1);
    expect(debtFactor(facts(dp('fund.net_debt_to_ebitda', 3.5, 'ratio')))?.text('en')).toBe(
      'High debt: net debt/EBITDA of 3.50x.',
    );
    const growth = growthFactor(
      facts(dp('comp.revenue_cagr_5y', 3, 'pct'), dp('fund.earnings_cagr_5y', -4, 'pct')),
    );
    expect(growth?.score).toBe(-0.5);
    expect(growth?.text('pt-BR')).toBe(
      'Crescimento fraco em 5 anos: receita +3,0% ao ano e lucro -4,0% ao ano.',
    );
    expect(multiplesFactor(facts(dp('fund.pl', -5, 'ratio')))?.text('en')).toBe(
      'Negative earnings: P/E -5.00x.',
    );
    expect(qualityFactor(facts())).toBeNull();
  });

  it('reads trend and momentum, with RSI extremes', () => {
    const t = trendFactor(facts(dp('tech.rsi_14', 75, 'ratio'), dp('tech.trend', 'SIDEWAYS', 'text')));
    expect(t?.score).toBe(-0.5);
    expect(t?.text('pt-BR')).toBe(
      'Momento técnico desfavorável: tendência lateral e IFR 14 sobrecomprado (75,00).',
    );
    // Below the 200-day average (−0.5) but oversold (+0.5); the price stands in for the close.
    const o = trendFactor(facts(dp('tech.rsi_14', 25, 'ratio'), dp('tech.sma_200', 12, 'BRL')));
    expect(o).toMatchObject({ score: 0, citations: ['price.last', 'tech.sma_200', 'tech.rsi_14'] });
  });

  it('weighs dividends, news (halved under 3 items), liquidity', () => {
    expect(dividendFactor(facts(dp('div.years_paid_5y', 1, 'count')))?.score).toBe(-0.5);
    expect(dividendFactor(facts(dp('div.years_paid_5y', 5, 'count'), dp('fund.dy', 8, 'pct')))?.score).toBe(
      1.5,
    );
    const one = newsFactor(
      facts(dp('news.1', -0.5, 'ratio', { label: 'Queda forte' }), dp('news.average', -0.5, 'ratio')),
    );
    expect(one?.score).toBe(-0.5);
    expect(one?.text('pt-BR')).toBe(
      'Noticiário negativo: sentimento médio de -0,50 em 1 notícia; destaque: "Queda forte" (-0,50).',
    );
    const three = newsFactor(
      facts(
        dp('news.1', 0.1, 'ratio'),
        dp('news.2', 0.6, 'ratio', { label: 'Alta' }),
        dp('news.3', 0.2, 'ratio'),
        dp('news.average', 0.3, 'ratio'),
      ),
    );
    expect(three).toMatchObject({ score: 1, citations: ['news.average', 'news.2'] });
    expect(liquidityFactor(facts(dp('fund.avg_volume_2m', 500000, 'BRL')))?.score).toBe(-0.5);
  });

  it('compares the dividend yield with the Selic, the CDI or the IPCA', () => {
    const cdi = macroFactor(facts(dp('macro.cdi_12m', 13, 'pct'), dp('fund.dy', 14, 'pct')));
    // Above the rate (+0.5) but rates are high (−0.5).
    expect(cdi?.score).toBe(0);
    expect(cdi?.text('pt-BR')).toBe(
      'Dividend yield de 14,00% acima do CDI de 12 meses de 13,00%. Juros altos pesam sobre as ações.',
    );
    const ipca = macroFactor(facts(dp('macro.ipca_12m', 4.83, 'pct'), dp('div.yield_12m', 4.69, 'pct')));
    expect(ipca).toMatchObject({ score: 0, citations: ['div.yield_12m', 'macro.ipca_12m'] });
    expect(ipca?.text('en')).toBe(
      'Dividend yield of 4.69% against 12-month IPCA inflation of 4.83%: real dividend yield of -0.14 p.p.',
    );
    expect(macroFactor(facts(dp('macro.selic_target', 14.25, 'pct')))?.score).toBe(-0.5);
    expect(macroFactor(facts(dp('fund.dy', 5, 'pct')))).toBeNull();
  });

  it('interpolates quantiles', () => {
    expect(quantile([28, 30, 32, 36], 0.25)).toBe(29.5);
    expect(quantile([28, 30, 32, 36], 0.5)).toBe(31);
    expect(quantile([28, 30, 32, 36], 0.75)).toBe(33);
    expect(quantile([7], 0.75)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow();
  });
});

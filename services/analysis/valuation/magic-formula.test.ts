import { describe, expect, it } from 'vitest';
import { magicFormulaRank, type MagicFormulaEntry } from './magic-formula';

const e = (
  ticker: string,
  ev_ebit: number | null,
  roic: number | null,
  liquidity: number | null,
  sector: string,
  more: Partial<MagicFormulaEntry> = {},
): MagicFormulaEntry => ({ ticker, ev_ebit, roic, liquidity, sector, ...more });

const UNIVERSE = [
  e('AAAA3', 4, 20, 5e6, 'Consumo não Cíclico'),
  e('BBBB3', 6, 30, 2e6, 'Materiais Básicos'),
  e('CCCC3', 5, 10, 3e6, 'Utilidade Pública'),
  e('DDDD4', 3, 40, 9e6, 'Financeiro', { subsector: 'Intermediários Financeiros', segment: 'Bancos' }),
  e('EEEE3', 2, 50, 500_000, 'Saúde'),
  e('FFFF3', -3, 15, 4e6, 'Saúde'),
  e('GGGG3', 8, null, 4e6, 'Saúde'),
  e('HHHH3', 7, 22, 4e6, 'Previdência e Seguros'),
  e('IIII3', 6, 25, 1_000_000, 'Bens Industriais'),
  e('JJJJ3', 6, 25, null, 'Bens Industriais'),
];

describe('magicFormulaRank', () => {
  const r = magicFormulaRank(UNIVERSE);

  it('adds the EV/EBIT rank (ascending) and the ROIC rank (descending)', () => {
    // EV/EBIT: A 4 → 1, C 5 → 2, B 6 and I 6 → 3 (shared); ROIC: B 30 → 1, I 25 → 2, A 20 → 3, C 10 → 4
    // sums: A 4, B 4, I 5, C 6; A and B tie → higher ROIC (B) first
    expect(r.ranked.map((x) => [x.ticker, x.ev_ebit_rank, x.roic_rank, x.score, x.rank])).toEqual([
      ['BBBB3', 3, 1, 4, 1],
      ['AAAA3', 1, 3, 4, 2],
      ['IIII3', 3, 2, 5, 3],
      ['CCCC3', 2, 4, 6, 4],
    ]);
  });

  it('excludes financials and insurers, illiquid stocks and missing or non-positive numbers', () => {
    expect(Object.fromEntries(r.excluded.map((x) => [x.ticker, x.reason]))).toEqual({
      DDDD4: 'financial or insurer (Financeiro)',
      EEEE3: 'liquidity below R$ 1000000 a day',
      FFFF3: 'EV/EBIT missing or ≤ 0',
      GGGG3: 'ROIC missing',
      HHHH3: 'financial or insurer (Previdência e Seguros)',
      JJJJ3: 'liquidity unknown',
    });
    expect(r.liquidity_floor).toBe(1_000_000);
  });

  it('takes another liquidity floor', () => {
    const low = magicFormulaRank(UNIVERSE, { liquidityFloor: 100_000 });
    expect(low.ranked[0]?.ticker).toBe('EEEE3'); // EV/EBIT 2 → 1, ROIC 50 → 1
    expect(magicFormulaRank(UNIVERSE, { liquidityFloor: 2_500_000 }).ranked.map((x) => x.ticker)).toEqual([
      'AAAA3',
      'CCCC3',
    ]);
  });

  it('matches sector names without accents or case, in subsector and segment too', () => {
    const r2 = magicFormulaRank([
      e('SEGU3', 5, 20, 5e6, 'Outros', { segment: 'SEGURADORAS' }),
      e('BANC3', 5, 20, 5e6, 'bancos'),
      e('SECU3', 5, 20, 5e6, 'Outros', { subsector: 'Securitizadoras de Recebíveis' }),
      e('SAFE3', 5, 20, 5e6, 'Serviços de Segurança'),
    ]);
    expect(r2.ranked.map((x) => x.ticker)).toEqual(['SAFE3']);
  });
});

import { describe, expect, it } from 'vitest';
import { linkCompanyNames } from './company-names';
import { buildNameIndex, matchTickers } from './match-tickers';

// Short names as B3's COTAHIST file of 2021-06-25 writes them, register names as the CVM's
// cad_cia_aberta.csv does (both real: ../shared/fixtures).
const SECURITIES = [
  { ticker: 'PETR3', name: 'PETROBRAS' },
  { ticker: 'PETR4', name: 'PETROBRAS' },
  { ticker: 'MGLU3', name: 'MAGAZ LUIZA' },
  { ticker: 'ITUB3', name: 'ITAUUNIBANCO' },
  { ticker: 'ITUB4', name: 'ITAUUNIBANCO' },
  { ticker: 'ABEV3', name: 'AMBEV S/A' },
  { ticker: 'BBDC4', name: 'BRADESCO' },
  { ticker: 'RENT3', name: 'LOCALIZA' },
  { ticker: 'BBAS3', name: 'BRASIL' },
];
const REGISTER = [
  { name: 'PETRÓLEO BRASILEIRO  S.A.  - PETROBRAS', trading_name: 'PETROBRAS' },
  { name: 'PETROBRAS DISTRIBUIDORA S.A.', trading_name: 'VIBRA ENERGIA' },
  { name: 'MAGAZINE LUIZA SA', trading_name: 'MAGAZINE LUIZA SA' },
  { name: 'ITAÚ UNIBANCO HOLDING S.A.', trading_name: 'ITAÚ UNIBANCO HOLDING S.A.' },
  { name: 'AMBEV S.A.', trading_name: 'AMBEV S.A' },
  { name: 'BANCO BRADESCO S.A.', trading_name: 'BANCO BRADESCO S.A.' },
  { name: 'LOCALIZA RENT A CAR SA', trading_name: 'LOCALIZA RENT A CAR' },
  { name: 'LOCALIZA  FLEET S.A.', trading_name: 'LOCALIZA  FLEET S.A.' },
  { name: 'BANCO DO BRASIL S.A.', trading_name: 'BANCO DO BRASIL S.A.' },
  { name: 'BRASILAGRO - CIA BRAS DE PROP AGRICOLAS', trading_name: 'BRASILAGRO' },
];

const link = linkCompanyNames(SECURITIES, REGISTER);
const tickersOf = (name: string): string[] =>
  link.filter((e) => e.name === name).flatMap((e) => [...e.tickers]);

describe('linkCompanyNames', () => {
  it('links each short name to the one register company it abbreviates', () => {
    expect(tickersOf('PETRÓLEO BRASILEIRO  S.A.  - PETROBRAS')).toEqual(['PETR3', 'PETR4']);
    expect(tickersOf('MAGAZINE LUIZA SA')).toEqual(['MGLU3']);
    expect(tickersOf('ITAÚ UNIBANCO HOLDING S.A.')).toEqual(['ITUB3', 'ITUB4']);
    expect(tickersOf('AMBEV S.A')).toEqual(['ABEV3']);
    expect(tickersOf('BANCO BRADESCO S.A.')).toEqual(['BBDC4']);
  });

  it('keeps the short names themselves, and links nothing when two companies fit', () => {
    expect(tickersOf('LOCALIZA')).toEqual(['RENT3']);
    expect(tickersOf('LOCALIZA RENT A CAR SA')).toEqual([]);
    expect(tickersOf('BRASIL')).toEqual(['BBAS3']);
    // "BRASIL" is Banco do Brasil's short name: the same words once "banco" and "do" go; Brasilagro only
    // abbreviates it at a lower tier, so it is not linked.
    expect(tickersOf('BANCO DO BRASIL S.A.')).toEqual(['BBAS3']);
    expect(tickersOf('BRASILAGRO')).toEqual([]);
    // Petrobras Distribuidora is not Petrobras.
    expect(tickersOf('VIBRA ENERGIA')).toEqual([]);
  });

  it('feeds the matcher: headlines naming companies the long way find their tickers', () => {
    const index = buildNameIndex(link);
    expect(matchTickers('Magazine Luiza tem prejuízo no trimestre', index)).toEqual(['MGLU3']);
    expect(matchTickers('Itaú Unibanco lucra R$ 10 bi', index)).toEqual(['ITUB3', 'ITUB4']);
    expect(matchTickers('Bradesco e Petrobras sobem', index)).toEqual(['BBDC4', 'PETR3', 'PETR4']);
    expect(matchTickers('Banco do Brasil eleva dividendos', index)).toEqual(['BBAS3']);
  });
});

import { describe, expect, it } from 'vitest';
import { buildNameIndex, literalTickers, matchTickers, nameWords } from './match-tickers';

/** Trading names as the CVM register and COTAHIST short names give them. */
const index = buildNameIndex([
  { name: 'PETROBRAS', tickers: ['PETR4'] },
  { name: 'Petrobras S.A.', tickers: ['PETR3', 'PETR4'] },
  { name: 'BANCO DO BRASIL', tickers: ['BBAS3'] },
  { name: 'BRASIL', tickers: ['BBAS3'] },
  { name: 'VALE', tickers: ['VALE3'] },
  { name: 'WEG SA ON N1', tickers: ['WEGE3'] },
  { name: 'ITAUUNIBANCO', tickers: ['ITUB3', 'ITUB4'] },
  { name: 'MAGAZINE LUIZA', tickers: ['MGLU3'] },
  { name: 'ELETROBRAS', tickers: ['ELET3', 'ELET6'] },
  { name: 'RUMO S.A.', tickers: ['RAIL3'] },
  { name: 'NATURA', tickers: ['NTCO3'] },
  { name: 'OI', tickers: ['OIBR3'] },
  { name: 'LIGHT S/A', tickers: ['LIGT3'] },
  { name: 'CIA HERING', tickers: ['HGTX3'] },
  { name: 'TAESA', tickers: ['TAEE11'] },
]);

describe('nameWords', () => {
  it('strips legal and share-class suffixes but never the last word', () => {
    expect(nameWords('RUMO S.A.')).toEqual(['rumo']);
    expect(nameWords('LIGHT S/A')).toEqual(['light']);
    expect(nameWords('WEG SA ON N1')).toEqual(['weg']);
    expect(nameWords('CIA HERING')).toEqual(['hering']);
    expect(nameWords('Energisa')).toEqual(['energisa']);
    expect(nameWords('SA')).toEqual(['sa']);
    expect(nameWords('Itaú Unibanco Holding S.A.')).toEqual(['itau', 'unibanco']);
  });
});

describe('matchTickers', () => {
  it('matches company names case- and accent-insensitively, merging entries that share a name', () => {
    expect(matchTickers('Petrobras anuncia dividendos', index)).toEqual(['PETR3', 'PETR4']);
    expect(matchTickers('PETROBRAS ANUNCIA DIVIDENDOS', index)).toEqual(['PETR3', 'PETR4']);
    expect(matchTickers('Ações da petrobrás caem', index)).toEqual(['PETR3', 'PETR4']);
    expect(matchTickers('Eletrobras e WEG sobem', index)).toEqual(['ELET3', 'ELET6', 'WEGE3']);
  });

  it('matches phrases as whole words, and names written apart or together', () => {
    expect(matchTickers('Banco do Brasil lucra R$ 9 bi', index)).toEqual(['BBAS3']);
    expect(matchTickers('Itaú Unibanco eleva projeções', index)).toEqual(['ITUB3', 'ITUB4']);
    expect(matchTickers('Magazine Luiza volta a lucrar', index)).toEqual(['MGLU3']);
    expect(matchTickers('Petrobrasileira não existe', index)).toEqual([]);
    expect(matchTickers('Hering lança coleção', index)).toEqual(['HGTX3']);
  });

  it('never matches generic names ("Brasil") or names shorter than 3 letters ("Oi") alone', () => {
    expect(matchTickers('Brasil cresce 2,9% em 2024', index)).toEqual([]);
    expect(matchTickers('Oi aprova plano de recuperação judicial', index)).toEqual([]);
    expect(matchTickers('Oi (OIBR3) aprova plano', index)).toEqual(['OIBR3']);
  });

  it('guards common words: Vale only capitalised and outside idioms', () => {
    expect(matchTickers('Vale a pena investir?', index)).toEqual([]);
    expect(matchTickers('VALE A PENA INVESTIR EM DIVIDENDOS?', index)).toEqual([]);
    expect(matchTickers('Vale (VALE3) sobe após produção recorde', index)).toEqual(['VALE3']);
    expect(matchTickers('Vale sobe 3% com minério', index)).toEqual(['VALE3']);
    expect(matchTickers('Ações da Vale disparam', index)).toEqual(['VALE3']);
    expect(matchTickers('quanto vale a empresa?', index)).toEqual([]);
    expect(matchTickers('Empresas ampliam o vale-refeição', index)).toEqual([]);
    expect(matchTickers('Vale-refeição sobe', index)).toEqual([]);
    expect(matchTickers('Startups do Vale do Silício captam', index)).toEqual([]);
    expect(matchTickers('Vale lembrar que a Selic subiu', index)).toEqual([]);
  });

  it('guards Rumo, Natura and Light the same way', () => {
    expect(matchTickers('Ibovespa segue rumo a 130 mil pontos', index)).toEqual([]);
    expect(matchTickers('Rumo ao recorde: Ibovespa sobe', index)).toEqual([]);
    expect(matchTickers('Rumo sobe 4% após balanço', index)).toEqual(['RAIL3']);
    expect(matchTickers('Natura divulga resultado', index)).toEqual(['NTCO3']);
    expect(matchTickers('exportação de frutas natura cresce', index)).toEqual([]);
    expect(matchTickers('Exportação de frutas In Natura cresce', index)).toEqual([]);
    expect(matchTickers('Light pede recuperação judicial', index)).toEqual(['LIGT3']);
    expect(matchTickers('versão light do refrigerante', index)).toEqual([]);
  });

  it('takes more common words, generic names and idioms as options', () => {
    const idx = buildNameIndex(
      [
        { name: 'CAMIL', tickers: ['CAML3'] },
        { name: 'TUPY', tickers: ['TUPY3'] },
        { name: 'VALE', tickers: ['VALE3'] },
      ],
      { commonWords: ['Camil'], genericNames: ['tupy'], idioms: { vale: ['vale ouro'] } },
    );
    expect(matchTickers('camil e tupy', idx)).toEqual([]);
    expect(matchTickers('Camil e Tupy', idx)).toEqual(['CAML3']);
    expect(matchTickers('Vale ouro? Vale a pena?', idx)).toEqual([]);
    expect(matchTickers('Vale sobe', idx)).toEqual(['VALE3']);
  });

  it('requires 3-letter names to be capitalised', () => {
    expect(matchTickers('weg é uma palavra aqui', index)).toEqual([]);
    expect(matchTickers('Weg anuncia JCP', index)).toEqual(['WEGE3']);
  });

  it('finds literal tickers, with `known` filtering them but not the named companies', () => {
    expect(matchTickers('TAEE11 paga dividendos', index)).toEqual(['TAEE11']);
    expect(matchTickers('Compre PETR4F e ABCD3', index)).toEqual(['ABCD3', 'PETR4']);
    const known = new Set(['PETR4', 'B3SA3']);
    expect(matchTickers('ABCD3, B3SA3 e Vale', index, known)).toEqual(['B3SA3', 'VALE3']);
    expect(matchTickers('sem tickers aqui', index, known)).toEqual([]);
  });
});

describe('literalTickers', () => {
  it('needs uppercase, whole words, a letter in 4th place, and skips index names like IPCA15', () => {
    expect(literalTickers('petr4 PETR4 XPETR4 PETR4X PETR123 A1234 IPCA15 TAEE11')).toEqual([
      'PETR4',
      'TAEE11',
    ]);
    expect(literalTickers('PETR4 e PETR4 de novo, PETR3')).toEqual(['PETR4', 'PETR3']);
  });
});

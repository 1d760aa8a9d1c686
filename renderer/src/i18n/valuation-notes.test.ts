import { describe, expect, it } from 'vitest';
import { valuationNote } from './valuation-notes';

describe('valuationNote', () => {
  it('says the notes in Portuguese in pt-BR and as written in English', () => {
    expect(valuationNote('LPA or VPA missing', 'pt-BR')).toBe('faltam LPA ou VPA');
    expect(valuationNote('LPA or VPA missing', 'en')).toBe('LPA or VPA missing');
    expect(valuationNote('dividend history starts on 2020-03-02, after the window', 'pt-BR')).toBe(
      'o histórico de proventos começa em 02/03/2020, depois do início do período',
    );
    expect(valuationNote('toString', 'pt-BR')).toBe('toString');
  });
});

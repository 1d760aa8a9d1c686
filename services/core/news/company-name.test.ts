import { describe, expect, it } from 'vitest';
import { searchName } from './company-name';

describe('searchName', () => {
  it('drops legal suffixes and writes the name as the press does', () => {
    expect(searchName('PETROBRAS   ')).toBe('Petrobras');
    expect(searchName('MAGAZINE LUIZA SA')).toBe('Magazine Luiza');
    expect(searchName('ITAÚ UNIBANCO HOLDING S.A.')).toBe('Itaú Unibanco');
    expect(searchName('AMBEV S/A')).toBe('Ambev');
    expect(searchName('BANCO DO BRASIL S.A.')).toBe('Banco Do Brasil');
  });

  it('never yields the characters a query text cannot carry', () => {
    expect(searchName('P&G DO BRASIL=SA')).not.toMatch(/[&=]/);
  });
});

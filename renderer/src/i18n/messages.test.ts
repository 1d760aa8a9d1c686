import { describe, expect, it } from 'vitest';
import { messages, translate } from './messages';

describe('messages', () => {
  it('has the same keys in every language', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['pt-BR']).sort());
  });

  it('fills placeholders', () => {
    expect(translate('pt-BR', 'search.none', { q: 'XYZ' })).toBe('Nenhum ativo encontrado para “XYZ”.');
    expect(translate('en', 'asset.bars', { count: 2, from: 'a', to: 'b' })).toBe('2 sessions from a to b');
  });
});

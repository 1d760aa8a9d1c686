import { describe, expect, it } from 'vitest';
import { messages, translate, type MessageKey } from './messages';

/** The variables a message uses: `{name}` and `{name, plural, …}`. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{(\w+)(?:\}|, plural,)/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}

describe('messages', () => {
  it('has the same keys in every language', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['pt-BR']).sort());
  });

  it('walks every key: no empty message, the same placeholders in both languages', () => {
    const keys = Object.keys(messages['pt-BR']) as MessageKey[];
    expect(keys.length).toBeGreaterThan(500);
    const problems: string[] = [];
    for (const key of keys) {
      const pt = messages['pt-BR'][key];
      const en = messages.en[key];
      if (typeof pt !== 'string' || pt.trim() === '') problems.push(`${key}: empty in pt-BR`);
      if (typeof en !== 'string' || en.trim() === '') problems.push(`${key}: empty in en`);
      if (typeof pt === 'string' && typeof en === 'string') {
        const a = placeholders(pt).join(',');
        const b = placeholders(en).join(',');
        if (a !== b) problems.push(`${key}: pt-BR {${a}} vs en {${b}}`);
      }
      for (const [lang, text] of [
        ['pt-BR', pt],
        ['en', en],
      ] as const)
        if (/\p{L}\((?:s|es|ns|ões|ies)\)/u.test(text ?? ''))
          problems.push(`${key}: "(s)" plural in ${lang}`);
    }
    expect(problems).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(translate('pt-BR', 'search.none', { q: 'XYZ' })).toBe('Nenhum ativo encontrado para “XYZ”.');
    expect(translate('en', 'asset.bars', { count: 2, from: 'a', to: 'b' })).toBe('2 sessions from a to b');
  });

  it('picks plural forms with Intl.PluralRules', () => {
    expect(translate('pt-BR', 'signin.state.expires', { days: 1 })).toBe('Conectado · expira em 1 dia');
    expect(translate('pt-BR', 'signin.state.expires', { days: 3 })).toBe('Conectado · expira em 3 dias');
    expect(translate('en', 'signin.state.expires', { days: 1 })).toBe('Signed in · expires in 1 day');
    expect(translate('en', 'signin.state.expires', { days: 2 })).toBe('Signed in · expires in 2 days');
    expect(translate('pt-BR', 'sql.rows', { count: 1, ms: 5 })).toBe('1 linha em 5 ms');
    expect(translate('pt-BR', 'sql.rows', { count: 0, ms: 5 })).toBe('0 linhas em 5 ms');
    expect(translate('en', 'import.sending', { count: 4 })).toBe('Sending 4 files…');
  });
});

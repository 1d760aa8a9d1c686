import { describe, expect, it } from 'vitest';
import { errorText } from './error-messages';

describe('errorText', () => {
  it('a refused COTAHIST line in the user language, keeping the file and the line', () => {
    const e = {
      message: 'COTAHIST_D.TXT, line 3644: expected 245 characters, found 12',
      details: { file: 'COTAHIST_D.TXT', line: 3644, reason: 'line_length', expected: 245, found: 12 },
    };
    expect(errorText(e, 'pt-BR')).toBe(
      'COTAHIST_D.TXT, linha 3644: esperados 245 caracteres, encontrados 12',
    );
    expect(errorText(e, 'en')).toBe('COTAHIST_D.TXT, line 3644: expected 245 characters, found 12');
  });

  it('an error without a known reason keeps the API message', () => {
    expect(errorText({ message: 'boom', details: { reason: 'nope', file: 'x', line: 1 } }, 'pt-BR')).toBe(
      'boom',
    );
    expect(errorText({ message: 'boom' }, 'en')).toBe('boom');
    // A reason named like an Object member is not a template.
    expect(errorText({ message: 'm', details: { reason: 'toString', file: 'x', line: 1 } }, 'en')).toBe('m');
  });
});

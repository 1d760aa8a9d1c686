import { describe, expect, it } from 'vitest';
import { tableCsv } from './csv';

describe('tableCsv', () => {
  it('quotes what needs quoting, doubles quotes, keeps numbers and empties null', () => {
    expect(
      tableCsv(
        ['a', 'b,c'],
        [
          [1, 'x'],
          [null, 'say "hi"'],
          ['line\nbreak', { k: 1 }],
        ],
      ),
    ).toBe('a,"b,c"\r\n1,x\r\n,"say ""hi"""\r\n"line\nbreak","{""k"":1}"\r\n');
  });
});

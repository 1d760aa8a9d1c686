import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser';

describe('createSseParser', () => {
  it('parses named events with JSON data', () => {
    const p = createSseParser();
    const out = p.push('event: import.progressed\ndata: {"bytesRead":10}\n\n');
    expect(out).toEqual([{ event: 'import.progressed', data: '{"bytesRead":10}' }]);
  });

  it('defaults the event name to "message" and joins multi-line data', () => {
    const p = createSseParser();
    expect(p.push('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('handles frames split at any point across chunks', () => {
    const text = 'event: x\ndata: {"a":1}\n\nevent: y\ndata: 2\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const p = createSseParser();
      const out = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(out).toEqual([
        { event: 'x', data: '{"a":1}' },
        { event: 'y', data: '2' },
      ]);
    }
  });

  it('accepts CRLF and CR line endings, also split between chunks', () => {
    const p = createSseParser();
    const out = [...p.push('event: a\r\ndata: 1\r'), ...p.push('\n\r\n'), ...p.push('event: b\rdata: 2\r\r')];
    expect(out).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('ignores comments, keep-alives and frames without data', () => {
    const p = createSseParser();
    expect(p.push(': ping\n\nevent: lonely\n\n:keepalive\n\n')).toEqual([]);
  });

  it('keeps id and retry, and resets the event name after each frame', () => {
    const p = createSseParser();
    expect(p.push('id: 7\nretry: 3000\nevent: a\ndata:x\n\ndata: y\n\n')).toEqual([
      { event: 'a', data: 'x', id: '7', retry: 3000 },
      { event: 'message', data: 'y', id: '7' },
    ]);
  });

  it('waits for the blank line before dispatching', () => {
    const p = createSseParser();
    expect(p.push('event: a\ndata: 1\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'a', data: '1' }]);
  });
});

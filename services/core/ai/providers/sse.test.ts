import { describe, expect, it } from 'vitest';
import { readSse, type SseEvent } from './sse';

function streamOf(pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === 'string' ? encoder.encode(p) : p);
      controller.close();
    },
  });
}

async function events(pieces: (string | Uint8Array)[]): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const ev of readSse(streamOf(pieces))) out.push(ev);
  return out;
}

describe('readSse', () => {
  it('reads data and event fields, skipping comments and unknown fields', async () => {
    const got = await events([
      ': keep-alive\n\nevent: ping\ndata: {}\n\nid: 7\nretry: 100\ndata: {"a":1}\n\n',
    ]);
    expect(got).toEqual([
      { event: 'ping', data: '{}' },
      { event: null, data: '{"a":1}' },
    ]);
  });

  it('joins multi-line data with newlines and accepts CRLF and CR line ends', async () => {
    const got = await events(['data: one\r\ndata: two\r\n\r\ndata:three\r\rdata: four\n\n']);
    expect(got.map((e) => e.data)).toEqual(['one\ntwo', 'three', 'four']);
  });

  it('keeps a CRLF split across chunks as one line end', async () => {
    const got = await events(['data: x\r', '\ndata: y\r\n\r\n']);
    expect(got).toEqual([{ event: null, data: 'x\ny' }]);
  });

  it('decodes a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: ação\n\n');
    const got = await events([bytes.slice(0, 8), bytes.slice(8)]);
    expect(got).toEqual([{ event: null, data: 'ação' }]);
  });

  it('delivers a last event that lacks its blank line or newline', async () => {
    expect(await events(['data: [DONE]'])).toEqual([{ event: null, data: '[DONE]' }]);
  });
});

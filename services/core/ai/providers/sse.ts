/** One Server-Sent Event: its `event:` name (null when absent) and its `data:` lines joined by newlines. */
export interface SseEvent {
  event: string | null;
  data: string;
}

/** Parse an SSE byte stream into events (comments and `id:`/`retry:` fields are ignored). */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event: string | null = null;
  let data: string[] = [];
  const take = (line: string): SseEvent | null => {
    if (line === '') {
      const out = data.length > 0 ? { event, data: data.join('\n') } : null;
      event = null;
      data = [];
      return out;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    return null;
  };
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      finished = done;
      // At the end, a last line without its newline still counts, and so does an event without its blank line.
      buffer += done ? `${decoder.decode()}\n\n` : decoder.decode(value, { stream: true });
      for (;;) {
        const nl = buffer.search(/[\r\n]/);
        // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
        if (nl < 0 || (nl === buffer.length - 1 && buffer[nl] === '\r' && !done)) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        const ev = take(line);
        if (ev) yield ev;
      }
      if (done) return;
    }
  } finally {
    // Left early (an error event, a malformed payload): drop the rest of the body and its connection.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

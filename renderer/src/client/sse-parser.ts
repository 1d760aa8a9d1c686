/** One Server-Sent Events message. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

export interface SseParser {
  /** Feeds a decoded chunk of the stream; returns the messages it completed. */
  push(chunk: string): SseMessage[];
}

/**
 * An incremental parser for the `text/event-stream` format (WHATWG HTML §9.2): frames end with a blank
 * line; `event:`, `data:` (joined with "\n" when repeated), `id:` and `retry:` fields; lines starting
 * with ":" are comments. Accepts LF, CRLF and CR line endings, split anywhere across chunks.
 */
export function createSseParser(): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;
  let skipLeadingLf = false;

  function field(line: string): void {
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }

  function dispatch(out: SseMessage[]): void {
    if (data.length > 0) {
      const msg: SseMessage = { event: event || 'message', data: data.join('\n') };
      if (id !== undefined) msg.id = id;
      if (retry !== undefined) msg.retry = retry;
      out.push(msg);
    }
    event = '';
    data = [];
    retry = undefined;
  }

  return {
    push(chunk) {
      const out: SseMessage[] = [];
      buffer += chunk;
      if (skipLeadingLf && buffer.startsWith('\n')) buffer = buffer.slice(1);
      skipLeadingLf = false;
      for (;;) {
        const m = /\r\n|\r|\n/.exec(buffer);
        if (!m) break;
        // A lone CR at the very end may be the first half of a CRLF split across chunks.
        const line = buffer.slice(0, m.index);
        buffer = buffer.slice(m.index + m[0].length);
        if (m[0] === '\r' && buffer === '') skipLeadingLf = true;
        if (line === '') dispatch(out);
        else field(line);
      }
      return out;
    },
  };
}

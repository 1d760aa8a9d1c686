import type { Transport } from '../../../services/contract/client';
import { createEventStream } from './event-stream';
import { buildHttpRequest, CLIENT_HEADERS, parseResultBody, unavailable } from './http-request';
import { withStreamedUpload, withStreamedUploads } from './uploads';

/** Calls over the headless server's REST routes, events over its `/api/events` SSE stream. */
export function createHttpTransport(origin: string = location.origin): Transport {
  const stream = createEventStream({
    url: new URL('/api/events', origin).toString(),
  });
  return {
    async call(method, input) {
      if (method === 'import.cotahist' || method === 'portfolios.import') {
        const streamed = await withStreamedUploads(input, origin, CLIENT_HEADERS);
        if (!streamed.ok) return streamed.result;
        input = streamed.input;
      }
      if (method === 'sources.ingest') {
        const streamed = await withStreamedUpload(input, origin, CLIENT_HEADERS);
        if (!streamed.ok) return streamed.result;
        input = streamed.input;
      }
      const { url, init } = buildHttpRequest(method, input, origin);
      let res: Response;
      try {
        res = await fetch(url, init);
      } catch (e) {
        return unavailable(
          `The local server is unreachable (${e instanceof Error ? e.message : String(e)}).`,
        );
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        return unavailable(
          `The answer to ${method} was cut off (${e instanceof Error ? e.message : String(e)}).`,
        );
      }
      return parseResultBody(res.status, text);
    },
    on(event, cb) {
      return stream.subscribe(event, cb);
    },
  };
}

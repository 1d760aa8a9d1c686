import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** What became of a request: an answer, or the connection dropped before one arrived. */
export type Outcome =
  | { kind: 'answer'; status: number; headers: IncomingHttpHeaders; text: string }
  | { kind: 'dropped'; error: string };

export interface StreamCall {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Bytes to send, generated in 64 KB chunks (never held whole). */
  bytes: number;
  /** Send a Content-Length (else chunked). */
  declare?: boolean;
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
}

/**
 * Send a large generated body to 127.0.0.1:port and read the answer, which may arrive before the
 * body is sent (a 413): then the rest is not sent. A reset or timeout is an outcome, not a throw.
 */
export function sendStream(port: number, call: StreamCall): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const headers: Record<string, string> = { ...call.headers };
    if (call.declare) headers['content-length'] = String(call.bytes);
    const req = httpRequest(
      { host: '127.0.0.1', port, method: call.method ?? 'POST', path: call.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            kind: 'answer',
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (e) => done({ kind: 'dropped', error: e.message }));
      },
    );
    const timer = setTimeout(() => {
      done({ kind: 'dropped', error: 'timeout' });
      req.destroy();
    }, call.timeoutMs ?? 30_000);
    req.on('error', (e) => done({ kind: 'dropped', error: e.message }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (!settled && sent < call.bytes) {
        const n = Math.min(chunk.length, call.bytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!settled) req.end();
    };
    pump();
  });
}

export interface Probe {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Give up after this long (default 15 s): an answer that never ends counts as dropped. */
  timeoutMs?: number;
  /** Stop reading after this many bytes (an SSE stream that opened is an answer already). */
  maxBytes?: number;
}

/** One request to 127.0.0.1:port with node:http (any Host, any target); never throws. */
export function probe(port: number, call: Probe): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    let req: ReturnType<typeof httpRequest>;
    try {
      req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: call.method ?? 'GET',
          path: call.path,
          headers: call.headers ?? {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = (): void =>
            done({
              kind: 'answer',
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          res.on('data', (c: Buffer) => {
            chunks.push(c);
            size += c.length;
            if (size >= (call.maxBytes ?? 8 * 1024 * 1024)) {
              finish();
              req.destroy();
            }
          });
          res.on('end', finish);
          res.on('error', (e) => done({ kind: 'dropped', error: e.message }));
        },
      );
    } catch (e) {
      // node refuses to send some headers or targets at all: nothing reached the server.
      resolve({ kind: 'dropped', error: `not sent: ${(e as Error).message}` });
      return;
    }
    const timer = setTimeout(() => {
      done({ kind: 'dropped', error: 'timeout' });
      req.destroy();
    }, call.timeoutMs ?? 15_000);
    req.on('error', (e) => done({ kind: 'dropped', error: e.message }));
    req.end(call.body);
  });
}

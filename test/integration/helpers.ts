import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, empty temp dir; remove it with `removeDir`. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'b3ai-'));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface HttpCall {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request to 127.0.0.1 with node:http (unlike fetch, it can send any Host header). */
export function send(port: number, call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: call.method ?? 'GET', path: call.path, headers: call.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

/** The parsed JSON of an answer, typed loosely for assertions. */
export function json<T = Record<string, unknown>>(a: HttpAnswer): T {
  return JSON.parse(a.text) as T;
}

export interface ErrorBody {
  ok: false;
  error: { code: string; message: string; details?: Record<string, unknown> };
}

// Test support only: a real local HTTP server the client tests talk to (no fetch mocks).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceError } from '../errors';
import type { FetchOptions } from './client';

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface Received {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Routes by pathname; records every request, its count per path and the most ever in flight. */
export class TestServer {
  readonly received: Received[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly hitCount = new Map<string, number>();
  private inFlight = 0;
  maxInFlight = 0;
  url = '';
  private readonly server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const hit = (this.hitCount.get(path) ?? 0) + 1;
    this.hitCount.set(path, hit);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({
        path,
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const handler = this.routes.get(path);
      if (handler) handler(req, res, hit);
      else res.writeHead(500).end(`no route ${path}`);
    });
  });

  route(path: string, handler: Handler): string {
    this.routes.set(path, handler);
    return this.url + path;
  }

  hits(path: string): number {
    return this.hitCount.get(path) ?? 0;
  }

  lastRequest(path: string): Received | undefined {
    return this.received.filter((r) => r.path === path).at(-1);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await new TestServer().start();
  const port = Number(new URL(s.url).port);
  await s.stop();
  return port;
}

/** An injected sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
}

/** Options for a test: fast, never really sleeping unless told. */
export function opts(extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    signal: new AbortController().signal,
    timeoutMs: 5000,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
    ...extra,
  };
}

export async function failure(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local site for the browser runtime's tests and bench (ours, not a capture): a page that renders
 * its numbers with JavaScript after load from a JSON endpoint, with an image, a web font and a video
 * the runtime should block; a page that never answers; one that navigates elsewhere; one that eats
 * memory slowly and one all at once; one that polls its JSON forever. Every request's path is recorded.
 */

export interface TestSite {
  url: string;
  host: string;
  /** Paths requested so far, in order. */
  requests: string[];
  stop(): Promise<void>;
}

export function quoteOf(ticker: string): { ticker: string; price: number; volume: number } {
  const seed = [...ticker].reduce((n, c) => n + c.charCodeAt(0), 0);
  return { ticker, price: Math.round(seed * 7.31) / 100, volume: seed * 1000 };
}

/** The JS-rendered page: empty until its script has fetched the JSON and drawn the table. */
function quotePage(ticker: string, id: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${ticker}</title>
<style>@font-face{font-family:T;src:url(/fonts/t.woff2)}body{font-family:T,sans-serif}</style></head>
<body><h1>${ticker}</h1><img src="/img/logo.png" alt=""><video src="/media/clip.mp4" autoplay muted></video>
<div id="root">carregando…</div>
<script>
window.addEventListener('load', () => setTimeout(async () => {
  const q = await (await fetch('/api/quote/${ticker}.json')).json();
  document.getElementById('root').innerHTML =
    '<table id="${id}"><tr><th>Preço</th><td class="price">' + q.price.toFixed(2) + '</td></tr>' +
    '<tr><th>Volume</th><td class="volume">' + q.volume + '</td></tr></table>';
}, 50));
</script></body></html>`;
}

/** A page that asks for its JSON again every 30 ms, forever (a live quote). */
function pollPage(ticker: string): string {
  return `<!doctype html><html><body><div id="root"></div><script>
setInterval(() => fetch('/api/quote/${ticker}.json').catch(() => undefined), 30);
</script></body></html>`;
}

const MEMORY_PAGE = `<!doctype html><html><body><div id="root"></div><script>
const hold = [];
setInterval(() => { for (let i = 0; i < 4; i++) hold.push(new Array(1 << 17).fill(Math.random())); }, 50);
</script></body></html>`;

/** Allocates without yielding: V8 hits its heap cap (--js-flags) and the renderer dies. */
const OOM_PAGE = `<!doctype html><html><body><script>
const hold = []; for (;;) hold.push(new Array(1 << 20).fill(Math.random()));
</script></body></html>`;

/**
 * `jsonDelayMs`: the JSON endpoint answers this late (a slow API). `latencyMs`: every answer waits
 * this long first (the round trip to a real site, for the bench).
 */
export async function startTestSite(o: { jsonDelayMs?: number; latencyMs?: number } = {}): Promise<TestSite> {
  const requests: string[] = [];
  const route = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    requests.push(path + url.search);
    const html = (body: string): void => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    };
    let m: RegExpExecArray | null;
    if ((m = /^\/quote\/([A-Z0-9]+)$/.exec(path))) return html(quotePage(m[1]!, 'quote'));
    if ((m = /^\/poll\/([A-Z0-9]+)$/.exec(path))) return html(pollPage(m[1]!));
    if ((m = /^\/renamed\/([A-Z0-9]+)$/.exec(path))) return html(quotePage(m[1]!, 'cotacao'));
    if ((m = /^\/api\/quote\/([A-Z0-9]+)\.json$/.exec(path))) {
      const body = JSON.stringify(quoteOf(m[1]!));
      const send = (): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      if (o.jsonDelayMs) setTimeout(send, o.jsonDelayMs);
      else send();
      return;
    }
    if (path === '/hang') return; // never answers
    if (path === '/offsite') {
      const to = url.searchParams.get('to') ?? 'http://example.invalid/';
      return html(`<script>location.href = ${JSON.stringify(to)};</script>`);
    }
    if (path === '/memory') return html(MEMORY_PAGE);
    if (path === '/oom') return html(OOM_PAGE);
    if (path === '/missing')
      return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
    // Images, fonts, media: a byte of nothing; the tests assert they were never asked for.
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(1));
  };
  const server = createServer((req, res) => {
    if (o.latencyMs) setTimeout(() => route(req, res), o.latencyMs);
    else route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

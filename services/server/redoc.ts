import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { appPath } from '../core/app-root';
import { CSP } from './static-files';

/** ReDoc beside /docs, as the original platform had it: the page and the bundle it loads. */
export const REDOC_PAGE = '/redoc';
export const REDOC_SCRIPT = '/redoc/redoc.standalone.js';

/** Redoc's search runs in a worker it creates from a Blob URL; nothing else is loosened. */
const REDOC_CSP = `${CSP}; worker-src 'self' blob:`;

const REDOCLY_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

let bundle: Promise<Buffer | null> | undefined;

/** The standalone bundle the `redoc` package ships (pinned in package.json), or null when absent. */
function redocBundle(): Promise<Buffer | null> {
  bundle ??= (async () => {
    try {
      // Resolved from the app's folder, the same from the sources and from the built CLI.
      const file = createRequire(appPath('package.json')).resolve('redoc/bundles/redoc.standalone.js');
      // Its sidebar footer loads Redocly's logo from their CDN: an empty local image instead, so
      // the page asks nothing of the network (the app's CSP would block it and log an error).
      const js = (await readFile(file, 'utf8')).replaceAll(REDOCLY_LOGO, EMPTY_SVG);
      return Buffer.from(js);
    } catch {
      return null;
    }
  })();
  return bundle;
}

const page = (body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>B3 AI Analysis API — ReDoc</title><link rel="icon" href="data:,"><style>body{margin:0}</style></head>
<body>${body}</body></html>`;

/**
 * Answers `/redoc` and its script; false for any other path. No inline script: the `<redoc>`
 * element starts itself when the bundle loads, so the page keeps the app's script-src 'self'.
 */
export async function serveRedoc(pathname: string, res: ServerResponse): Promise<boolean> {
  if (pathname !== REDOC_PAGE && pathname !== `${REDOC_PAGE}/` && pathname !== REDOC_SCRIPT) return false;
  const js = await redocBundle();
  const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (pathname === REDOC_SCRIPT) {
    if (!js) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...common }).end('not found');
    else
      res
        .writeHead(200, {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'public, max-age=86400',
          ...common,
        })
        .end(js);
    return true;
  }
  const html = js
    ? page(`<redoc spec-url="/openapi.json"></redoc><script src="${REDOC_SCRIPT}"></script>`)
    : page(
        '<p style="font:15px system-ui;margin:2rem">ReDoc is not installed here (npm install brings it). <a href="/docs">/docs</a> lists the API; <a href="/openapi.json">/openapi.json</a> is its OpenAPI document.</p>',
      );
  res
    .writeHead(js ? 200 : 503, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': REDOC_CSP,
      'cache-control': 'no-store',
      ...common,
    })
    .end(html);
  return true;
}

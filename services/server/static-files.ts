import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../contract/security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The page's CSP; as a header it can also forbid framing, which a meta tag cannot. */
export const CSP = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Serves the built renderer. `index.html` gets the API token in a meta tag, so the page can call the
 * API without the user typing it; the Host check and same-origin policy keep other sites from reading it.
 */
export async function serveStatic(
  res: ServerResponse,
  rootDir: string,
  pathname: string,
  token: string,
): Promise<void> {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(rootDir, rel);
  if (!file.startsWith(rootDir + sep) && file !== rootDir) {
    res.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // Client-side routes fall back to the app shell; a missing asset is a 404.
    if (extname(rel)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    file = join(rootDir, 'index.html');
  }
  const headers = {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (file.endsWith('index.html')) {
    const html = await readFile(file, 'utf8').catch(() => null);
    if (html === null) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The user interface is not built yet. Run "npm run build", then reload.');
      return;
    }
    const meta = `<meta name="b3ai-token" content="${escapeAttr(token)}">`;
    res
      .writeHead(200, { ...headers, 'cache-control': 'no-store' })
      .end(html.replace('<head>', `<head>\n    ${meta}`));
    return;
  }
  res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=3600' }).end(await readFile(file));
}

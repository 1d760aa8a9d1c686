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

/**
 * Serves the built renderer. The app shell (`index.html`, and every client-side route that falls
 * back to it) goes only to a browser with a session (`shell` answers otherwise); assets hold no
 * secret and are served to anyone who passes the Host check.
 */
export async function serveStatic(
  res: ServerResponse,
  rootDir: string,
  pathname: string,
  shell: { allowed: boolean; refuse: () => void },
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
    if (!shell.allowed) return shell.refuse();
    res.writeHead(200, { ...headers, 'cache-control': 'no-store' }).end(html);
    return;
  }
  res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=3600' }).end(await readFile(file));
}

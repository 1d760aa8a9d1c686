import { CSP } from './static-files';

/**
 * What a browser gets at `/` without a session: how to open the app. No token, no folder: anyone
 * who reaches the port may read it.
 */
export function signInPage(reason: 'no-session' | 'link-used'): string {
  const lead =
    reason === 'link-used'
      ? 'This sign-in link has already been used or has expired (links work once, for 10 minutes).'
      : 'This browser has no session with B3 AI Analysis yet.';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>B3 AI Analysis</title>
<style>body{font:15px system-ui,sans-serif;margin:3rem auto;max-width:40rem;color:#1b2430;line-height:1.5}code{background:#eef1f5;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>B3 AI Analysis</h1><p>${lead}</p>
<p>Open the app with the one-time link that <code>b3ai serve</code> printed in its terminal (or opened in your browser when it started). For a new link, restart <code>b3ai serve</code>, or ask the running server for one with the API token in <code>&lt;data-dir&gt;/api-token</code>: <code>POST /api/session/link</code> with <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<p>The desktop app needs no link.</p></body></html>`;
}

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

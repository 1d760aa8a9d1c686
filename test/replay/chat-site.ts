import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatSelectors } from '../../services/sources/chat-sites';

/**
 * A fake AI chat site for the browser-chat tests (ours, no real site behind it). Its page is built
 * from a site's selectors file, so it has the structure the adapter expects of that site: a sign-in
 * (`/login`, a session cookie), a prompt box, a send button, an answer that streams token by token
 * into the DOM with a stop button shown during the stream, a file input. Tests switch it to answer
 * with a rate-limit message (`rateLimit(true)`), end the sessions (`expire()`), or change its layout
 * (`changeLayout()`: the prompt box loses the attributes the selectors name). With `maxChars`, it
 * limits a typed message's length like the real sites: a longer one is refused with a message on the
 * page and never sent (a long prompt must come in parts, or as the attached file).
 */
export interface ChatSite {
  url: string;
  /** Each prompt received: the typed text, plus an attached file's text; when it came and its answer ended. */
  prompts: { text: string; file: string | null; at: number; answered: number | null }[];
  /** Messages refused for being longer than the site's limit (`maxChars`), by their length. */
  refused: number[];
  /** The answer to the n-th prompt (0-based) of the site. */
  setReply(reply: (prompt: string, file: string | null, n: number) => string): void;
  rateLimit(on: boolean): void;
  expire(): void;
  changeLayout(): void;
  close(): Promise<void>;
}

export const CHAT_USER = 'investor@example.test';
export const CHAT_PASSWORD = 'correct horse';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** `tag#id.class[attr="v"]` → an opening and closing tag (descendants nested: `pre code`). */
export function elementFor(selector: string, editable = false): { open: string; close: string } {
  const parts = selector.trim().split(/\s+(?![^[]*\])/);
  let open = '';
  let close = '';
  parts.forEach((part, i) => {
    const tag = /^[a-z][a-z0-9-]*/i.exec(part)?.[0] ?? 'div';
    const attrs: string[] = [];
    const id = /#([\w-]+)/.exec(part)?.[1];
    if (id) attrs.push(`id="${id}"`);
    const classes = [...part.replace(/\[[^\]]*\]/g, '').matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
    if (classes.length) attrs.push(`class="${classes.join(' ')}"`);
    for (const m of part.matchAll(/\[([\w-]+)(?:=(?:"([^"]*)"|([^\]]*)))?\]/g))
      attrs.push(`${m[1]}="${esc(m[2] ?? m[3] ?? '')}"`);
    if (editable && i === parts.length - 1) attrs.push('contenteditable="true"');
    open += `<${tag} ${attrs.join(' ')}>`;
    close = `</${tag}>${close}`;
  });
  return { open, close };
}

/** Sign a browser profile in to the chat site (what the user does in the sign-in window). */
export async function signInProfile(profile: string, url: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.fill('#user', CHAT_USER);
    await page.fill('#password', CHAT_PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('#submit')]);
  } finally {
    await context.close();
  }
}

function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function chatPage(sel: ChatSelectors, layoutChanged: boolean, maxChars: number | null): string {
  const s = sel.selectors;
  const inputTag = /^[a-z]+/.exec(s.input)?.[0] ?? 'textarea';
  const input = layoutChanged
    ? { open: '<textarea class="composer-v2">', close: '</textarea>' }
    : elementFor(s.input, inputTag === 'div');
  const attach = elementFor(s.attach);
  const send = elementFor(s.send);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Chat</title></head><body>
<main id="thread"></main>
<p id="too-long" hidden>The message is too long for this chat.</p>
<form id="composer" onsubmit="return false">
${attach.open.replace('>', ' style="display:none">')}${attach.close}
${input.open}${input.close}
<span id="send-slot">${send.open}Send${send.close}</span>
</form>
<template id="answer-tpl">${elementFor(s.answer).open}${elementFor(s.answer).close}</template>
<template id="stop-tpl">${elementFor(s.stop).open}Stop${elementFor(s.stop).close}</template>
<template id="limit-tpl">${elementFor(s.rateLimit).open}You have reached the message limit. Try again later.${elementFor(s.rateLimit).close}</template>
<template id="signedout-tpl">${elementFor(s.signedOut).open}Log in${elementFor(s.signedOut).close}</template>
<template id="code-tpl">${elementFor(s.codeBlock).open}${elementFor(s.codeBlock).close}</template>
<script>
const q = (css) => document.querySelector(css);
const box = q('#composer textarea, #composer [contenteditable]');
const fileInput = q('#composer input[type=file]');
const tpl = (id) => document.getElementById(id).content.firstElementChild.cloneNode(true);
const innermost = (el) => { while (el.firstElementChild) el = el.firstElementChild; return el; };
q('#send-slot').firstElementChild.addEventListener('click', async () => {
  const text = box.value !== undefined ? box.value : box.innerText;
  const file = fileInput && fileInput.files[0] ? await fileInput.files[0].text() : null;
  const max = ${maxChars === null ? 'null' : String(maxChars)};
  if (max !== null && text.length > max) {
    q('#too-long').hidden = false;
    fetch('/api/too-long', { method: 'POST', body: String(text.length) });
    return;
  }
  q('#too-long').hidden = true;
  if (box.value !== undefined) box.value = ''; else box.innerText = '';
  if (fileInput) fileInput.value = '';
  const res = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, file }) });
  if (res.status === 401) { document.body.innerHTML = ''; document.body.appendChild(tpl('signedout-tpl')); return; }
  if (res.status === 429) { document.body.appendChild(tpl('limit-tpl')); return; }
  const answer = tpl('answer-tpl');
  q('#thread').appendChild(answer);
  const target = innermost(answer);
  const stop = tpl('stop-tpl');
  q('#composer').appendChild(stop);
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let all = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const t = dec.decode(value, { stream: true });
    all += t;
    target.appendChild(document.createTextNode(t));
  }
  const fence = /^([\\s\\S]*?)\`\`\`(?:json)?\\n([\\s\\S]*?)\`\`\`([\\s\\S]*)$/.exec(all);
  if (fence) {
    target.textContent = fence[1];
    const code = tpl('code-tpl');
    innermost(code).textContent = fence[2];
    target.appendChild(code);
    target.appendChild(document.createTextNode(fence[3]));
  }
  stop.remove();
});
</script></body></html>`;
}

export async function startChatSite(o: {
  selectors: ChatSelectors;
  /** The session cookie the site sets (the site's `login.sessionCookies`). */
  cookieName: string;
  tokenMs?: number;
  tokenChars?: number;
  /** The longest message the prompt box takes (none when not given). */
  maxChars?: number;
}): Promise<ChatSite> {
  const sel = o.selectors;
  const prompts: ChatSite['prompts'] = [];
  const refused: number[] = [];
  const sessions = new Set<string>();
  let reply: (prompt: string, file: string | null, n: number) => string = () => 'OK';
  let limited = false;
  let changed = false;
  const signedIn = (req: IncomingMessage): boolean => sessions.has(cookiesOf(req).get(o.cookieName) ?? '');

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://chat-site');
    const html = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
    };
    if (u.pathname === '/login' && req.method === 'GET')
      return html(
        200,
        `<!doctype html><html><body><form method="post" action="/login"><input name="user" id="user">
<input name="password" id="password" type="password"><button id="submit" type="submit">Sign in</button></form></body></html>`,
      );
    if (u.pathname === '/login' && req.method === 'POST') {
      const form = new URLSearchParams(await bodyOf(req));
      if (form.get('user') !== CHAT_USER || form.get('password') !== CHAT_PASSWORD)
        return html(401, '<p id="error">Wrong e-mail or password.</p>');
      const v = randomBytes(18).toString('base64url');
      sessions.add(v);
      const secure = o.cookieName.startsWith('__Secure-') ? '; Secure' : '';
      res
        .writeHead(302, {
          location: sel.newChatPath,
          'set-cookie': `${o.cookieName}=${v}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000${secure}`,
        })
        .end();
      return;
    }
    if (u.pathname === '/api/chat' && req.method === 'POST') {
      if (!signedIn(req)) return void res.writeHead(401).end();
      const { text, file } = JSON.parse(await bodyOf(req)) as { text: string; file: string | null };
      if (limited) return void res.writeHead(429).end();
      if (o.maxChars !== undefined && text.length > o.maxChars) return void res.writeHead(413).end();
      const n = prompts.length;
      const received: ChatSite['prompts'][number] = { text, file, at: Date.now(), answered: null };
      prompts.push(received);
      const answer = reply(text, file, n);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      const size = o.tokenChars ?? 24;
      for (let i = 0; i < answer.length; i += size) {
        if (res.destroyed) return;
        res.write(answer.slice(i, i + size));
        await new Promise((r) => setTimeout(r, o.tokenMs ?? 5));
      }
      received.answered = Date.now();
      res.end();
      return;
    }
    if (u.pathname === '/api/too-long' && req.method === 'POST') {
      refused.push(Number(await bodyOf(req)));
      return void res.writeHead(204).end();
    }
    if (u.pathname === sel.newChatPath && req.method === 'GET') {
      if (!signedIn(req)) {
        const so = elementFor(sel.selectors.signedOut);
        return html(
          200,
          `<!doctype html><html><body>${so.open}Log in${so.close}<a href="/login">Sign in</a></body></html>`,
        );
      }
      return html(200, chatPage(sel, changed, o.maxChars ?? null));
    }
    res.writeHead(404).end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    prompts,
    refused,
    setReply: (r) => void (reply = r),
    rateLimit: (on) => void (limited = on),
    expire: () => sessions.clear(),
    changeLayout: () => void (changed = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

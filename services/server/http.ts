import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AppError,
  compileRoute,
  inputFromHttp,
  methods,
  type ApiError,
  type MethodDef,
  type MethodName,
} from '../contract';
import type { Core } from '../core/app';
import { readLimited, receiveUpload } from '../core/files/uploads';
import { createLogger } from '../core/logging/logger';
import { hostAllowed, originAllowed, originFormTarget } from './host-guard';
import { PAGE_HEADERS, signInPage } from './pages';
import { docsPage, openApiDocument } from './openapi';
import { serveRedoc } from './redoc';
import { redactInstallPath } from './redact-paths';
import { CSP, serveStatic } from './static-files';
import { HTTP_STATUS } from './status';
import {
  CLIENT_HEADER,
  readCookie,
  sessionCookie,
  sessionCookieName,
  Sessions,
  type SessionOptions,
} from './session';
import { tokenMatches } from './token';

const log = createLogger('server.http');

export interface ApiServerOptions {
  core: Core;
  /** The bearer token, or a getter read on every request (the desktop app can regenerate it live). */
  token: string | (() => string);
  /** Built renderer (`out/renderer`). */
  staticDir: string;
  port?: number;
  /** JSON request bodies above this are refused with 413 (default 1 MB). */
  maxBodyBytes?: number;
  /** Uploads (`POST /api/uploads`) above this are refused with 413 (default: config imports.maxUploadBytes). */
  maxUploadBytes?: number | (() => number);
  /** Sign-in codes and browser sessions (tests shorten them). */
  sessions?: SessionOptions;
}

/** The cap of a JSON request body: every method's input fits in far less. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  /** A new one-time sign-in link for a browser (`/?auth=<code>`), for `b3ai serve` to print or open. */
  signInUrl(): string;
  close(): Promise<void>;
}

interface Route {
  verb: string;
  match: (pathname: string) => Record<string, string> | null;
  name: MethodName;
  def: MethodDef;
}

const ROUTES: Route[] = (Object.entries(methods) as Array<[MethodName, MethodDef]>).map(([name, def]) => ({
  verb: def.http.method,
  match: compileRoute(def.http.path),
  name,
  def,
}));

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // No answer names where the app is installed (error messages, job errors from workers…).
  const text = redactInstallPath(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, HTTP_STATUS[error.code], { ok: false, error });
}

const isEmptyObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** A body declared larger than `limit` is refused before a byte of it is read. */
function declaredOver(req: IncomingMessage, limit: number): boolean {
  return Number(req.headers['content-length'] ?? 0) > limit;
}

async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (declaredOver(req, limit)) throw new AppError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`);
  const chunks: Buffer[] = [];
  const size = await readLimited(req, limit, (chunk) => void chunks.push(chunk));
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (e) {
    throw new AppError('INVALID_INPUT', `request body is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Answer 413 and stop: the connection closes after the answer, what the client still sends is
 * dropped unread for at most a second, then the socket is destroyed. Nothing is buffered.
 */
function sendTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, what: string): void {
  const body = JSON.stringify({
    ok: false,
    error: { code: 'PAYLOAD_TOO_LARGE', message: `${what} over ${limit} bytes`, details: { limit } },
  });
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(body);
  req.on('data', () => undefined);
  req.resume();
  setTimeout(() => req.socket.destroy(), 1_000).unref();
}

/**
 * The headless HTTP adapter: routes generated from the contract's method table, a bearer token on
 * everything under /api/, a Host check against DNS rebinding, SSE for events, OpenAPI, and the built UI.
 * Listens on 127.0.0.1 only.
 */
export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const { core } = opts;
  const token = (): string => (typeof opts.token === 'function' ? opts.token() : opts.token);
  const limit = opts.maxBodyBytes ?? MAX_JSON_BODY_BYTES;
  const uploadLimit = (): number => {
    const l = opts.maxUploadBytes;
    return typeof l === 'function' ? l() : (l ?? core.imports().maxUploadBytes);
  };
  const sse = new Set<ServerResponse>();
  const doc = openApiDocument(core.version);
  const sessions = new Sessions(opts.sessions);
  const idleS = Math.round((opts.sessions?.idleTtlMs ?? 12 * 60 * 60_000) / 1000);
  const signInUrl = (): string => `http://127.0.0.1:${port}/?auth=${sessions.mintCode().code}`;
  const sessionOf = (req: IncomingMessage): string | undefined =>
    readCookie(req.headers.cookie, sessionCookieName(port));

  /** `/?auth=<code>`: a good code becomes a session cookie and the page reloads without it. */
  const signIn = (res: ServerResponse, url: URL): void => {
    const id = sessions.redeem(url.searchParams.get('auth') ?? '');
    if (!id) {
      res.writeHead(401, PAGE_HEADERS).end(signInPage('link-used'));
      return;
    }
    url.searchParams.delete('auth');
    res
      .writeHead(303, {
        location: `${url.pathname}${url.search}`,
        'set-cookie': sessionCookie(port, id, idleS),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      })
      .end();
  };

  /**
   * Who may use the API: the bearer token (scripts, the CLI), or a browser session whose request
   * also carries the UI's own header (which no other origin can send without a CORS preflight).
   */
  const authenticate = (req: IncomingMessage): 'token' | 'session' | 'no-header' | null => {
    if (tokenMatches(token(), req.headers.authorization)) return 'token';
    if (!sessions.valid(sessionOf(req))) return null;
    return req.headers[CLIENT_HEADER] === 'web' ? 'session' : 'no-header';
  };

  const unsubscribe = core.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${redactInstallPath(JSON.stringify(payload))}\n\n`;
    for (const res of sse) res.write(frame);
  });

  let port = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, port)) {
      return sendError(res, {
        code: 'FORBIDDEN',
        message: `this Host is not allowed; use http://127.0.0.1:${port} or http://localhost:${port}`,
      });
    }
    if (!originAllowed(req.headers.origin, port)) {
      return sendError(res, { code: 'FORBIDDEN', message: 'requests from other origins are refused' });
    }
    const target = originFormTarget(req.url);
    if (!target) {
      return sendError(res, {
        code: 'INVALID_INPUT',
        message: 'the request target must be a path (origin form), not an absolute URL',
      });
    }
    const url = new URL(`http://127.0.0.1${target.pathname}${target.search}`);
    const verb = req.method ?? 'GET';
    const isApi = url.pathname.startsWith('/api/');
    if (!isApi && url.searchParams.has('auth') && (verb === 'GET' || verb === 'HEAD'))
      return signIn(res, url);
    const who = isApi ? authenticate(req) : null;
    if (isApi && who === null) {
      return sendError(res, {
        code: 'UNAUTHORIZED',
        message:
          'not signed in: send Authorization: Bearer <token> (see <data-dir>/api-token), or open the link b3ai serve printed',
      });
    }
    if (who === 'no-header') {
      return sendError(res, {
        code: 'FORBIDDEN',
        message: `a browser session must send the ${CLIENT_HEADER} header (cross-site requests are refused)`,
      });
    }
    if (verb === 'GET' && url.pathname === '/api/events') return openEventStream(req, res);
    if (verb === 'POST' && url.pathname === '/api/uploads') return upload(req, res, url);
    if (verb === 'POST' && url.pathname === '/api/session/link') {
      // Only the token holder mints links (a browser session cannot make more of itself).
      if (who !== 'token')
        return sendError(res, { code: 'FORBIDDEN', message: 'a sign-in link needs the API token' });
      const input = await readJsonBody(req, limit).catch((e: unknown) => e);
      if (input instanceof Error || !isEmptyObject(input))
        return sendError(res, {
          code: 'INVALID_INPUT',
          message: 'POST /api/session/link takes no input (send {} or nothing)',
        });
      const { code, expiresAt } = sessions.mintCode();
      return sendJson(res, 200, {
        url: `http://127.0.0.1:${port}/?auth=${code}`,
        expires_at: new Date(expiresAt).toISOString(),
      });
    }
    const matches = ROUTES.flatMap((route) => {
      const params = route.match(url.pathname);
      return params ? [{ route, params }] : [];
    });
    if (matches.length > 0) {
      const hit = matches.find((m) => m.route.verb === verb);
      if (!hit) {
        const allowed = [...new Set(matches.map((m) => m.route.verb))].join(', ');
        return sendJson(res, 405, {
          ok: false,
          error: {
            code: 'UNKNOWN_METHOD',
            message: `${verb} is not allowed on ${url.pathname}; use ${allowed}`,
          },
        });
      }
      const { route, params } = hit;
      let body: unknown = {};
      if (verb === 'POST') {
        try {
          body = await readJsonBody(req, limit);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          if (e.code === 'PAYLOAD_TOO_LARGE') return sendTooLarge(req, res, limit, 'the JSON body is');
          return sendError(res, e.toJSON());
        }
      }
      // Another process: files only under the import folders (F1).
      const input = inputFromHttp(route.def, params, url.searchParams, body);
      const result = await core.call(route.name, input, 'remote');
      return result.ok ? sendJson(res, 200, result.data) : sendError(res, result.error);
    }
    if (isApi)
      return sendError(res, { code: 'UNKNOWN_METHOD', message: `no API route ${verb} ${url.pathname}` });
    if (verb !== 'GET' && verb !== 'HEAD')
      return sendJson(res, 405, {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `${verb} not allowed` },
      });
    if (url.pathname === '/openapi.json') return sendJson(res, 200, doc);
    if (url.pathname === '/docs') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP })
        .end(docsPage(doc));
      return;
    }
    if (await serveRedoc(url.pathname, res)) return;
    return serveStatic(res, opts.staticDir, url.pathname, {
      allowed: sessions.valid(sessionOf(req)),
      refuse: () => void res.writeHead(401, PAGE_HEADERS).end(signInPage('no-session')),
    });
  };

  /** `POST /api/uploads?name=FILE`: the raw body streamed to the data dir's uploads, capped. */
  const upload = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const max = uploadLimit();
    if (declaredOver(req, max)) return sendTooLarge(req, res, max, 'the upload is');
    try {
      const got = await receiveUpload(core.dataDir, url.searchParams.get('name') ?? '', req, max);
      return sendJson(res, 200, { upload_id: got.id, name: got.name, bytes: got.bytes });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.code === 'PAYLOAD_TOO_LARGE') return sendTooLarge(req, res, max, 'the upload is');
      return sendError(res, e.toJSON());
    }
  };

  const openEventStream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sse.add(res);
    const beat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(beat);
      sse.delete(res);
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.end();
      // decodeURIComponent on a path param or page path: the client sent a broken URL.
      if (e instanceof URIError)
        return sendError(res, {
          code: 'INVALID_INPUT',
          message: `malformed percent-encoding in ${req.url ?? 'the URL'}`,
        });
      log.error('request failed', { url: req.url, error: e });
      sendError(res, { code: 'INTERNAL', message: 'the server failed to answer; the log has the details' });
    });
  });
  server.requestTimeout = 0; // large uploads and SSE streams are legitimate
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  log.info('listening', { url });
  return {
    url,
    port,
    signInUrl,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of sse) res.end();
        sse.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, type Core } from '../../services/core/app';
import { startApiServer, type ApiServer } from '../../services/server/http';
import { ensureApiToken } from '../../services/server/token';
import { FIXTURES_DIR, REPO_ROOT } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';
import { json, removeDir, send, tempDir, type HttpAnswer, type HttpCall } from './helpers';

export const PKG_VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export interface HealthBody {
  status: string;
  version: string;
  timestamp: string;
  components: {
    database: { status: string; dailyBars?: number };
    queue: { status: string };
    scrapers: { status: string };
  };
}

export interface QuotesBody {
  ticker: string;
  bars: Array<{ date: string; open: number; close: number; volume: number }>;
}

/** A real core on a fresh data dir, served on a free port with a tiny UI shell. */
export interface TestServer {
  dataDir: string;
  staticDir: string;
  core: Core;
  server: ApiServer;
  token: string;
  port: number;
  auth(): Record<string, string>;
  /** A request with the bearer token. */
  api(call: HttpCall): Promise<HttpAnswer>;
  postJson(path: string, body: unknown): Promise<HttpAnswer>;
  /** Sign a browser in with a one-time link: the session's Cookie header. */
  signIn(): Promise<string>;
  /** POST /api/import/cotahist with one file as an upload. */
  upload(name: string, file: string): Promise<HttpAnswer>;
  /** Daily bars in the database, from /health. */
  dailyBars(): Promise<number | undefined>;
  close(): Promise<void>;
}

export async function startTestServer(
  /** `config: null` starts with no config.json at all (the defaults). */
  opts: { maxUploadBytes?: number; config?: Record<string, unknown> | null } = {},
): Promise<TestServer> {
  const dataDir = tempDir();
  const staticDir = tempDir();
  writeFileSync(
    join(staticDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body>app</body></html>',
  );
  // The user's import folder for the tests: the shared captures (files named by path over HTTP).
  const config = opts.config === undefined ? { imports: { allowedDirs: [FIXTURES_DIR] } } : opts.config;
  if (config !== null) writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  const core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  const token = ensureApiToken(dataDir);
  const server = await startApiServer({
    core,
    token,
    staticDir,
    port: 0,
    ...(opts.maxUploadBytes ? { maxUploadBytes: opts.maxUploadBytes } : {}),
  });
  const port = server.port;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const api = (call: HttpCall): Promise<HttpAnswer> =>
    send(port, { ...call, headers: { ...auth(), ...call.headers } });
  const postJson = (path: string, body: unknown): Promise<HttpAnswer> =>
    api({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    dataDir,
    staticDir,
    core,
    server,
    token,
    port,
    auth,
    api,
    postJson,
    // As the browser UI does: the file streamed to /api/uploads, then imported by its id.
    signIn: async () => {
      const link = new URL(server.signInUrl());
      const res = await send(port, { path: `${link.pathname}${link.search}` });
      const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
      if (res.status !== 303 || !cookie) throw new Error(`sign-in answered ${res.status}`);
      return cookie;
    },
    upload: async (name, file) => {
      const sent = await api({
        method: 'POST',
        path: `/api/uploads?name=${encodeURIComponent(name)}`,
        headers: { 'content-type': 'application/octet-stream' },
        body: readFileSync(file),
      });
      if (sent.status !== 200) return sent;
      const { upload_id } = json<{ upload_id: string }>(sent);
      return postJson('/api/import/cotahist', { upload_ids: [upload_id] });
    },
    dailyBars: async () =>
      json<HealthBody>(await send(port, { path: '/health' })).components.database.dailyBars,
    close: async () => {
      try {
        await server.close();
      } finally {
        await core.close();
        removeDir(dataDir);
        removeDir(staticDir);
      }
    },
  };
}

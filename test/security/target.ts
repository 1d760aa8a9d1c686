import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServe, type SpawnedServe } from '../e2e/serve-process';
import { probe, type Outcome, type Probe } from './http-client';

/** Every data source id of this build (their base URLs go to a closed port: nothing leaves). */
export const SOURCE_IDS = [
  'b3-cotahist',
  'b3',
  'cvm',
  'bcb',
  'tesouro',
  'brapi',
  'yahoo',
  'coinmarketcap',
  'fundamentus',
  'status-invest',
  'google-news',
  'infomoney',
  'valor',
  'exame',
  'bloomberg-linea',
  'investing-news',
  'e-investidor',
  'mais-retorno',
];

/** A real `b3ai serve` on a fresh data dir, as the attacks see it. */
export interface Target {
  dataDir: string;
  /** The import folder config.json allows (with a secret file and a link out of it). */
  importsDir: string;
  serve: SpawnedServe;
  port: number;
  /** The API token now (read from `<data-dir>/api-token`: the attacks may have replaced it). */
  readonly token: string;
  /** Every token the data dir has held during the run. */
  tokens: string[];
  /** A browser session's Cookie header (from the printed one-time link). */
  cookie: string;
  /** Text that must never appear in an answer: the token, a model key, a secret file's content. */
  secrets: string[];
  /** Answers that carried a secret, by request. */
  leaks: string[];
  /** Every answer's headers had no CORS header (else the request is named here). */
  cors: string[];
  send(p: Probe): Promise<Outcome>;
  /** With the bearer token. */
  api(method: string, path: string, body?: unknown): Promise<Outcome>;
}

export const FILE_SECRET = `FILE-SECRET-${process.pid}-${Date.now()}`;

/** Data dir with a config.json: one import folder, every source pointed at a closed port. */
export function prepareDataDir(): { dataDir: string; importsDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'b3ai-attack-'));
  const importsDir = mkdtempSync(join(tmpdir(), 'b3ai-attack-imports-'));
  writeFileSync(join(importsDir, 'secret.csv'), `${FILE_SECRET}\n${FILE_SECRET}\n`);
  symlinkSync(join(dataDir, 'api-token'), join(importsDir, 'token-link.csv'));
  // A closed port and no retries: whatever an attack makes the sources fetch fails at once, offline.
  // One loopback address each (127.0.0.0/8), so per-host politeness does not queue them together.
  const sources = Object.fromEntries(
    SOURCE_IDS.map((id, i) => [id, { baseUrl: `http://127.0.0.${i + 2}:9`, retries: 0 }]),
  );
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ sources, imports: { allowedDirs: [importsDir] } }, null, 2),
  );
  return { dataDir, importsDir };
}

/** Spawn `b3ai serve` on the data dir, sign a browser session in, read the token. */
export async function startTarget(
  dataDir: string,
  importsDir: string,
  secrets: string[] = [],
): Promise<Target> {
  const serve = spawnServe(dataDir, 'warn');
  const url = await Promise.race([
    serve.ready,
    serve.exited.then((c) => Promise.reject(new Error(`b3ai serve exited ${c}: ${serve.stderr()}`))),
  ]);
  const port = Number(new URL(url).port);
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  const link = new URL(await serve.signIn);
  const signed = await probe(port, { path: `/${link.search}` });
  const cookie =
    signed.kind === 'answer' ? (String(signed.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '') : '';
  // `POST /api/desktop/local-api/token` (one of the routes the attacks call) replaces the token: like
  // the CLI, the harness reads the current one from the data dir, and watches every one it has seen.
  let current = token;
  const t: Target = {
    dataDir,
    importsDir,
    serve,
    port,
    get token() {
      const now = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
      if (now && now !== current) {
        current = now;
        t.secrets.push(now);
        t.tokens.push(now);
      }
      return current;
    },
    tokens: [token],
    cookie,
    secrets: [token, FILE_SECRET, ...secrets],
    leaks: [],
    cors: [],
    async send(p) {
      const o = await probe(port, p);
      if (o.kind === 'answer') {
        for (const s of t.secrets) if (o.text.includes(s)) t.leaks.push(`${p.method ?? 'GET'} ${p.path}`);
        if (Object.keys(o.headers).some((h) => h.startsWith('access-control-')))
          t.cors.push(`${p.method ?? 'GET'} ${p.path}`);
      }
      return o;
    },
    api(method, path, body) {
      return t.send({
        method,
        path,
        headers: {
          authorization: `Bearer ${t.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
    },
  };
  return t;
}

export async function stopTarget(t: Target | undefined): Promise<number | null> {
  if (!t) return null;
  t.serve.child.kill('SIGTERM');
  return t.serve.exited;
}

/** Run `tasks` with at most `n` in flight. */
export async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export const ok = (o: Outcome): boolean => o.kind === 'answer' && o.status >= 200 && o.status < 300;
export const json = <T>(o: Outcome): T => (o.kind === 'answer' ? (JSON.parse(o.text) as T) : ({} as T));

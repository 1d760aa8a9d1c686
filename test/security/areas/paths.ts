import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tally } from '../tally';
import { pool, type Target } from '../target';

/** Area 3: path traversal through static files and every kind of path parameter. */
export async function traversal(t: Target): Promise<Tally> {
  const tally = new Tally('paths');
  const tokenBefore = t.token;
  const dataName = t.dataDir.split('/').pop() ?? '';
  const ups = [
    '../',
    '..%2f',
    '%2e%2e/',
    '%2e%2e%2f',
    '..%5c',
    '..\\',
    '%252e%252e%252f',
    '....//',
    '..%c0%af',
    '.%2e/',
  ];
  const targets = [
    'etc/passwd',
    'proc/self/environ',
    `tmp/${dataName}/api-token`,
    `tmp/${dataName}/ai/master.key`,
  ];
  const paths: string[] = [];
  for (const up of ups)
    for (const target of targets) {
      paths.push(`/${up.repeat(8)}${target}`);
      paths.push(`/assets/${up.repeat(8)}${target}`);
    }
  for (const p of [
    '/%00/etc/passwd',
    '/index.html%00.js',
    `/${'..%2f'.repeat(8)}${t.dataDir.slice(1)}/state.sqlite`,
    `/${'..%2f'.repeat(8)}${t.dataDir.slice(1)}/api-token`,
  ])
    paths.push(p);
  // Path parameters of the API (with the token): each route's parameter carries the traversal.
  const params = [
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '..%2f..%2fapi-token',
    '%2e%2e%2f%2e%2e%2fconfig.json',
    '..',
    '.',
    '%00',
    '..%5c..%5cwindows',
  ];
  const apiRoutes = [
    (x: string) => `/api/quotes/${x}`,
    (x: string) => `/api/snapshots/${x}`,
    (x: string) => `/api/jobs/${x}`,
    (x: string) => `/api/analysis/stock/${x}`,
    (x: string) => `/api/analysis/ai/reports/${x}/export?format=md`,
    (x: string) => `/api/analysis/sector/${x}`,
    (x: string) => `/api/fundamentals/${x}`,
    (x: string) => `/api/fundamentals/${x}/history`,
    (x: string) => `/api/sources/${x}/reparse`,
  ];
  const api: string[] = apiRoutes.flatMap((r) => params.map(r));
  // What a file read would show (the token and the secret file are watched on every answer).
  const marks = ['root:x:0:0', 'SQLite format', 'PGLITE', 'BEGIN PRIVATE KEY'];
  const leaked = (text: string): boolean => marks.some((m) => text.includes(m));
  await pool(paths, 8, async (path) => {
    const o = await t.send({ path, headers: { cookie: t.cookie } });
    tally.record(`static ${path}`, o, o.kind === 'answer' && o.status < 400 && leaked(o.text));
  });
  await pool(api, 8, async (path) => {
    const method = path.includes('/reparse') ? 'POST' : 'GET';
    const o = await t.send({
      method,
      path,
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });
    tally.record(`api ${method} ${path}`, o, o.kind === 'answer' && leaked(o.text));
  });
  tally.check(
    'the token file is unchanged',
    readFileSync(join(t.dataDir, 'api-token'), 'utf8').trim() !== tokenBefore,
  );
  return tally;
}

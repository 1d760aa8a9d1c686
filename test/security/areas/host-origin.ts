import { Tally } from '../tally';
import { ok, pool, type Target } from '../target';

/** Area 2: DNS rebinding (Host), cross-origin calls (Origin), absolute-form targets, CORS headers. */
export async function hostOrigin(t: Target): Promise<Tally> {
  const tally = new Tally('host/origin');
  const p = t.port;
  const hosts = [
    'evil.example',
    `evil.example:${p}`,
    `localhost.evil.example:${p}`,
    `127.0.0.1.nip.io:${p}`,
    `127.0.0.1:${p}@evil.com`,
    '[::1]evil.com',
    `[::1]evil.com:${p}`,
    '127.0.0.1:evil.com',
    `127.0.0.1:${p}:${p}`,
    `127.0.0.2:${p}`,
    `0.0.0.0:${p}`,
    `[::ffff:127.0.0.1]:${p}`,
    `[::2]:${p}`,
    `localhost:${p + 1}`,
    `127.0.0.1:${p}0`,
    `127.0.0.1:0${p}`,
    `2130706433:${p}`,
    `0x7f000001:${p}`,
    `127.1:${p}`,
    `localhost.:${p}`,
    `LOCALHOST.:${p}`,
    `evil@127.0.0.1:${p}`,
    `127.0.0.1 :${p}`,
    `127.0.0.1:${p}/x`,
  ];
  const paths = ['/health', '/api/tickers/search?q=PE', '/', '/openapi.json'];
  const jobs: Array<() => Promise<void>> = [];
  for (const host of hosts)
    for (const path of paths)
      jobs.push(async () => {
        const o = await t.send({
          path,
          headers: { host, authorization: `Bearer ${t.token}`, cookie: t.cookie },
        });
        tally.record(`Host ${JSON.stringify(host)} ${path}`, o, ok(o));
      });
  const origins = [
    'http://evil.example',
    'null',
    `http://127.0.0.1:${p + 1}`,
    `http://localhost:${p}.evil.example`,
    `https://127.0.0.1:${p}`,
    `http://127.0.0.1:${p}@evil.example`,
    'file://',
    `http://[::1]evil.com:${p}`,
  ];
  for (const origin of origins)
    for (const [method, path, body] of [
      ['GET', '/api/tickers/search?q=PE', undefined],
      ['POST', '/api/jobs/create', '{"scraper_name":"selftest"}'],
    ] as const)
      jobs.push(async () => {
        const o = await t.send({
          method,
          path,
          headers: { origin, cookie: t.cookie, 'x-b3ai-client': 'web', 'content-type': 'application/json' },
          ...(body ? { body } : {}),
        });
        tally.record(`Origin ${origin} ${method} ${path}`, o, ok(o));
      });
  for (const target of [
    `http://127.0.0.1:${p}/api/tickers/search`,
    'http://evil.example/api/tickers/search',
    '//evil.example/api/tickers/search',
    `http://localhost:${p}/health`,
    '*',
  ])
    jobs.push(async () => {
      const o = await t.send({ path: target, headers: { authorization: `Bearer ${t.token}` } });
      tally.record(`absolute-form ${target}`, o, ok(o));
    });
  // A CORS preflight is never answered with Access-Control-* (checked on every answer by the target).
  jobs.push(async () => {
    const o = await t.send({
      method: 'OPTIONS',
      path: '/api/jobs/create',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    tally.record('CORS preflight', o, ok(o));
  });
  await pool(jobs, 8, (j) => j());
  tally.check('no answer carried an Access-Control-* header', t.cors.length > 0);
  return tally;
}

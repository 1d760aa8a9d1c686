import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Tally } from '../tally';
import { json, ok, pool, type Target } from '../target';

/** A server on loopback standing in for an internal service: counts hits, answers a marker. */
async function internalService(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    if (req.url === '/hop') res.writeHead(302, { location: '/secret' }).end();
    else res.writeHead(400, { 'content-type': 'text/plain' }).end('INTERNAL-SERVICE-BODY');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Area 5: local files (F1) and server-side requests (F4) through every route that takes them. */
export async function filesAndUrls(t: Target): Promise<Tally> {
  const tally = new Tally('files/URLs');
  const inside = await internalService();
  t.secrets.push('INTERNAL-SERVICE-BODY');
  const files = [
    '/etc/passwd',
    '/etc/shadow',
    '/proc/self/environ',
    '/proc/self/cmdline',
    join(t.dataDir, 'api-token'),
    join(t.dataDir, 'ai', 'keys.json'),
    join(t.dataDir, 'ai', 'master.key'),
    join(t.dataDir, 'state.sqlite'),
    join(t.dataDir, 'config.json'),
    join(t.importsDir, 'token-link.csv'),
    `${t.importsDir}/../${t.dataDir.split('/').pop() ?? ''}/api-token`,
    'api-token',
    '~/.ssh/id_rsa',
    'file:///etc/passwd',
  ];
  const scrapers = json<{ scrapers: Array<{ id: string; models: string[] }> }>(
    await t.api('GET', '/api/scrapers/list'),
  );
  const pairs = scrapers.scrapers.flatMap((s) => s.models.map((m) => [s.id, m] as const));
  const jobs: Array<() => Promise<void>> = [];
  for (const [source, model] of pairs)
    for (const file of files)
      jobs.push(async () => {
        const o = await t.api('POST', `/api/sources/${source}/ingest`, { model, file, ticker: 'PETR4' });
        tally.record(`ingest ${source}/${model} ${file}`, o, ok(o));
      });
  for (const file of files) {
    jobs.push(async () => {
      const o = await t.api('POST', '/api/import/cotahist', { paths: [file] });
      tally.record(`import.cotahist ${file}`, o, ok(o));
    });
    jobs.push(async () => {
      const o = await t.api('POST', '/api/jobs/create', { scraper_name: 'cotahist', query: file });
      tally.record(`cotahist job ${file}`, o, ok(o));
    });
  }
  // A file the user allowed that fails to parse: refused, and its content is not quoted.
  for (const [source, model] of pairs)
    jobs.push(async () => {
      const o = await t.api('POST', `/api/sources/${source}/ingest`, {
        model,
        file: join(t.importsDir, 'secret.csv'),
      });
      tally.record(
        `ingest of an allowed file ${source}/${model}`,
        o,
        o.kind === 'answer' && o.text.includes('FILE-SECRET'),
      );
    });
  // URLs: only B3 (or the configured base URL) for COTAHIST downloads.
  const urls = [
    `${inside.url}/secret`,
    `${inside.url}/hop`,
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:9/x',
    'http://localhost:9/x',
    'gopher://127.0.0.1:6379/_INFO',
    'ftp://127.0.0.1/x',
    `http://bvmf.bmfbovespa.com.br@${inside.url.slice(7)}/secret`,
    `${inside.url.replace('127.0.0.1', '0x7f000001')}/secret`,
  ];
  for (const query of urls)
    jobs.push(async () => {
      const o = await t.api('POST', '/api/jobs/create', { scraper_name: 'cotahist', query });
      tally.record(`cotahist job ${query}`, o, ok(o));
    });
  await pool(jobs, 8, (j) => j());
  // A model pointed at the internal service: its 4xx body never shows; a redirect is not followed.
  for (const [i, base_url] of [`${inside.url}/v1`, `${inside.url}/hop`].entries()) {
    const saved = await t.api('POST', `/api/analysis/ai/models/probe${i}`, {
      provider: 'openai',
      model: 'x',
      stream: false,
      base_url,
    });
    const test = await t.api('POST', `/api/analysis/ai/models/probe${i}/test`, {});
    tally.record(
      `model base_url ${base_url}`,
      test,
      ok(saved) && test.kind === 'answer' && test.text.includes('INTERNAL-SERVICE'),
    );
  }
  // The job queue kept none of those: nothing reached the internal service but the model test.
  const hitsByModels = 2;
  tally.check(
    `the internal service got only the model tests (${inside.hits()} hits)`,
    inside.hits() > hitsByModels,
  );
  await inside.close();
  return tally;
}

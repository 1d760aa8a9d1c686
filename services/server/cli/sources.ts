import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError, isAppError, type Job } from '../../contract';
import { startCore } from '../../core/app';
import { resolveDataDir } from '../../core/config/paths';
import { createRegistry } from '../../sources/registry';
import { ModelName } from '../../sources/models';
import { fileQuery, missingFieldsMessage } from '../../sources/file-query';
import { parseQueryText, type QueryField, type SourceQuery } from '../../sources/query';
import { rawFromFile } from '../../sources/raw';
import { runTransform } from '../../sources/run-transform';
import { resolveSource } from '../../core/sources/scrapers-service';
import { readServerFile } from '../server-file';
import { withApi, type Call } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError } from './args';

export const parseHelp = `Usage: b3ai parse SOURCE MODEL FILE [--ticker T] [--query Q] --json

Run a source's parser on a saved page or file and print the standard items (no database).
On a page the parser does not recognise it prints {"error":{"code":...,"message":...}} and exits 3.
  --query Q   other query fields as key=value&... (e.g. year=2024&series=ITR)`;

export const ingestHelp = `Usage: b3ai ingest SOURCE MODEL FILE [--ticker T] [--query Q] [--data-dir DIR] [--json]

Parse a saved page or file like "b3ai parse" and store the items, with the file kept in the
snapshot vault (its provenance is the file:// URL).`;

export const scrapeHelp = `Usage: b3ai scrape SOURCE MODEL QUERY [--data-dir DIR] [--json] [--timeout SECONDS]

Queue a fetch of one source and wait for it: QUERY is a ticker ("PETR4"), a series ("432") or
key=value pairs ("series=432&from=2024-01-01"). Goes through "b3ai serve" when it runs on the data
dir; otherwise starts the workers here for the time of the job.`;

export const reparseHelp = `Usage: b3ai reparse SOURCE [--model M] [--since YYYY-MM-DD] [--data-dir DIR] [--json]

Re-run today's parser over the source's stored payloads, store what it reads and report what
changed (per snapshot: items before/after and the changed fields).`;

const QUERY_OPTIONS = {
  ticker: { type: 'string' },
  query: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function modelOf(text: string | undefined): ModelName {
  const m = ModelName.safeParse(text);
  if (!m.success) throw new UsageError(`MODEL must be one of ${ModelName.options.join(', ')}`);
  return m.data;
}

export async function parseCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, QUERY_OPTIONS);
  if (values.help) {
    console.log(parseHelp);
    return 0;
  }
  const [sourceName, modelName, file] = positionals;
  if (!sourceName || !modelName || !file || positionals.length !== 3)
    throw new UsageError('give SOURCE MODEL FILE');
  const model = modelOf(modelName);
  try {
    const registry = createRegistry();
    const s = resolveSource(registry, sourceName);
    const fetcher = s.fetchers[model];
    if (!fetcher)
      throw new AppError(
        'INVALID_INPUT',
        `${s.info.id} serves ${Object.keys(s.fetchers).join(', ')}, not ${model}`,
      );
    const given = values.query ? parseQueryText(values.query as string, fetcher.primary) : {};
    if (values.ticker) given.ticker = (values.ticker as string).toUpperCase();
    // What the file's published name tells (CVM's CSVs), then the required fields, naming the flag.
    const query = fileQuery(s, fetcher, basename(file), given, { kind: 'flags' });
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch (e) {
      throw new AppError('FILE_NOT_FOUND', `cannot read ${file}: ${(e as Error).message}`);
    }
    const encoding =
      fetcher.request(query, { baseUrl: s.info.baseUrl, credentials: {}, now: new Date() }).encoding ??
      'auto';
    const items = await runTransform(
      s.info.id,
      fetcher,
      rawFromFile(body, pathToFileURL(resolve(file)).href, encoding),
      query,
    );
    console.log(
      values.json ? JSON.stringify({ source: s.info.id, model, items }) : JSON.stringify(items, null, 2),
    );
    return 0;
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    console.log(JSON.stringify({ error: { code: err.code, message: err.message } }));
    return 3;
  }
}

/**
 * Before asking the API: a required query field that is missing is a usage error naming what to
 * add (`--query series=432`, or scrape's QUERY). Unknown sources and models are left to the API.
 */
function checkRequired(
  sourceName: string,
  model: ModelName,
  text: { query: string; ticker?: string | undefined },
  fileName: string | null,
): void {
  let s;
  try {
    s = resolveSource(createRegistry(), sourceName);
  } catch {
    return;
  }
  const fetcher = s.fetchers[model];
  if (!fetcher) return;
  const given = text.query ? parseQueryText(text.query, fetcher.primary) : {};
  if (text.ticker) given.ticker = text.ticker.toUpperCase();
  // A scrape with no query fetches the source's canary query when the model is the canary's.
  const canary = !fileName && !text.query && s.info.canary.model === model ? s.info.canary.query : {};
  const query: SourceQuery = { ...(fileName ? fetcher.fromFileName?.(fileName) : {}), ...canary, ...given };
  const missing: QueryField[] = fetcher.required.filter((f) => query[f] === undefined);
  if (missing.length)
    throw new UsageError(
      missingFieldsMessage(
        s,
        missing,
        fileName ? { kind: 'flags' } : { kind: 'scrape', source: s.info.id, model },
      ),
    );
}

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...QUERY_OPTIONS, ...DATA_DIR_OPTION });
  if (values.help) {
    console.log(ingestHelp);
    return 0;
  }
  const [source, model, file] = positionals;
  if (!source || !model || !file || positionals.length !== 3) throw new UsageError('give SOURCE MODEL FILE');
  checkRequired(
    source,
    modelOf(model),
    { query: (values.query as string | undefined) ?? '', ticker: values.ticker as string | undefined },
    basename(file),
  );
  const out = await withApi(values['data-dir'] as string | undefined, async (call, _where, upload) =>
    call('sources.ingest', {
      source,
      model,
      // Through a running server the CLI sends the file itself; the server reads no user paths.
      ...(upload ? { upload_id: await upload(resolve(file)) } : { file: resolve(file) }),
      ...(values.ticker ? { ticker: values.ticker as string } : {}),
      ...(values.query ? { query: values.query as string } : {}),
    }),
  );
  console.log(
    values.json
      ? JSON.stringify(out)
      : `stored ${out.items} ${out.model} item(s) from ${out.source} (${out.query || 'no query'}), snapshot ${out.snapshot_id}`,
  );
  return 0;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

async function waitFor(call: Call, job: Job, timeoutMs: number): Promise<Job> {
  const until = Date.now() + timeoutMs;
  let j = job;
  while (!TERMINAL.has(j.status)) {
    if (Date.now() > until)
      throw new AppError('TIMEOUT', `job ${j.id} still ${j.status} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
    j = (await call('jobs.get', { job_id: j.id })).job;
  }
  return j;
}

export async function scrapeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    ...DATA_DIR_OPTION,
  });
  if (values.help) {
    console.log(scrapeHelp);
    return 0;
  }
  const [source, model, query = ''] = positionals;
  if (!source || !model || positionals.length > 3) throw new UsageError('give SOURCE MODEL [QUERY]');
  checkRequired(source, modelOf(model), { query }, null);
  const timeoutMs = Number(values.timeout ?? 600) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new UsageError('--timeout: seconds, a positive number');
  const run = async (call: Call): Promise<Job> => {
    const { job } = await call('jobs.create', {
      scraper_name: source,
      query: `${model}:${query}`,
      priority: 'high',
      metadata: { via: 'cli scrape' },
    });
    return waitFor(call, job, timeoutMs);
  };
  const dataDirFlag = values['data-dir'] as string | undefined;
  const dataDir = resolveDataDir(dataDirFlag);
  let job: Job;
  if (readServerFile(dataDir)) job = await withApi(dataDirFlag, run);
  else {
    const core = await startCore({
      dataDir,
      run: true,
      scheduler: false,
      owner: 'b3ai scrape',
      workers: { size: 1 },
    });
    try {
      job = await run(async (method, input) => {
        const r = await core.call(method, input);
        if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
        return r.data as never;
      });
    } finally {
      await core.close();
    }
  }
  if (values.json) console.log(JSON.stringify({ job }));
  else if (job.status === 'completed') console.log(`${job.id} completed: ${JSON.stringify(job.result)}`);
  else console.log(`${job.id} ${job.status}: ${job.error?.code}: ${job.error?.message}`);
  return job.status === 'completed' ? 0 : 1;
}

export async function reparseCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    model: { type: 'string' },
    since: { type: 'string' },
    ...DATA_DIR_OPTION,
  });
  if (values.help) {
    console.log(reparseHelp);
    return 0;
  }
  const [source] = positionals;
  if (!source || positionals.length !== 1) throw new UsageError('give one SOURCE');
  const out = await withApi(values['data-dir'] as string | undefined, (call) =>
    call('sources.reparse', {
      source,
      ...(values.model ? { model: values.model as string } : {}),
      ...(values.since ? { since: values.since as string } : {}),
    }),
  );
  if (values.json) {
    console.log(JSON.stringify(out));
    return 0;
  }
  console.log(
    `${out.source}: ${out.snapshots} snapshot(s) re-parsed — ${out.unchanged} unchanged, ${out.changed} changed, ${out.fixed} fixed, ${out.broken} now failing, ${out.still_failing} still failing; ${out.stored} row(s) stored`,
  );
  for (const c of out.changes) {
    console.log(
      `  #${c.snapshot_id} ${c.model} ${c.query}: ${c.before.status} (${c.before.items ?? '-'}) → ${c.after.status} (${c.after.items ?? '-'})${c.after.message ? ` ${c.after.message}` : ''}`,
    );
    for (const x of c.diff?.examples ?? [])
      console.log(`      ${x.item} ${x.field}: ${JSON.stringify(x.before)} → ${JSON.stringify(x.after)}`);
  }
  return 0;
}

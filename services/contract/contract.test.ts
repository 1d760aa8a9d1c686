import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppError,
  compileRoute,
  describeZodError,
  EVENT_NAMES,
  events,
  inputFromHttp,
  isEventName,
  isMethodName,
  METHOD_NAMES,
  methodNames,
  methods,
  pathParamNames,
  Ticker,
  toHttpRequest,
  type MethodDef,
  type MethodName,
} from './index';
import { createClient, type Transport } from './client';

/** Sends `input` the way a client does and reads it back the way the server does. */
function roundTrip(def: MethodDef, input: unknown): unknown {
  const req = toHttpRequest(def, input);
  expect(req.method).toBe(def.http.method);
  const url = new URL(req.url, 'http://127.0.0.1');
  const params = compileRoute(def.http.path)(url.pathname);
  expect(params, req.url).not.toBeNull();
  const body: unknown = req.body === undefined ? {} : JSON.parse(req.body);
  return inputFromHttp(def, params ?? {}, url.searchParams, body);
}

describe('HTTP mapping', () => {
  it('finds the {param} names of a path', () => {
    expect(pathParamNames('/api/quotes/{ticker}')).toEqual(['ticker']);
    expect(pathParamNames('/a/{x}/b/{y}')).toEqual(['x', 'y']);
    expect(pathParamNames('/health')).toEqual([]);
  });

  it('puts GET inputs in the path and the query string', () => {
    expect(
      toHttpRequest(methods['quotes.list'], { ticker: 'PETR4', from: '2021-01-01', to: undefined }),
    ).toEqual({
      method: 'GET',
      url: '/api/quotes/PETR4?from=2021-01-01',
    });
    expect(toHttpRequest(methods['tickers.search'], { q: 'PETR', limit: 5 })).toEqual({
      method: 'GET',
      url: '/api/tickers/search?q=PETR&limit=5',
    });
    expect(toHttpRequest(methods['health.get'], {})).toEqual({ method: 'GET', url: '/health' });
  });

  it('puts POST inputs in a JSON body', () => {
    const req = toHttpRequest(methods['import.cotahist'], { paths: ['/tmp/a b.TXT'] });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/import/cotahist');
    expect(JSON.parse(req.body ?? 'null')).toEqual({ paths: ['/tmp/a b.TXT'] });
  });

  it('URL-encodes path params and decodes them back', () => {
    const def = methods['quotes.list'];
    const req = toHttpRequest(def, { ticker: 'A B/C?%' });
    expect(req.url).toBe('/api/quotes/A%20B%2FC%3F%25');
    expect(compileRoute(def.http.path)(req.url)).toEqual({ ticker: 'A B/C?%' });
  });

  it('encodes query values that need it', () => {
    const def = methods['tickers.search'];
    expect(roundTrip(def, { q: 'a&b=c d', limit: 3 })).toEqual({ q: 'a&b=c d', limit: '3' });
  });

  it.each<[MethodName, unknown]>([
    ['health.get', {}],
    ['tickers.search', { q: 'petr', limit: 7 }],
    ['tickers.search', {}],
    ['quotes.list', { ticker: 'petr4', from: '2021-06-01', to: '2021-06-30' }],
    ['quotes.list', { ticker: 'TAEE11' }],
    ['import.cotahist', { paths: ['/x/COTAHIST_A2023.ZIP'], markets: { codbdi: ['02'], tpmerc: ['010'] } }],
    ['import.cotahist', { uploads: [{ name: 'a.TXT', dataBase64: 'QUJD' }] }],
  ])('%s: toHttpRequest → inputFromHttp parses to the same input', (name, input) => {
    const def = methods[name] as MethodDef;
    expect(def.input.parse(roundTrip(def, input))).toEqual(def.input.parse(input));
  });

  it('a route matches only its own shape', () => {
    const match = compileRoute('/api/quotes/{ticker}');
    expect(match('/api/quotes/PETR4')).toEqual({ ticker: 'PETR4' });
    expect(match('/api/quotes/')).toBeNull();
    expect(match('/api/quotes/PETR4/x')).toBeNull();
    expect(match('/api/quotesXPETR4')).toBeNull();
    expect(match('/x/api/quotes/PETR4')).toBeNull();
    const health = compileRoute('/health');
    expect(health('/health')).toEqual({});
    expect(health('/healthy')).toBeNull();
    expect(compileRoute('/a.b')('/aXb')).toBeNull();
  });

  it('path params win over query and body fields of the same name', () => {
    const q = new URLSearchParams('ticker=VALE3&from=2021-01-01');
    expect(inputFromHttp(methods['quotes.list'], { ticker: 'PETR4' }, q, undefined)).toEqual({
      ticker: 'PETR4',
      from: '2021-01-01',
    });
    const post = { ...methods['import.cotahist'], http: { method: 'POST', path: '/x/{id}' } } as MethodDef;
    expect(inputFromHttp(post, { id: '1' }, new URLSearchParams(), { id: '2', a: 1 })).toEqual({
      id: '1',
      a: 1,
    });
  });

  it('a POST body that is not an object becomes {}', () => {
    const def = methods['import.cotahist'];
    for (const body of [null, [1, 2], 'text', 3])
      expect(inputFromHttp(def, {}, new URLSearchParams(), body)).toEqual({});
  });
});

describe('schemas', () => {
  it('Ticker trims, upper-cases and refuses what is not a B3 code', () => {
    expect(Ticker.parse(' petr4 ')).toBe('PETR4');
    expect(Ticker.parse('a1ap34')).toBe('A1AP34');
    for (const bad of ['PE', 'PETR-4', '', 'ABCDEFGHIJKLM'])
      expect(Ticker.safeParse(bad).success, bad).toBe(false);
  });

  it('import.cotahist needs at least one file and defaults the lists', () => {
    const input = methods['import.cotahist'].input;
    const r = input.safeParse({});
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['paths']);
    expect(input.safeParse({ paths: [], uploads: [] }).success).toBe(false);
    expect(input.parse({ paths: ['/a.TXT'] })).toEqual({ paths: ['/a.TXT'], uploads: [], upload_ids: [] });
    expect(input.safeParse({ upload_ids: ['0b6b3a0e-7c1e-4c2a-9d3f-2a1b0c9d8e7f'] }).success).toBe(true);
    expect(input.safeParse({ upload_ids: ['../../etc/passwd'] }).success).toBe(false);
    expect(input.safeParse({ uploads: [{ name: 'a/b.TXT', dataBase64: 'QQ==' }] }).success).toBe(false);
    expect(input.safeParse({ uploads: [{ name: 'a.TXT', dataBase64: 'not base64!' }] }).success).toBe(false);
    expect(input.safeParse({ paths: ['/a'], markets: { codbdi: ['02'], tpmerc: ['999'] } }).success).toBe(
      false,
    );
  });

  it('quotes.list refuses from after to, naming from', () => {
    const r = methods['quotes.list'].input.safeParse({
      ticker: 'PETR4',
      from: '2021-02-01',
      to: '2021-01-01',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['from']);
  });

  it('describeZodError names every offending field', () => {
    const schema = z.object({ a: z.number(), b: z.object({ c: z.string() }), d: z.array(z.string()) });
    const r = schema.safeParse({ a: 'x', b: { c: 1 }, d: ['ok', 2] });
    expect(r.success).toBe(false);
    const { message, details } = describeZodError(r.error!);
    expect(details.fields).toEqual(['a', 'b.c', 'd.1']);
    expect(message).toMatch(/^a: .+; b\.c: .+; d\.1: .+$/);
    const root = describeZodError(z.string().safeParse(1).error!);
    expect(root.details.fields).toEqual(['(input)']);
  });
});

describe('names and errors', () => {
  it('METHOD_NAMES and EVENT_NAMES equal the tables', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort());
    expect([...methodNames].sort()).toEqual([...METHOD_NAMES].sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
    for (const [name, def] of Object.entries(methods)) expect(def.name).toBe(name);
  });

  it('every method has a distinct route', () => {
    const routes = Object.values(methods).map((d) => `${d.http.method} ${d.http.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('name guards ignore inherited properties', () => {
    expect(isMethodName('quotes.list')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isEventName('import.completed')).toBe(true);
    expect(isEventName('constructor')).toBe(false);
  });

  it('AppError serializes to the ApiError shape', () => {
    expect(new AppError('NOT_FOUND', 'no').toJSON()).toEqual({ code: 'NOT_FOUND', message: 'no' });
    expect(new AppError('INTERNAL', 'x', { a: 1 }).toJSON()).toEqual({
      code: 'INTERNAL',
      message: 'x',
      details: { a: 1 },
    });
  });
});

describe('createClient', () => {
  const transport = (answer: Awaited<ReturnType<Transport['call']>>): Transport => ({
    call: () => Promise.resolve(answer),
    on: () => () => undefined,
  });

  it('rejects with an AppError carrying the server code', async () => {
    const client = createClient(
      transport({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'no PETR4', details: { ticker: 'PETR4' } },
      }),
    );
    await expect(client.call('quotes.list', { ticker: 'PETR4' })).rejects.toMatchObject({
      name: 'AppError',
      code: 'NOT_FOUND',
      details: { ticker: 'PETR4' },
    });
  });

  it('rejects an answer that does not match the output schema', async () => {
    const client = createClient(transport({ ok: true, data: { items: 'nope' } }));
    await expect(client.call('tickers.search', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('drops event payloads that do not match the schema', () => {
    let emit: (p: unknown) => void = () => undefined;
    const client = createClient({
      call: () => Promise.reject(new Error('unused')),
      on: (_e, cb) => ((emit = cb), () => undefined),
    });
    const got: unknown[] = [];
    client.on('import.completed', (p) => got.push(p));
    emit({ bogus: true });
    const summary = {
      files: 1,
      records: 2,
      imported: 1,
      skipped: 1,
      tickers: 1,
      from: '2021-06-25',
      to: '2021-06-25',
    };
    emit(summary);
    expect(got).toEqual([summary]);
  });
});

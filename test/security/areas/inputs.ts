import type { Probe } from '../http-client';
import { Tally } from '../tally';
import { json, ok, pool, type Target } from '../target';

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: string[];
  body: string[];
  contentType: string | null;
}

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      }
    >
  >;
};

/** Every operation /openapi.json lists, with its parameters and body fields. */
export async function operations(t: Target): Promise<Operation[]> {
  const doc = json<Doc>(await t.send({ path: '/openapi.json' }));
  const ops: Operation[] = [];
  for (const [path, byVerb] of Object.entries(doc.paths))
    for (const [verb, op] of Object.entries(byVerb)) {
      const content = op.requestBody?.content ?? {};
      const type = Object.keys(content)[0] ?? null;
      ops.push({
        method: verb.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys((type ? content[type]?.schema?.properties : undefined) ?? {}),
        contentType: type,
      });
    }
  return ops;
}

const deep = (n: number): string => `${'['.repeat(n)}1${']'.repeat(n)}`;
const PARAM_VALUES = [
  '__proto__',
  'constructor',
  'toString',
  'x'.repeat(2000),
  '%00',
  '%ff',
  '-1',
  '99999999999999999999',
  '%2e%2e',
];
const QUERY_VALUES = ['x'.repeat(8000), '__proto__', '-1', '1e400', '[object Object]', '%00', 'NaN'];

/** Area 4: malformed, huge, deep and prototype-key inputs over every route the API documents. */
export async function inputs(t: Target): Promise<Tally> {
  const tally = new Tally('inputs');
  const ops = await operations(t);
  const probes: Array<[string, Probe, boolean]> = [];
  const auth = { authorization: `Bearer ${t.token}` };
  for (const op of ops) {
    const fill = (v: (name: string) => string): string =>
      op.path.replace(/\{(\w+)\}/g, (_m, name: string) => v(name));
    const base = fill((n) => (/id$/.test(n) ? '1' : 'PETR4'));
    const stream = op.path === '/api/events' ? { maxBytes: 8, timeoutMs: 3_000 } : { timeoutMs: 10_000 };
    // Path parameters: prototype names, long, broken escapes.
    for (const v of op.params.length ? PARAM_VALUES : [])
      probes.push([
        `${op.method} ${op.path} param=${v.slice(0, 12)}`,
        {
          method: op.method,
          path: fill(() => v),
          headers: { ...auth, 'content-type': 'application/json' },
          body: op.method === 'POST' ? '{}' : undefined,
          ...stream,
        },
        false,
      ]);
    if (op.method === 'POST') {
      const jsonType = { ...auth, 'content-type': op.contentType ?? 'application/json' };
      const allAs = (v: unknown): string => JSON.stringify(Object.fromEntries(op.body.map((k) => [k, v])));
      // Every documented field, plus a `metadata` (last, so it wins) hiding a prototype key.
      const fields = JSON.stringify(
        Object.fromEntries(op.body.filter((k) => k !== 'metadata').map((k) => [k, 'x'])),
      );
      const nested = `${fields.slice(0, -1)}${fields.length > 2 ? ',' : ''}"metadata":{"x":{"__proto__":{"polluted":1}}}}`;
      const bodies: Array<[string, string, boolean]> = [
        ['malformed JSON', '{"a":', false],
        ['an array', '[1,2,3]', false],
        ['a string', '"x"', false],
        ['null', 'null', false],
        ['1e400', '1e400', false],
        ['1.2 MB', `{"x":"${'a'.repeat(1_200_000)}"}`, false],
        ['5,000 deep', `{"a":${deep(5000)}}`, true],
        ['40 deep', `{"a":${deep(40)}}`, true],
        ['__proto__ key', '{"__proto__":{"polluted":1}}', true],
        ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}', true],
        ['nested __proto__', nested, true],
        ['every field an object', allAs({}), false],
        ['every field a long string', allAs('z'.repeat(10_000)), false],
        ['every field a huge number', allAs(-1e308), false],
        ['every field null', allAs(null), false],
        ['text/plain', '{}', false],
      ];
      for (const [name, body, mustRefuse] of bodies)
        probes.push([
          `${op.method} ${op.path} ${name}`,
          {
            method: 'POST',
            path: base,
            headers: name === 'text/plain' ? { ...auth, 'content-type': 'text/plain' } : jsonType,
            body,
            timeoutMs: 20_000,
          },
          mustRefuse,
        ]);
    } else {
      for (const q of op.query.length ? op.query : ['x'])
        for (const v of QUERY_VALUES)
          probes.push([
            `${op.method} ${op.path} ?${q}=${v.slice(0, 12)}`,
            { method: op.method, path: `${base}?${q}=${encodeURIComponent(v)}`, headers: auth, ...stream },
            false,
          ]);
      for (const qs of ['__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '__proto__=1&q=PE'])
        probes.push([
          `${op.method} ${op.path} ?${qs}`,
          { method: op.method, path: `${base}?${qs}`, headers: auth, ...stream },
          qs.startsWith('__proto__='),
        ]);
    }
  }
  const slow: Array<[number, string]> = [];
  await pool(probes, 12, async ([what, p, mustRefuse]) => {
    const t0 = performance.now();
    const o = await t.send(p);
    slow.push([performance.now() - t0, what]);
    tally.record(what, o, mustRefuse && ok(o));
  });
  slow.sort((a, b) => b[0] - a[0]);
  console.log(
    `inputs: slowest ${slow
      .slice(0, 5)
      .map(([ms, w]) => `${w} ${Math.round(ms)} ms`)
      .join('; ')}`,
  );
  const after = await t.api('GET', '/api/tickers/search?q=PE');
  tally.record(
    'the server still answers, unpolluted',
    after,
    !ok(after) || (after.kind === 'answer' && after.text.includes('polluted')),
  );
  console.log(`inputs: ${ops.length} operations from /openapi.json, ${probes.length} requests`);
  return tally;
}

/**
 * Structural mutations of a JSON answer: a key renamed, two values of an object swapped, a number
 * replaced by garbage, the rows of an array shuffled. The mutated value is written back as JSON.
 */
import fc from 'fast-check';
import { formOf, mutation, type Mutation } from './mutation-core';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Path = (string | number)[];

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every node with its path, depth first. */
function walk(v: Json, path: Path, out: { path: Path; value: Json }[]): void {
  out.push({ path, value: v });
  if (Array.isArray(v)) v.forEach((c, i) => walk(c, [...path, i], out));
  else if (isObject(v)) for (const [k, c] of Object.entries(v)) walk(c, [...path, k], out);
}

function nodes(v: Json): { path: Path; value: Json }[] {
  const out: { path: Path; value: Json }[] = [];
  walk(v, [], out);
  return out;
}

function at(root: Json, path: Path): Json {
  let v: Json = root;
  for (const k of path) {
    if (Array.isArray(v) && typeof k === 'number') v = v[k] ?? null;
    else if (isObject(v) && typeof k === 'string') v = v[k] ?? null;
    else return null;
  }
  return v;
}

const clone = (v: Json): Json => structuredClone(v);
const write = (v: Json): Buffer => Buffer.from(JSON.stringify(v, null, 2), 'utf8');
const where = (p: Path): string => p.map(String).join('.') || '(root)';

function newKey(key: string, how: string): string {
  switch (how) {
    case 'UPPER':
      return key.toUpperCase() === key ? key.toLowerCase() : key.toUpperCase();
    case 'space':
      return `${key} `;
    case 'empty':
      return '';
    case 'plural':
      return `${key}s`;
    case 'constructor':
    case 'toString':
      return how;
    default:
      return `${how}${key}`;
  }
}

/**
 * One key renamed to a name its object does not have (keys keep their order). A rename onto a
 * sibling key is not generated: JSON.parse keeps the last of two equal keys before any parser
 * sees the text, so the duplicate is invisible to a transform (catching it would take a
 * duplicate-aware JSON tokenizer in every JSON source, not a parser fix).
 */
export function jsonRenamed(root: Json): fc.Arbitrary<Mutation> | null {
  const keys = nodes(root).filter((n) => n.path.length > 0 && typeof n.path.at(-1) === 'string');
  if (keys.length === 0) return null;
  return fc
    .tuple(
      fc.nat(keys.length - 1),
      fc.constantFrom('x_', '_', 'UPPER', 'space', 'empty', 'plural', 'constructor', 'toString'),
    )
    .map(([i, how]) => {
      const { path } = keys[i] ?? { path: [] };
      const key = String(path.at(-1));
      const name = newKey(key, how);
      const copy = clone(root);
      const parent = at(copy, path.slice(0, -1));
      if (!isObject(parent) || Object.hasOwn(parent, name)) {
        return mutation('rename', `key ${where(path)} kept (no fresh name)`, write(copy));
      }
      const renamedObj: JsonObject = {};
      for (const [k, v] of Object.entries(parent)) renamedObj[k === key ? name : k] = v;
      for (const k of Object.keys(parent)) delete parent[k];
      Object.assign(parent, renamedObj);
      return mutation('rename', `key ${where(path)} renamed "${name}"`, write(copy));
    });
}

function formOfJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `string:${formOf(v)}`;
  if (typeof v === 'object') return Array.isArray(v) ? 'array' : 'object';
  return typeof v;
}

/**
 * Two values of one object swapped, when they are of different kinds (a number and a string, a
 * date string and a number string…). Not swapped: two values of one kind (two prices: the answer
 * is well-formed, only the data differ) and null (a valid value of every nullable field).
 */
export function jsonSwapped(root: Json): fc.Arbitrary<Mutation> | null {
  const pairs: [Path, Path][] = [];
  for (const n of nodes(root)) {
    if (!isObject(n.value)) continue;
    const entries = Object.entries(n.value).filter(([, v]) => v !== null && typeof v !== 'object');
    for (let i = 0; i < entries.length; i++)
      for (let j = i + 1; j < entries.length; j++) {
        const [ka, va] = entries[i] ?? ['', null];
        const [kb, vb] = entries[j] ?? ['', null];
        const fa = formOfJson(va);
        const fb = formOfJson(vb);
        if (fa === fb || fa === 'string:null' || fb === 'string:null') continue;
        pairs.push([
          [...n.path, ka],
          [...n.path, kb],
        ]);
      }
  }
  if (pairs.length === 0) return null;
  return fc.constantFrom(...pairs).map(([a, b]) => {
    const copy = clone(root);
    const pa = at(copy, a.slice(0, -1));
    const ka = String(a.at(-1));
    const kb = String(b.at(-1));
    if (isObject(pa)) [pa[ka], pa[kb]] = [pa[kb] ?? null, pa[ka] ?? null];
    return mutation('swap', `values of ${where(a)} and ${where(b)} swapped`, write(copy));
  });
}

/** Values a number field may meet: huge, unsafe, fractional, negative, of another type. */
export const JSON_GARBAGE: Json[] = [
  1e300,
  -1e300,
  9007199254740991,
  8.64e15,
  1e13,
  -1,
  0.5,
  '12',
  'abc',
  '',
  true,
  {},
  [],
];

/** One number (anywhere in the answer) replaced by a garbage value. */
export function jsonGarbage(root: Json): fc.Arbitrary<Mutation> | null {
  const numbers = nodes(root).filter((n) => typeof n.value === 'number' && n.path.length > 0);
  if (numbers.length === 0) return null;
  return fc.tuple(fc.nat(numbers.length - 1), fc.constantFrom(...JSON_GARBAGE)).map(([i, junk]) => {
    const { path } = numbers[i] ?? { path: [] };
    const copy = clone(root);
    const parent = at(copy, path.slice(0, -1));
    const k = path.at(-1);
    if (Array.isArray(parent) && typeof k === 'number') parent[k] = junk;
    else if (isObject(parent) && typeof k === 'string') parent[k] = junk;
    return mutation('garbage', `${where(path)} = ${JSON.stringify(junk)}`, write(copy));
  });
}

/** The elements of one array of objects (rows) put in another order. */
export function jsonShuffled(root: Json): fc.Arbitrary<Mutation> | null {
  const arrays = nodes(root).filter(
    (n) => Array.isArray(n.value) && n.value.length >= 2 && n.value.every((e) => isObject(e)),
  );
  if (arrays.length === 0) return null;
  return fc.nat(arrays.length - 1).chain((i) => {
    const { path, value } = arrays[i] ?? { path: [], value: [] };
    const len = Array.isArray(value) ? value.length : 0;
    const idx = Array.from({ length: len }, (_, k) => k);
    return fc.shuffledSubarray(idx, { minLength: len, maxLength: len }).map((order) => {
      const copy = clone(root);
      const arr = at(copy, path);
      if (Array.isArray(arr)) {
        const before = [...arr];
        order.forEach((from, to) => (arr[to] = before[from] ?? null));
      }
      return mutation('shuffle', `${where(path)} in order ${order.join(',')}`, write(copy));
    });
  });
}

export function parseJsonSeed(body: Buffer): Json {
  return JSON.parse(body.toString('utf8')) as Json;
}

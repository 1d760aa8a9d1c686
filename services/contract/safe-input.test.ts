import { describe, expect, it } from 'vitest';
import { freeFormObject, inputShapeProblem, ownEntry } from './safe-input';

describe('inputShapeProblem', () => {
  it('accepts ordinary inputs', () => {
    expect(inputShapeProblem({ a: [1, { b: 'constructor' }], c: null })).toBeNull();
    expect(inputShapeProblem('x')).toBeNull();
  });

  it('names a prototype key at any level, parsed from JSON (an own "__proto__")', () => {
    expect(inputShapeProblem(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toEqual({
      path: 'a.__proto__',
      message: '"__proto__" is not allowed as a key',
    });
    expect(inputShapeProblem({ list: [{ constructor: 1 }] })?.path).toBe('list.0.constructor');
    expect(inputShapeProblem({ prototype: 1 })?.path).toBe('prototype');
  });

  it('refuses nesting past the limit without recursion (100 000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputShapeProblem({ m: deep })?.message).toBe('nested deeper than 32 levels');
    let ok: unknown = 1;
    for (let i = 0; i < 31; i++) ok = { a: ok };
    expect(inputShapeProblem(ok)).toBeNull();
  });
});

describe('freeFormObject and ownEntry', () => {
  const schema = freeFormObject({ maxDepth: 3, maxBytes: 50 });

  it('takes small JSON objects, refuses deep, large and non-JSON ones', () => {
    expect(schema.safeParse({ a: { b: 1 } }).success).toBe(true);
    expect(schema.safeParse({ a: { b: { c: { d: 1 } } } }).success).toBe(false);
    expect(schema.safeParse({ a: 'x'.repeat(100) }).success).toBe(false);
    expect(schema.safeParse({ a: () => 1 }).success).toBe(false);
  });

  it('looks up own entries only', () => {
    const table: Record<string, number> = { a: 1 };
    expect(ownEntry(table, 'a')).toBe(1);
    expect(ownEntry(table, 'constructor')).toBeUndefined();
    expect(ownEntry(table, '__proto__')).toBeUndefined();
  });
});

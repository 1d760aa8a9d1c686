import { z } from 'zod';

/** Keys that name an object's prototype machinery; never data. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep any input may nest (objects and arrays), whatever its schema. */
export const MAX_INPUT_DEPTH = 32;

export interface ShapeProblem {
  /** Where, as a dotted path (`metadata.a.b`). */
  path: string;
  message: string;
}

/**
 * The first structural problem of an input before any schema reads it: a prototype key at any
 * level, or nesting deeper than `maxDepth`. Walks with its own stack, so a 100 000-deep value is
 * refused without recursion (no "Maximum call stack size exceeded").
 */
export function inputShapeProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): ShapeProblem | null {
  const stack: Array<{ v: unknown; depth: number; path: string[] }> = [{ v: value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const where = path.join('.') || '(input)';
    if (depth >= maxDepth) return { path: where, message: `nested deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ v: v[i], depth: depth + 1, path: [...path, String(i)] });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (PROTOTYPE_KEYS.has(key))
        return { path: [...path, key].join('.'), message: `"${key}" is not allowed as a key` };
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1, path: [...path, key] });
    }
  }
  return null;
}

/**
 * A free-form JSON object field (jobs' `metadata`): plain JSON values only, no prototype keys, at
 * most `maxDepth` levels and `maxBytes` of JSON text.
 */
export function freeFormObject(opts: { maxDepth: number; maxBytes: number }) {
  return z.record(z.string(), z.json()).superRefine((v, ctx) => {
    const problem = inputShapeProblem(v, opts.maxDepth);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${problem.path}: ${problem.message}` });
      return;
    }
    if (JSON.stringify(v).length > opts.maxBytes)
      ctx.addIssue({ code: 'custom', message: `larger than ${opts.maxBytes} bytes of JSON` });
  });
}

/** `Object.hasOwn` lookup of a user-given name in a plain table (never the prototype's members). */
export function ownEntry<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

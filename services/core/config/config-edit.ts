import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../contract';
import {
  checkConfigText,
  configFile,
  describeIssues,
  type ConfigCheck,
  type ConfigContext,
} from './config-check';

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** A dotted key path (`sources.brapi.credentials.token`), each segment checked. */
export function parseKeyPath(key: string): string[] {
  const parts = key.split('.');
  for (const p of parts) {
    if (!p) throw new AppError('INVALID_INPUT', `key "${key}": empty segment`, { fields: ['key'] });
    if (FORBIDDEN_SEGMENTS.has(p))
      throw new AppError('INVALID_INPUT', `key "${key}": "${p}" is not a setting`, { fields: ['key'] });
  }
  return parts;
}

/** A command-line value: JSON when it parses as JSON (numbers, true, null, arrays, "quoted"), else the text. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `doc` with the value at `path` set (`undefined` removes it, and parents left empty). */
export function withValue(
  doc: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return doc;
  const out: Record<string, unknown> = { ...doc };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = Object.hasOwn(doc, head) ? doc[head] : undefined;
  if (child !== undefined && !isObj(child))
    throw new AppError('INVALID_INPUT', `key "${path.join('.')}": "${head}" holds a value, not settings`, {
      fields: ['key'],
    });
  const next = withValue(isObj(child) ? child : {}, rest, value);
  if (Object.keys(next).length === 0) delete out[head];
  else out[head] = next;
  return out;
}

/** Write the file through a temporary file renamed over it (never half-written), mode 0600. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(file), `.config.json.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface ConfigEdit {
  file: string;
  check: ConfigCheck;
}

/**
 * Set (or, with `undefined`, remove) one setting in `<data-dir>/config.json`: the whole result is
 * checked first and written only when valid; otherwise INVALID_CONFIG names each key path.
 */
export function editConfig(dataDir: string, key: string, value: unknown, ctx: ConfigContext): ConfigEdit {
  const path = parseKeyPath(key);
  const file = configFile(dataDir);
  let doc: Record<string, unknown> = {};
  if (existsSync(file)) {
    const current = checkConfigText(file, readFileSync(file, 'utf8'), ctx);
    if (current.errors.some((e) => e.path === '(file)'))
      throw new AppError(
        'INVALID_CONFIG',
        `${describeIssues(file, current.errors).join('; ')}: fix it by hand first`,
        {
          errors: current.errors,
        },
      );
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!isObj(parsed)) throw new AppError('INVALID_CONFIG', `${file}: expected an object of settings`);
    doc = parsed;
  }
  const text = `${JSON.stringify(withValue(doc, path, value), null, 2)}\n`;
  const check = checkConfigText(file, text, ctx);
  if (!check.valid)
    throw new AppError(
      'INVALID_CONFIG',
      `${check.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}; nothing was written`,
      {
        errors: check.errors,
        fields: check.errors.map((e) => e.path),
      },
    );
  writeFileAtomic(file, text);
  return { file, check };
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { cronErrors } from '../scheduler/cron-expr';
import { isValidTimeZone } from '../scheduler/zoned-time';
import { AppConfig, DEFAULT_CONFIG } from './app-config';

/** One problem, named by its key path in the file (`sources.cotahist.concurrency`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** What the checks need to know beyond the schema: the sources of this build and the shipped schedules. */
export interface ConfigContext {
  sources: ReadonlyArray<{ id: string; credentials: readonly string[] }>;
  /** Ids of the shipped schedules; null skips the check. */
  scheduleIds: ReadonlySet<string> | null;
}

export interface ConfigCheck {
  file: string;
  exists: boolean;
  valid: boolean;
  /** The parsed settings when valid (the defaults when the file does not exist). */
  config: AppConfig | null;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  /** sha256 of the bytes checked (null without a file): the watcher skips writes that change nothing. */
  hash: string | null;
}

export const configFile = (dataDir: string): string => join(dataDir, 'config.json');

/** Where a JSON syntax error is, without quoting the file (it may hold credentials). */
function jsonErrorWhere(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : '';
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return `line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(msg);
  const at = pos ? Number(pos[1]) : msg.includes('end of JSON') ? text.length : null;
  if (at === null) return 'somewhere in the file';
  const before = text.slice(0, at).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** zod issues → one issue per key path; nested key errors and unknown keys are named by their key. */
export function zodIssues(error: z.ZodError): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const walk = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): void => {
    for (const i of issues) {
      const path = [...prefix, ...i.path];
      if (i.code === 'unrecognized_keys') {
        for (const k of i.keys)
          out.push({ path: [...path, k].map(String).join('.'), message: 'unknown key' });
      } else if (i.code === 'invalid_key' && i.issues.length) {
        walk(i.issues, path);
      } else {
        out.push({ path: path.map(String).join('.') || '(file)', message: i.message });
      }
    }
  };
  walk(error.issues, []);
  return out;
}

function semanticChecks(
  config: AppConfig,
  ctx: ConfigContext,
): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const byId = new Map(ctx.sources.map((s) => [s.id, s]));
  for (const [id, s] of Object.entries(config.sources)) {
    const src = byId.get(id);
    if (!src) {
      warnings.push({
        path: `sources.${id}`,
        message: 'a known source that this build cannot run yet: kept, unused',
      });
      continue;
    }
    for (const name of Object.keys(s.credentials ?? {})) {
      if (!src.credentials.includes(name))
        warnings.push({
          path: `sources.${id}.credentials.${name}`,
          message: src.credentials.length
            ? `${id} does not use "${name}" (it takes ${src.credentials.join(', ')})`
            : `${id} takes no credentials`,
        });
    }
    if (s.baseUrl && s.credentials && Object.keys(s.credentials).length) {
      const u = new URL(s.baseUrl);
      if (u.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
        warnings.push({
          path: `sources.${id}.baseUrl`,
          message: 'plain http to another machine: the credentials would travel unencrypted',
        });
    }
  }
  for (const [id, s] of Object.entries(config.schedules)) {
    if (ctx.scheduleIds && !ctx.scheduleIds.has(id))
      errors.push({
        path: `schedules.${id}`,
        message: `unknown schedule id (shipped: ${[...ctx.scheduleIds].join(', ')})`,
      });
    if (s.cron !== undefined)
      for (const e of cronErrors(s.cron)) errors.push({ path: `schedules.${id}.cron`, message: e });
    if (s.timezone !== undefined && !isValidTimeZone(s.timezone))
      errors.push({ path: `schedules.${id}.timezone`, message: 'unknown IANA time zone' });
  }
  return { errors, warnings };
}

/** Check a config file's text (null: no file, the defaults). */
export function checkConfigText(file: string, text: string | null, ctx: ConfigContext): ConfigCheck {
  if (text === null)
    return { file, exists: false, valid: true, config: DEFAULT_CONFIG, errors: [], warnings: [], hash: null };
  const hash = createHash('sha256').update(text).digest('hex');
  const base = { file, exists: true, hash };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const error = { path: '(file)', message: `not valid JSON (${jsonErrorWhere(text, e)})` };
    return { ...base, valid: false, config: null, errors: [error], warnings: [] };
  }
  const parsed = AppConfig.safeParse(raw);
  if (!parsed.success)
    return { ...base, valid: false, config: null, errors: zodIssues(parsed.error), warnings: [] };
  const { errors, warnings } = semanticChecks(parsed.data, ctx);
  return {
    ...base,
    valid: errors.length === 0,
    config: errors.length ? null : parsed.data,
    errors,
    warnings,
  };
}

/** Read and check `<data-dir>/config.json`. */
export function checkConfigFile(dataDir: string, ctx: ConfigContext): ConfigCheck {
  const file = configFile(dataDir);
  let text: string | null = null;
  if (existsSync(file)) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
      return {
        file,
        exists: true,
        valid: false,
        config: null,
        errors: [{ path: '(file)', message: `cannot read the file (${code})` }],
        warnings: [],
        hash: null,
      };
    }
  }
  return checkConfigText(file, text, ctx);
}

/** One line per issue: `config.json: sources.x.concurrency: too small`. */
export const describeIssues = (file: string, issues: readonly ConfigIssue[]): string[] =>
  issues.map((i) => `${file}: ${i.path}: ${i.message}`);

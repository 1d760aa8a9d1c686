import { realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../contract/errors';
import { DEFAULT_MAX_UPLOAD_BYTES } from './uploads';

/**
 * `imports` in `<data-dir>/config.json`: the folders whose files API callers may name by path
 * (`import.cotahist` paths, `sources.ingest` file, a `cotahist` job's query), and the size cap of
 * an upload. Everything else reaches the app as an upload, or through the CLI, which reads the
 * user's files itself.
 */
export const ImportsSettings = z
  .strictObject({
    allowedDirs: z
      .array(z.string().min(1).max(4_000).refine(isAbsolute, 'an absolute folder path'))
      .max(32)
      .default([])
      .meta({ description: 'Folders whose files the API may import by path (absolute paths).' }),
    maxUploadBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .max(16 * 1024 * 1024 * 1024)
      .default(DEFAULT_MAX_UPLOAD_BYTES)
      .meta({ description: 'Largest file the UI (or a client) may upload, in bytes.' }),
  })
  .meta({ description: 'Files the API may read: import folders and the upload size cap.' });
export type ImportsSettings = z.infer<typeof ImportsSettings>;

export const DEFAULT_IMPORTS: ImportsSettings = { allowedDirs: [], maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES };

/** Who is calling: the process's own user (the CLI, tests) or another process (HTTP, the renderer). */
export type Caller = 'local' | 'remote';

/** The `imports` settings of a loaded config (defaults when absent or wrong). */
export function importsOf(config: unknown): ImportsSettings {
  const raw = (config as { imports?: unknown } | null | undefined)?.imports;
  const parsed = ImportsSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_IMPORTS;
}

const within = (dir: string, path: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

export interface PathPolicy {
  caller: Caller;
  dataDir: string;
  allowedDirs: readonly string[];
}

/**
 * The file a caller may read at `path`, or a typed refusal. The local user (CLI) reads anything it
 * can; other callers only files under an allow-listed import folder, checked before the file is
 * looked at (so a refusal says nothing about what exists) and again after symbolic links are
 * resolved, and never anything inside the data dir (tokens, keys, databases).
 */
export function checkUserPath(path: string, field: string, policy: PathPolicy): string {
  const lexical = resolve(path);
  if (policy.caller === 'local') return lexical;
  const refuse = (): AppError =>
    new AppError(
      'FORBIDDEN',
      `${field}: only files under an import folder can be named by path; upload the file, or add its folder to imports.allowedDirs in <data-dir>/config.json`,
      { fields: [field] },
    );
  const dirs = policy.allowedDirs.map((d) => resolve(d));
  if (!isAbsolute(path) || !dirs.some((d) => within(d, lexical))) throw refuse();
  const target = real(lexical);
  if (target === null)
    throw new AppError('FILE_NOT_FOUND', `${field}: no file at ${lexical}`, {
      file: lexical,
      fields: [field],
    });
  const dataDir = real(policy.dataDir) ?? resolve(policy.dataDir);
  const realDirs = dirs.map((d) => real(d) ?? d);
  if (within(dataDir, target) || !realDirs.some((d) => within(d, target))) throw refuse();
  return target;
}

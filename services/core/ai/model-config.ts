import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, describeZodError } from '../../contract';

/**
 * The configured model providers, `<data-dir>/ai/models.json` (no keys: those are in the key
 * store). Written by the API (Settings), read at each use, so a change applies at once.
 */
export const ModelConfigEntry = z.strictObject({
  id: z.string(),
  provider: z.enum(['openai', 'anthropic']),
  base_url: z.string(),
  model: z.string(),
  temperature: z.number().nullable(),
  max_tokens: z.number().int().nullable(),
  timeout_ms: z.number().int().nullable(),
  stream: z.boolean(),
  enabled: z.boolean(),
});
export type ModelConfigEntry = z.infer<typeof ModelConfigEntry>;

const ModelsFile = z.strictObject({
  version: z.literal(1),
  /** A configured model id, or `rules` (the offline writer). */
  default: z.string(),
  models: z.array(ModelConfigEntry),
});
export type ModelsFile = z.infer<typeof ModelsFile>;

export const RULES_MODEL_ID = 'rules';
const EMPTY: ModelsFile = { version: 1, default: RULES_MODEL_ID, models: [] };

export function aiDir(dataDir: string): string {
  return join(dataDir, 'ai');
}

function modelsPath(dataDir: string): string {
  return join(aiDir(dataDir), 'models.json');
}

export function readModelsFile(dataDir: string): ModelsFile {
  const file = modelsPath(dataDir);
  if (!existsSync(file)) return EMPTY;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError(
      'INVALID_INPUT',
      `${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const parsed = ModelsFile.safeParse(raw);
  if (!parsed.success)
    throw new AppError('INVALID_INPUT', `${file}: ${describeZodError(parsed.error).message}`);
  return parsed.data;
}

export function writeModelsFile(dataDir: string, data: ModelsFile): void {
  mkdirSync(aiDir(dataDir), { recursive: true, mode: 0o700 });
  const file = modelsPath(dataDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(ModelsFile.parse(data), null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

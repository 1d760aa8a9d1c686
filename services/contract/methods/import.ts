import { z } from 'zod';
import { defineMethod } from '../define';
import { CotahistMarkets, ImportSummary } from '../models';

/** A file sent by a client that cannot hand the core a path (a browser page, a sandboxed renderer). */
export const UploadedFile = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\]+$/, 'a file name without directories'),
  dataBase64: z.base64('file content must be base64'),
});

/** The id `POST /api/uploads` answers for a file it received (used once, within an hour). */
export const UploadId = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'an upload_id from POST /api/uploads',
  );

export const importCotahist = defineMethod({
  name: 'import.cotahist',
  summary:
    'Import B3 COTAHIST files (.TXT or .ZIP). Each file is committed whole or not at all; files are taken in order and the first failure stops the import.',
  http: { method: 'POST', path: '/api/import/cotahist' },
  input: z
    .object({
      /** Files under an import folder (config `imports.allowedDirs`); the CLI names any file. */
      paths: z.array(z.string().min(1).max(4_000)).max(100).default([]),
      /** Small files sent inline (the desktop app's IPC). */
      uploads: z.array(UploadedFile).max(100).default([]),
      /** Files streamed to `POST /api/uploads` first (the browser UI, any HTTP client). */
      upload_ids: z.array(UploadId).max(100).default([]),
      markets: CotahistMarkets.optional(),
    })
    .refine((v) => v.paths.length + v.uploads.length + v.upload_ids.length > 0, {
      message: 'give at least one file in paths, uploads or upload_ids',
      path: ['paths'],
    }),
  output: ImportSummary,
});

export const importMethods = { 'import.cotahist': importCotahist } as const;

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

export const importCotahist = defineMethod({
  name: 'import.cotahist',
  summary:
    'Import B3 COTAHIST files (.TXT or .ZIP). Each file is committed whole or not at all; files are taken in order and the first failure stops the import.',
  http: { method: 'POST', path: '/api/import/cotahist' },
  input: z
    .object({
      paths: z.array(z.string().min(1)).default([]),
      uploads: z.array(UploadedFile).default([]),
      markets: CotahistMarkets.optional(),
    })
    .refine((v) => v.paths.length + v.uploads.length > 0, {
      message: 'give at least one file in paths or uploads',
      path: ['paths'],
    }),
  output: ImportSummary,
});

export const importMethods = { 'import.cotahist': importCotahist } as const;

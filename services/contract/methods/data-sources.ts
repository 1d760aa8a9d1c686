import { z } from 'zod';
import { defineMethod } from '../define';
import { UploadedFile, UploadId } from './import';

const SourceName = z.string().trim().min(1);
const Model = z.string().trim().min(1, 'name a model, e.g. fundamentals');

export const sourcesIngest = defineMethod({
  name: 'sources.ingest',
  summary: "Parse a saved page or file with a source's parser and store it, with a vault snapshot.",
  http: { method: 'POST', path: '/api/sources/{source}/ingest' },
  input: z
    .object({
      source: SourceName,
      model: Model,
      /** A file under an import folder (config `imports.allowedDirs`); the CLI names any file. */
      file: z.string().trim().min(1).max(4_000).optional(),
      /** Or a file streamed to `POST /api/uploads` first (used once). */
      upload_id: UploadId.optional(),
      /** Or the file itself, inline (the desktop app's IPC; over HTTP the UI streams it to an upload_id). */
      upload: UploadedFile.optional(),
      ticker: z.string().trim().toUpperCase().max(20).optional(),
      /** Other query fields, as text (`year=2024&series=ITR`). */
      query: z.string().trim().max(2_000).optional(),
    })
    .refine((v) => [v.file, v.upload_id, v.upload].filter((x) => x !== undefined).length === 1, {
      message: 'give the file as file (a path), upload_id or upload, one of them',
      path: ['file'],
    }),
  output: z.object({
    source: z.string(),
    model: z.string(),
    query: z.string(),
    snapshot_id: z.number().int(),
    items: z.number().int(),
    stored: z.number().int(),
  }),
});

const Count = z.number().int();

export const sourcesReparse = defineMethod({
  name: 'sources.reparse',
  summary: "Re-run today's parser over a source's stored payloads; store the result and report what changed.",
  http: { method: 'POST', path: '/api/sources/{source}/reparse' },
  input: z.object({
    source: SourceName,
    model: Model.optional(),
    since: z.iso.date('expected YYYY-MM-DD').optional(),
  }),
  output: z.object({
    source: z.string(),
    model: z.string().nullable(),
    since: z.string().nullable(),
    snapshots: Count,
    unchanged: Count,
    changed: Count,
    fixed: Count,
    broken: Count,
    still_failing: Count,
    stored: Count,
    changes: z.array(
      z.object({
        snapshot_id: Count,
        model: z.string(),
        query: z.string(),
        fetched_at: z.string(),
        before: z.object({ status: z.string(), items: Count.nullable() }),
        after: z.object({ status: z.string(), items: Count.nullable(), message: z.string().optional() }),
        diff: z
          .object({
            added: Count,
            removed: Count,
            changed_fields: Count,
            examples: z.array(
              z.object({ item: z.string(), field: z.string(), before: z.unknown(), after: z.unknown() }),
            ),
          })
          .nullable(),
      }),
    ),
  }),
});

export const sourcesPrune = defineMethod({
  name: 'sources.prune',
  summary:
    'Apply the vault retention now: drop payloads older than the configured (or given) number of days.',
  http: { method: 'POST', path: '/api/sources/vault/prune' },
  input: z.object({ older_than_days: z.number().int().min(1).optional() }),
  output: z.object({ snapshots: Count, files: Count, retention_days: Count.nullable() }),
});

export const sourcesMethods = {
  'sources.ingest': sourcesIngest,
  'sources.reparse': sourcesReparse,
  'sources.prune': sourcesPrune,
} as const;

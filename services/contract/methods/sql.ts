import { z } from 'zod';
import { defineMethod } from '../define';

const Column = z.object({ name: z.string(), type: z.string() });

export const sqlQuery = defineMethod({
  name: 'sql.query',
  summary:
    'Run one read-only SQL statement (SELECT, WITH, VALUES, TABLE, EXPLAIN) on the analysis tables: a read-only transaction, a time limit and a row cap; errors carry PostgreSQL’s message and position.',
  http: { method: 'POST', path: '/api/sql' },
  input: z.object({
    sql: z.string().min(1, 'give a SQL statement').max(100_000, 'at most 100,000 characters'),
    /** Rows returned at most (default 1000). */
    limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  }),
  output: z.object({
    kind: z.enum(['query', 'explain']),
    columns: z.array(Column),
    /** One array per row, in column order; int8, numeric, dates and times as PostgreSQL's text. */
    rows: z.array(z.array(z.unknown())),
    row_count: z.number().int(),
    /** More rows than `limit`: only the first `limit` are here. */
    truncated: z.boolean(),
    elapsed_ms: z.number().int(),
    estimated_cost: z.number().nullable(),
  }),
});

export const sqlSchema = defineMethod({
  name: 'sql.schema',
  summary: 'The tables and columns the SQL console may read, and its limits.',
  http: { method: 'GET', path: '/api/sql/schema' },
  input: z.object({}),
  output: z.object({
    tables: z.array(z.object({ table: z.string(), columns: z.array(Column) })),
    limits: z.object({ max_rows: z.number().int(), timeout_ms: z.number().int(), max_cost: z.number() }),
  }),
});

export const sqlMethods = { 'sql.query': sqlQuery, 'sql.schema': sqlSchema } as const;

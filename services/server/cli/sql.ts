import { tableCsv } from '../../contract/csv';
import { withApi } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError } from './args';

export const sqlHelp = `Usage: b3ai sql "SELECT …" [--json | --csv] [--limit N] [--data-dir DIR]
       b3ai sql --schema [--json] [--data-dir DIR]

One read-only statement on the analysis tables (daily_bars, securities, fundamentals, news, …):
SELECT, WITH, VALUES, TABLE or EXPLAIN, in a read-only transaction with a time limit and a row
cap (--limit, default 1000; the answer says when rows were left out). Errors are PostgreSQL's,
with the position in the statement. Goes through "b3ai serve" when it runs on the data dir.
  --json     the answer as JSON (columns, rows, truncated, …)
  --csv      the rows as CSV (RFC 4180, a header line)
  --schema   the tables and columns the console can read`;

const CELL = 40;

function textTable(columns: string[], rows: unknown[][]): string {
  const show = (v: unknown): string => {
    const s = v === null ? 'NULL' : typeof v === 'string' ? v : JSON.stringify(v);
    const flat = s.replace(/\s+/g, ' ');
    return flat.length > CELL ? `${flat.slice(0, CELL - 1)}…` : flat;
  };
  const cells = rows.map((r) => r.map(show));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line)].join('\n');
}

export async function sqlCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    schema: { type: 'boolean' },
    limit: { type: 'string' },
    ...DATA_DIR_OPTION,
  });
  if (values.help) {
    console.log(sqlHelp);
    return 0;
  }
  if (values.json && values.csv) throw new UsageError('--json or --csv, not both');
  const dataDir = values['data-dir'] as string | undefined;
  if (values.schema) {
    if (positionals.length) throw new UsageError('--schema takes no statement');
    const out = await withApi(dataDir, (call) => call('sql.schema', {}));
    if (values.json) console.log(JSON.stringify(out));
    else
      for (const t of out.tables)
        console.log(`${t.table}: ${t.columns.map((c) => `${c.name} ${c.type}`).join(', ')}`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      'give one statement, quoted: b3ai sql "SELECT ticker, close FROM daily_bars LIMIT 5"',
    );
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 10_000))
    throw new UsageError('--limit: a whole number from 1 to 10000');
  const out = await withApi(dataDir, (call) =>
    call('sql.query', { sql: positionals[0]!, ...(limit !== undefined ? { limit } : {}) }),
  );
  const names = out.columns.map((c) => c.name);
  if (values.json) console.log(JSON.stringify(out));
  else if (values.csv) process.stdout.write(tableCsv(names, out.rows));
  else {
    console.log(textTable(names, out.rows));
    console.log(
      `(${out.row_count} row${out.row_count === 1 ? '' : 's'}${out.truncated ? `, more left out: raise --limit` : ''}; ${out.elapsed_ms} ms)`,
    );
  }
  if (out.truncated && !values.json)
    console.error(`b3ai sql: only the first ${out.row_count} rows (--limit)`);
  return 0;
}

import { resolve } from 'node:path';
import { z } from 'zod';
import { CotahistMarkets, DEFAULT_COTAHIST_MARKETS, type ImportSummary } from '../../contract';
import { call, withCore } from './run-core';
import { DATA_DIR_OPTION, parse, UsageError, validate } from './args';

export const importHelp = `Usage: b3ai import cotahist FILE... [--data-dir DIR] [--json] [--codbdi 02,12] [--tpmerc 010]

Import B3 historical-quotes files (COTAHIST_D*, _M*, _A*; .TXT or the .ZIP B3 publishes).
Each file is checked line by line and committed whole or not at all; the first failure stops.

Options:
  --data-dir DIR    where the databases live
  --json            print {files, records, imported, skipped, tickers, from, to}
  --codbdi LIST     BDI codes to keep (default ${DEFAULT_COTAHIST_MARKETS.codbdi.join(',')}: standard lots and FIIs)
  --tpmerc LIST     market types to keep (default ${DEFAULT_COTAHIST_MARKETS.tpmerc.join(',')}: cash market)
  -h, --help        show this help`;

const list = (v: string | boolean | undefined): string[] | undefined =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function human(s: ImportSummary): string {
  const range = s.from ? `${s.from} to ${s.to}` : 'no dates';
  return `Imported ${s.files} file(s): ${s.records} records read, ${s.imported} kept, ${s.skipped} skipped (other markets); ${s.tickers} tickers, ${range}.`;
}

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATA_DIR_OPTION,
    json: { type: 'boolean' },
    codbdi: { type: 'string' },
    tpmerc: { type: 'string' },
  });
  const [kind, ...files] = positionals;
  if (values.help) {
    console.log(importHelp);
    return 0;
  }
  if (kind !== 'cotahist')
    throw new UsageError(
      kind
        ? `unknown import kind "${kind}"; only "cotahist" exists`
        : 'say what to import: b3ai import cotahist FILE...',
    );
  if (files.length === 0) throw new UsageError('give at least one COTAHIST file');
  const markets =
    values.codbdi || values.tpmerc
      ? validate(CotahistMarkets, {
          codbdi: list(values.codbdi) ?? DEFAULT_COTAHIST_MARKETS.codbdi,
          tpmerc: list(values.tpmerc) ?? DEFAULT_COTAHIST_MARKETS.tpmerc,
        })
      : undefined;
  const json = validate(z.boolean(), values.json ?? false);
  const showProgress = !json && process.stderr.isTTY;
  const summary = await withCore(values['data-dir'] as string | undefined, async (core) => {
    const off = showProgress
      ? core.events.subscribe((name, p) => {
          if (name !== 'import.progressed') return;
          const e = p as { file: string; bytesRead: number; totalBytes: number; records: number };
          const pct = e.totalBytes ? Math.floor((100 * e.bytesRead) / e.totalBytes) : 0;
          process.stderr.write(`\r${e.file}: ${pct}% (${e.records} rows kept)   `);
        })
      : () => undefined;
    try {
      return await call(core, 'import.cotahist', {
        paths: files.map((f) => resolve(f)),
        ...(markets ? { markets } : {}),
      });
    } finally {
      off();
      if (showProgress) process.stderr.write('\n');
    }
  });
  console.log(json ? JSON.stringify(summary) : human(summary));
  return 0;
}

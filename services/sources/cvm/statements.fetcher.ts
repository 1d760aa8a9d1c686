import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { StatementItem } from '../models';
import type { SourceQuery } from '../query';
import { readZipEntries } from '../shared/zip';
import { deliveryKey, INDEX_FILE, parseDeliveryIndex } from './delivery-index';
import { parseStatementCsv, STATEMENT_FILE, statementFileName } from './statement-csv';

/** A yearly ITR ZIP is ~100 MB; its largest CSV a few hundred MB once inflated. */
const MAX_ZIP_BYTES = 600 * 1024 * 1024;
const MAX_ENTRY_BYTES = 500 * 1024 * 1024;
const latin1 = new TextDecoder('windows-1252');

function seriesOf(q: SourceQuery): 'DFP' | 'ITR' {
  const s = (q.series ?? 'DFP').toUpperCase();
  if (s !== 'DFP' && s !== 'ITR') {
    throw new SourceError('INVALID_INPUT', `cvm statements: series "${q.series}" is not DFP or ITR`, {
      fields: ['query.series'],
    });
  }
  return s;
}

/**
 * The yearly DFP/ITR ZIP → rows of its BPA, BPP, DRE, DFC_MD and DFC_MI files (consolidated and
 * individual). The files name no ticker, so every company of the year comes out.
 */
export async function parseStatementsZip(zip: Buffer, q: SourceQuery): Promise<StatementItem[]> {
  const series = seriesOf(q);
  const all = await readZipEntries(zip, (name) => STATEMENT_FILE.test(name) || INDEX_FILE.test(name), {
    maxEntryBytes: MAX_ENTRY_BYTES,
  });
  const index = all.find((e) => INDEX_FILE.test(e.name));
  const delivered = index ? parseDeliveryIndex(latin1.decode(index.data), index.name) : null;
  const entries = all.filter((e) => e !== index);
  if (entries.length === 0) {
    throw layoutChanged(`cvm ${series} ZIP: no *_BPA/BPP/DRE/DFC_MD/DFC_MI_con|ind_<year>.csv entry`);
  }
  const items: StatementItem[] = [];
  while (entries.length > 0) {
    const entry = entries.shift();
    if (!entry) break;
    const file = statementFileName(entry.name);
    if (!file || file.document !== series || (q.year !== undefined && file.year !== q.year)) {
      throw layoutChanged(`cvm ${series} ZIP for ${q.year ?? '?'} holds ${entry.name}`);
    }
    const rows = parseStatementCsv(latin1.decode(entry.data), entry.name);
    for (const row of rows) {
      // When the filing was public: from the ZIP's index (DT_RECEB); null when the ZIP has none.
      row.delivered_at = delivered?.get(deliveryKey(row.cvm_code, row.ref_date, row.version)) ?? null;
      items.push(row);
    }
  }
  return items;
}

const isZip = (b: Buffer): boolean => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/** The file name at the end of a URL (`file:///…/dfp_cia_aberta_DRE_con_2022.csv`), decoded. */
function fileNameOf(url: string): string {
  const last = url.split(/[?#]/)[0]?.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * One statement CSV as CVM publishes it (inside the yearly ZIP, or unpacked by the user): its
 * published name says which statement, consolidated or individual, the series and the year. A
 * series or year in the query must agree with it. No filing index: `delivered_at` stays null.
 */
export function parseStatementsCsvFile(body: Buffer, name: string, q: SourceQuery): StatementItem[] {
  const file = statementFileName(name);
  if (!file) throw layoutChanged(`cvm statements: ${name} is not a statement CSV name`);
  if (q.series !== undefined && q.series.toUpperCase() !== file.document)
    throw new SourceError('INVALID_INPUT', `cvm statements: ${name} is ${file.document}, not ${q.series}`, {
      fields: ['query.series'],
    });
  if (q.year !== undefined && q.year !== file.year)
    throw new SourceError('INVALID_INPUT', `cvm statements: ${name} is for ${file.year}, not ${q.year}`, {
      fields: ['query.year'],
    });
  return parseStatementCsv(latin1.decode(body), name);
}

/** The yearly ZIP, or one of its CSV files under its published name. */
export async function parseStatementsPayload(
  body: Buffer,
  url: string,
  q: SourceQuery,
): Promise<StatementItem[]> {
  if (isZip(body)) return parseStatementsZip(body, q);
  const name = fileNameOf(url);
  if (statementFileName(name)) return parseStatementsCsvFile(body, name, q);
  throw layoutChanged(
    `cvm statements: ${name || 'the payload'} is neither the yearly DFP/ITR ZIP nor one of its CSV files under its published name (e.g. dfp_cia_aberta_DRE_con_2023.csv)`,
  );
}

export const statementsFetcher = defineFetcher({
  model: 'statements',
  parserVersion: 3,
  primary: 'year',
  required: ['year'],
  request(q, ctx) {
    const series = seriesOf(q);
    if (q.year === undefined)
      throw new SourceError('INVALID_INPUT', 'cvm statements: a year is required', {
        fields: ['query.year'],
      });
    const lower = series.toLowerCase();
    return {
      url: `${ctx.baseUrl}/dados/CIA_ABERTA/DOC/${series}/DADOS/${lower}_cia_aberta_${q.year}.zip`,
      encoding: 'latin1',
      maxBytes: MAX_ZIP_BYTES,
    };
  },
  transform(raw, q) {
    return parseStatementsPayload(raw.body, raw.url, q);
  },
  fromFileName(name) {
    const file = statementFileName(name);
    return file ? { series: file.document, year: file.year } : {};
  },
});

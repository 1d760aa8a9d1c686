import { layoutChanged } from '../errors';
import type { StatementItem } from '../models';
import { parseDelimited } from '../shared/csv';
import { cnpjCell, cvmCode, isIsoDate, uniqueColumns } from './cvm-format';

/** `dfp_cia_aberta_DRE_con_2022.csv`, `itr_cia_aberta_DFC_MI_ind_2023.csv` (folders ignored). */
export const STATEMENT_FILE =
  /(?:^|\/)(dfp|itr)_cia_aberta_(BPA|BPP|DRE|DFC_MD|DFC_MI)_(con|ind)_(\d{4})\.csv$/i;

export interface StatementFileName {
  document: 'DFP' | 'ITR';
  statement: string;
  consolidated: boolean;
  year: number;
}

export function statementFileName(fileName: string): StatementFileName | null {
  const m = STATEMENT_FILE.exec(fileName);
  if (!m) return null;
  return {
    document: m[1]?.toUpperCase() === 'ITR' ? 'ITR' : 'DFP',
    statement: (m[2] ?? '').toUpperCase(),
    consolidated: m[3]?.toLowerCase() === 'con',
    year: Number(m[4]),
  };
}

const BASE_COLUMNS = [
  'CNPJ_CIA',
  'DT_REFER',
  'VERSAO',
  'DENOM_CIA',
  'CD_CVM',
  'MOEDA',
  'ESCALA_MOEDA',
  'ORDEM_EXERC',
  'DT_FIM_EXERC',
  'CD_CONTA',
  'DS_CONTA',
  'VL_CONTA',
] as const;

const SCALE: Record<string, number> = { UNIDADE: 1, MIL: 1000 };
const ORDER: Record<string, 'ULTIMO' | 'PENULTIMO'> = {
  ÚLTIMO: 'ULTIMO',
  PENÚLTIMO: 'PENULTIMO',
  ULTIMO: 'ULTIMO',
  PENULTIMO: 'PENULTIMO',
};
const DOT_NUMBER = /^-?\d+(?:\.\d+)?$/;
/** "3", "3.01", "3.99.01.01". */
const ACCOUNT_CODE = /^\d+(?:\.\d+)*$/;

/** VL_CONTA × scale; integers stay exact, fractions are cut to 6 places (no float noise). */
function scaled(v: number, factor: number): number {
  if (factor === 1 || Number.isInteger(v)) return v * factor;
  return Number((v * factor).toFixed(6));
}

/**
 * One CVM DFP/ITR statement CSV (`;`, no quoting in practice, already decoded from latin-1) →
 * statement rows. Every restatement (VERSAO) is its own row. The DRE's earnings-per-share lines
 * (account 3.99…, "Reais / Ação") are per share and are not multiplied by ESCALA_MOEDA.
 */
export function parseStatementCsv(text: string, fileName: string): StatementItem[] {
  const file = statementFileName(fileName);
  if (!file) throw layoutChanged(`cvm statements: "${fileName}" is not a BPA/BPP/DRE/DFC file name`);
  const what = `cvm ${fileName}`;
  const firstEnd = text.indexOf('\n');
  const headerLine = (firstEnd < 0 ? text : text.slice(0, firstEnd)).replace(/\r$/, '');
  const header = headerLine.split(';').map((h) => h.trim());
  uniqueColumns(header, what);
  const col = new Map(header.map((h, i) => [h, i]));
  const needsStart = file.statement !== 'BPA' && file.statement !== 'BPP';
  const required = needsStart ? [...BASE_COLUMNS, 'DT_INI_EXERC'] : [...BASE_COLUMNS];
  const missing = required.filter((c) => !col.has(c));
  if (missing.length > 0) throw layoutChanged(`${what}: columns missing: ${missing.join(', ')}`);
  const at = (name: string): number => col.get(name) ?? -1;
  const [iCnpj, iRef, iVer, iName, iCvm, iMoeda, iScale, iOrder, iEnd, iCode, iDesc, iValue] =
    BASE_COLUMNS.map(at);
  const iStart = at('DT_INI_EXERC');
  const iFixed = at('ST_CONTA_FIXA');
  const perShare = file.statement === 'DRE';

  // CVM's files end with a line break; a last row without one may be cut inside its last cell
  // (ST_CONTA_FIXA "S" → "") and would still have every cell.
  if (firstEnd >= 0 && !/\n\s*$/.test(text) && text.slice(firstEnd + 1).trim() !== '') {
    throw layoutChanged(`${what}: the file does not end with a line break (cut short)`);
  }
  const items: StatementItem[] = [];
  let pos = firstEnd < 0 ? text.length : firstEnd + 1;
  let lineNo = 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') continue;
    const cells = line.includes('"') ? (parseDelimited(line, ';')[0] ?? []) : line.split(';');
    if (cells.length !== header.length) {
      throw layoutChanged(`${what} line ${lineNo}: ${cells.length} cells, the header has ${header.length}`);
    }
    const cell = (i: number | undefined): string => (i === undefined || i < 0 ? '' : (cells[i] ?? ''));
    const where = `${what} line ${lineNo}`;
    const moeda = cell(iMoeda);
    if (moeda !== 'REAL') throw layoutChanged(`${where}: MOEDA is not REAL (the only one known)`);
    const factor = Object.hasOwn(SCALE, cell(iScale)) ? SCALE[cell(iScale)] : undefined;
    if (factor === undefined) throw layoutChanged(`${where}: ESCALA_MOEDA is not UNIDADE or MIL`);
    const order = Object.hasOwn(ORDER, cell(iOrder)) ? ORDER[cell(iOrder)] : undefined;
    if (order === undefined) throw layoutChanged(`${where}: ORDEM_EXERC is not ÚLTIMO or PENÚLTIMO`);
    const rawValue = cell(iValue);
    if (!DOT_NUMBER.test(rawValue)) throw layoutChanged(`${where}: VL_CONTA is not a number`);
    // Digits only: Number() would also take "0x1F", " 1", "1e1".
    if (!/^\d{1,9}$/.test(cell(iVer))) throw layoutChanged(`${where}: VERSAO is not an integer`);
    const version = Number(cell(iVer));
    const refDate = cell(iRef);
    const endDate = cell(iEnd);
    const startDate = cell(iStart);
    if (!isIsoDate(refDate) || !isIsoDate(endDate) || (startDate !== '' && !isIsoDate(startDate))) {
      throw layoutChanged(`${where}: DT_REFER/DT_INI_EXERC/DT_FIM_EXERC not YYYY-MM-DD`);
    }
    const fixed = cell(iFixed);
    if (fixed !== 'S' && fixed !== 'N' && fixed !== '')
      throw layoutChanged(`${where}: ST_CONTA_FIXA is not S or N`);
    const code = cell(iCode);
    const cnpj = cnpjCell(cell(iCnpj), where);
    const company = cell(iName).trim();
    if (!ACCOUNT_CODE.test(code)) throw layoutChanged(`${where}: CD_CONTA is not an account code`);
    if (company === '') throw layoutChanged(`${where}: DENOM_CIA is empty`);
    const unscaled = perShare && (code === '3.99' || code.startsWith('3.99.'));
    items.push({
      cvm_code: cvmCode(cell(iCvm), where),
      cnpj,
      company,
      document: file.document,
      statement: file.statement,
      consolidated: file.consolidated,
      ref_date: refDate,
      version,
      fiscal_order: order,
      period_start: startDate === '' ? null : startDate,
      period_end: endDate,
      account_code: code,
      account_name: cell(iDesc).trim(),
      value: scaled(Number(rawValue), unscaled ? 1 : factor),
      fixed_account: fixed === '' ? null : fixed === 'S',
      delivered_at: null,
    });
  }
  return items;
}

import { layoutChanged } from '../errors';
import { cvmCode, isoDateCell, uniqueColumns } from './cvm-format';

/**
 * The filing index in each DFP/ITR ZIP (`dfp_cia_aberta_<year>.csv`): one row per delivered
 * document, with its receipt date (DT_RECEB), so analysis can count a filing only from the day it
 * was public. Keyed `cvm_code|DT_REFER|VERSAO`.
 */
export const INDEX_FILE = /^(dfp|itr)_cia_aberta_\d{4}\.csv$/i;
const REQUIRED = ['CD_CVM', 'DT_REFER', 'VERSAO', 'DT_RECEB'] as const;

export function deliveryKey(cvm: string, refDate: string, version: number): string {
  return `${cvm}|${refDate}|${version}`;
}

export function parseDeliveryIndex(text: string, fileName: string): Map<string, string> {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(';').map((h) => h.trim());
  uniqueColumns(header, fileName);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw layoutChanged(`${fileName}: missing column(s) ${missing.join(', ')}`);
  const at = (c: (typeof REQUIRED)[number]): number => header.indexOf(c);
  const out = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const cells = line.split(';');
    if (cells.length !== header.length)
      throw layoutChanged(`${fileName} line ${i + 1}: ${cells.length} cells, header has ${header.length}`);
    const where = `${fileName} line ${i + 1}`;
    const version = cells[at('VERSAO')] ?? '';
    if (!/^\d+$/.test(version)) throw layoutChanged(`${where}: VERSAO is not a number`);
    const ref = isoDateCell(cells[at('DT_REFER')], where);
    const received = isoDateCell(cells[at('DT_RECEB')], where);
    if (!ref || !received) throw layoutChanged(`${where}: DT_REFER and DT_RECEB are required`);
    out.set(deliveryKey(cvmCode(cells[at('CD_CVM')] ?? '', where), ref, Number(version)), received);
  }
  return out;
}

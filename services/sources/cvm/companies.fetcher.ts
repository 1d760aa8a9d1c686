import { defineFetcher } from '../define';
import { layoutChanged } from '../errors';
import type { CompanyItem } from '../models';
import { readTable } from '../shared/csv';
import { cnpjCell, cvmCode, isoDateCell, textCell, uniqueColumns } from './cvm-format';

const REQUIRED = [
  'CNPJ_CIA',
  'DENOM_SOCIAL',
  'DENOM_COMERC',
  'DT_REG',
  'DT_CANCEL',
  'SIT',
  'CD_CVM',
  'SETOR_ATIV',
  'CATEG_REG',
  'CONTROLE_ACIONARIO',
] as const;

const orNull = (t: string): string | null => (t === '' ? null : t);

function sameCompany(a: CompanyItem, b: CompanyItem): boolean {
  return (Object.keys(a) as (keyof CompanyItem)[]).every((k) => a[k] === b[k]);
}

/**
 * CVM's cadastro of listed companies (cad_cia_aberta.csv). It has one row per company and market
 * (TP_MERC BOLSA / BALCÃO ORGANIZADO), so a company can appear twice with the same data: it comes
 * out once. Two rows for one CD_CVM that disagree on the fields we keep are refused.
 */
export function parseCadCiaAberta(text: string): CompanyItem[] {
  const table = readTable(text, REQUIRED, ';');
  if (table.header.length < 2) {
    throw layoutChanged('cvm cad_cia_aberta: not the CSV file (no CNPJ_CIA;DENOM_SOCIAL;… header on line 1)');
  }
  if (table.missing.length > 0)
    throw layoutChanged(`cvm cad_cia_aberta: columns missing: ${table.missing.join(', ')}`);
  uniqueColumns(table.header, 'cvm cad_cia_aberta');
  if (table.shortRows.length > 0) {
    throw layoutChanged(
      `cvm cad_cia_aberta: line ${table.shortRows[0]} does not have the header's ${table.header.length} cells`,
    );
  }
  const byCode = new Map<string, CompanyItem>();
  for (const [i, row] of table.rows.entries()) {
    const where = `cvm cad_cia_aberta line ${i + 2}`;
    const text = (col: (typeof REQUIRED)[number]): string => textCell(row[col], `${where} ${col}`);
    const cnpj = cnpjCell(row['CNPJ_CIA'], where);
    const name = text('DENOM_SOCIAL');
    const status = text('SIT');
    if (!name || !status) throw layoutChanged(`${where}: DENOM_SOCIAL or SIT is empty`);
    const item: CompanyItem = {
      cvm_code: cvmCode(row['CD_CVM'] ?? '', where),
      cnpj,
      name,
      trading_name: orNull(text('DENOM_COMERC')),
      status,
      sector: orNull(text('SETOR_ATIV')),
      registered_at: isoDateCell(row['DT_REG'], `${where} DT_REG`),
      cancelled_at: isoDateCell(row['DT_CANCEL'], `${where} DT_CANCEL`),
      category: orNull(text('CATEG_REG')),
      controller_kind: orNull(text('CONTROLE_ACIONARIO')),
    };
    const before = byCode.get(item.cvm_code);
    if (before && !sameCompany(before, item)) {
      throw layoutChanged(`${where}: CD_CVM ${item.cvm_code} appears twice with different data`);
    }
    byCode.set(item.cvm_code, item);
  }
  return [...byCode.values()];
}

export const companiesFetcher = defineFetcher({
  model: 'companies',
  parserVersion: 2,
  primary: 'ticker',
  required: [],
  request(_q, ctx) {
    return { url: `${ctx.baseUrl}/dados/CIA_ABERTA/CAD/DADOS/cad_cia_aberta.csv`, encoding: 'latin1' };
  },
  transform(raw) {
    return parseCadCiaAberta(raw.text());
  },
});

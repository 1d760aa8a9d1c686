// cad_cia_aberta.csv is a real capture of CVM's cadastro (shared fixtures, May 2023).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { SourceError } from '../errors';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { companiesFetcher, parseCadCiaAberta } from './companies.fetcher';
import source from './index';

const CAD_PATH = fixture('cvm', 'cad_cia_aberta.csv');
const CAD = new TextDecoder('windows-1252').decode(readFileSync(CAD_PATH));
const URL_ = 'https://dados.cvm.gov.br/dados/CIA_ABERTA/CAD/DADOS/cad_cia_aberta.csv';
const ctx = { baseUrl: 'https://dados.cvm.gov.br', credentials: {}, now: new Date('2023-05-01T12:00:00Z') };

function codeOf(text: string): string {
  try {
    parseCadCiaAberta(text);
  } catch (e) {
    return e instanceof SourceError ? e.sourceCode : `UNTYPED ${String(e)}`;
  }
  return 'OK';
}

describe('cvm companies (cad_cia_aberta.csv)', () => {
  it('requests the cadastro file as latin-1', () => {
    expect(companiesFetcher.request({}, ctx)).toEqual({ url: URL_, encoding: 'latin1' });
    expect(source.info.id).toBe('cvm');
    expect(source.fetchers.companies).toBe(companiesFetcher);
  });

  it('reads every company of the real file once (2572 rows, 2478 CD_CVM: one row per market)', async () => {
    const raw = rawFromFile(readFileSync(CAD_PATH), URL_, 'latin1');
    const items = await runTransform('cvm', companiesFetcher, raw, {});
    expect(items).toHaveLength(2478);
    for (const item of items) MODEL_SCHEMAS.companies.parse(item);
    const by = new Map(items.map((i) => [i.cvm_code, i]));
    expect(by.get('9512')).toEqual({
      cvm_code: '9512',
      cnpj: '33.000.167/0001-01',
      name: 'PETRÓLEO BRASILEIRO  S.A.  - PETROBRAS',
      trading_name: 'PETROBRAS',
      status: 'ATIVO',
      sector: 'Petróleo e Gás',
      registered_at: '1977-07-20',
      cancelled_at: null,
      category: 'Categoria A',
      controller_kind: 'ESTATAL HOLDING',
    });
    expect(by.get('4170')).toMatchObject({
      cnpj: '33.592.510/0001-54',
      name: 'VALE S.A.',
      sector: 'Extração Mineral',
      registered_at: '1970-01-02',
      controller_kind: 'PRIVADO',
    });
    expect(by.get('5410')).toMatchObject({
      cnpj: '84.429.695/0001-11',
      name: 'WEG SA',
      status: 'ATIVO',
      sector: 'Emp. Adm. Part. - Máqs., Equip., Veíc. e Peças',
      controller_kind: 'PRIVADO HOLDING',
    });
    // A cancelled company, with a quote inside an (unquoted) address cell on its line.
    expect(by.get('13935')).toMatchObject({
      name: 'BB-LEASING SA ARRENDAMENTO MERCANTIL',
      status: 'CANCELADA',
      cancelled_at: '2006-09-11',
      category: null,
    });
  });

  it('refuses renamed columns, truncated rows, bad dates and conflicting duplicates', () => {
    expect(codeOf(CAD.replace(';SETOR_ATIV;', ';SETOR;'))).toBe('LAYOUT_CHANGED');
    expect(codeOf(CAD.slice(0, CAD.length - 200))).toBe('LAYOUT_CHANGED');
    expect(codeOf(CAD.replace(';PETROBRAS;1977-07-20;', ';PETROBRAS;20/07/1977;'))).toBe('LAYOUT_CHANGED');
    const lines = CAD.split('\r\n');
    const petro = lines.filter((l) => l.includes(';9512;'));
    expect(petro).toHaveLength(2);
    const conflicting = CAD.replace(
      petro[1] ?? '',
      (petro[1] ?? '').replace(';ESTATAL HOLDING;', ';PRIVADO;'),
    );
    expect(codeOf(conflicting)).toBe('LAYOUT_CHANGED');
    expect(codeOf(CAD.replace(';9512;', ';95A2;'))).toBe('LAYOUT_CHANGED');
    expect(codeOf('<html><body>Manutenção</body></html>')).toBe('LAYOUT_CHANGED');
    expect(codeOf('')).toBe('LAYOUT_CHANGED');
  });

  it('returns [] for the header alone', () => {
    expect(parseCadCiaAberta(CAD.slice(0, CAD.indexOf('\r\n') + 2))).toEqual([]);
  });
});

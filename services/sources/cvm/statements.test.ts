// dfp_cia_aberta_DRE_con_2022.csv is a real capture (shared fixtures). The BPA file in ./fixtures
// (dfp_cia_aberta_BPA_con_2022.own-sample.csv) is our own, shaped after CVM's layout; not a capture.
// The ZIP archives are built in the test with yazl.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../test-support';
import { fixture } from '../../../test/helpers/fixtures';
import { SourceError } from '../errors';
import { MODEL_SCHEMAS } from '../models';
import type { SourceQuery } from '../query';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import source from './index';
import { parseStatementCsv } from './statement-csv';
import { statementsFetcher } from './statements.fetcher';

const DRE_BYTES = readFileSync(fixture('cvm', 'dfp_cia_aberta_DRE_con_2022.csv'));
const DRE = new TextDecoder('windows-1252').decode(DRE_BYTES);
const DRE_NAME = 'dfp_cia_aberta_DRE_con_2022.csv';
const BPA_BYTES = readFileSync(
  fileURLToPath(new URL('./fixtures/dfp_cia_aberta_BPA_con_2022.own-sample.csv', import.meta.url)),
);
const ZIP_URL = 'https://dados.cvm.gov.br/dados/CIA_ABERTA/DOC/DFP/DADOS/dfp_cia_aberta_2022.zip';
const ctx = { baseUrl: 'https://dados.cvm.gov.br', credentials: {}, now: new Date('2023-05-01T12:00:00Z') };

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (e) {
    return e instanceof SourceError ? e.sourceCode : `UNTYPED ${String(e)}`;
  }
  return 'OK';
}

const csvCode = (text: string, name = DRE_NAME): Promise<string> =>
  codeOf(() => parseStatementCsv(text, name));

describe('cvm statements: parseStatementCsv on the real DRE file', () => {
  const rows = parseStatementCsv(DRE, DRE_NAME);

  it('reads all 844 rows, each fitting the model', () => {
    expect(rows).toHaveLength(844);
    for (const row of rows) MODEL_SCHEMAS.statements.parse(row);
    expect(new Set(rows.map((r) => r.statement))).toEqual(new Set(['DRE']));
    expect(rows.every((r) => r.document === 'DFP' && r.consolidated)).toBe(true);
  });

  it('scales VL_CONTA by ESCALA_MOEDA (Camil revenue, MIL; Pettenati, UNIDADE)', () => {
    const camil = rows.filter((r) => r.cvm_code === '24228' && r.account_code === '3.01');
    expect(camil).toEqual([
      {
        cvm_code: '24228',
        cnpj: '64.904.295/0001-03',
        company: 'CAMIL ALIMENTOS S.A.',
        document: 'DFP',
        statement: 'DRE',
        consolidated: true,
        ref_date: '2022-02-28',
        version: 2,
        fiscal_order: 'PENULTIMO',
        period_start: '2020-03-01',
        period_end: '2021-02-28',
        account_code: '3.01',
        account_name: 'Receita de Venda de Bens e/ou Serviços',
        value: 7_465_979_000,
        fixed_account: true,
        delivered_at: null,
      },
      expect.objectContaining({ fiscal_order: 'ULTIMO', period_start: '2021-03-01', value: 9_015_855_000 }),
    ]);
    const pettenati = rows.find(
      (r) => r.cvm_code === '9539' && r.account_code === '3.01' && r.fiscal_order === 'ULTIMO',
    );
    expect(pettenati?.value).toBe(844_013_027);
  });

  it('leaves earnings per share (3.99…, R$ per share) unscaled', () => {
    const eps = rows.find(
      (r) => r.cvm_code === '24228' && r.account_code === '3.99.01.01' && r.fiscal_order === 'ULTIMO',
    );
    expect(eps?.value).toBe(1.3156);
    expect(eps?.fixed_account).toBe(false);
  });

  it('keeps restatements as distinct rows (VERSAO)', () => {
    expect(new Set(rows.map((r) => r.version))).toEqual(new Set([1, 2, 3]));
  });

  it('refuses renamed columns, short rows, unknown scales/orders and bad values', async () => {
    expect(await csvCode(DRE.replace(';VL_CONTA;', ';VALOR;'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE.replace(';DT_INI_EXERC;', ';DT_INICIO;'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE.slice(0, DRE.length - 30))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE.replace(';REAL;MIL;', ';REAL;MILHAO;'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE.replace(';REAL;MIL;', ';DOLAR;MIL;'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE.replace(';ÚLTIMO;', ';ATUAL;'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE.replace(';1977997.0000000000;', ';1.977.997,00;'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE.replace(';2022-03-31;', ';31/03/2022;'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode(DRE, 'dfp_cia_aberta_DMPL_con_2022.csv')).toBe('LAYOUT_CHANGED');
    // The same bytes read as UTF-8 garble "ÚLTIMO": refused, not guessed.
    expect(await csvCode(DRE_BYTES.toString('utf8'))).toBe('LAYOUT_CHANGED');
    expect(await csvCode('')).toBe('LAYOUT_CHANGED');
  });

  it('returns [] for a header alone', () => {
    expect(parseStatementCsv(DRE.slice(0, DRE.indexOf('\n') + 1), DRE_NAME)).toEqual([]);
  });
});

describe('cvm statements fetcher (yearly ZIP)', () => {
  it('builds the DFP (default) and ITR URLs; refuses another series', async () => {
    expect(statementsFetcher.request({ year: 2022 }, ctx).url).toBe(ZIP_URL);
    expect(statementsFetcher.request({ year: 2023, series: 'itr' }, ctx).url).toBe(
      'https://dados.cvm.gov.br/dados/CIA_ABERTA/DOC/ITR/DADOS/itr_cia_aberta_2023.zip',
    );
    expect(await codeOf(() => statementsFetcher.request({ year: 2022, series: 'FRE' }, ctx))).toBe(
      'INVALID_INPUT',
    );
    expect(source.fetchers.statements).toBe(statementsFetcher);
  });

  it('reads the accepted entries of the archive (real DRE + own BPA), skipping the rest', async () => {
    const zip = await makeZip([
      ['dfp_cia_aberta_2022.csv', Buffer.from('CNPJ_CIA;DT_REFER;VERSAO;CD_CVM;DT_RECEB\n', 'latin1')],
      [DRE_NAME, DRE_BYTES],
      ['dfp_cia_aberta_BPA_con_2022.csv', BPA_BYTES],
      ['dfp_cia_aberta_DMPL_con_2022.csv', Buffer.from('not read', 'latin1')],
    ]);
    const q: SourceQuery = { year: 2022 };
    const items = await runTransform('cvm', statementsFetcher, rawFromFile(zip, ZIP_URL, 'latin1'), q);
    expect(items).toHaveLength(844 + 5);
    const bpa = items.filter((i) => i.statement === 'BPA');
    expect(bpa.every((i) => i.period_start === null && i.consolidated && i.document === 'DFP')).toBe(true);
    const total = bpa.filter(
      (i) => i.cvm_code === '24228' && i.account_code === '1' && i.fiscal_order === 'ULTIMO',
    );
    // Version 1 and its restatement (version 2) are both kept.
    expect(total.map((i) => [i.version, i.value])).toEqual([
      [1, 1_500_000],
      [2, 1_600_000],
    ]);
    expect(bpa.find((i) => i.account_code === '1.01')?.value).toBe(600_500);
    expect(bpa.find((i) => i.cvm_code === '9539')).toMatchObject({
      value: 12_345_678,
      fixed_account: false,
      period_end: '2022-06-30',
    });
    expect(
      items.find((i) => i.cvm_code === '24228' && i.account_code === '3.01' && i.fiscal_order === 'ULTIMO')
        ?.value,
    ).toBe(9_015_855_000);
  });

  it('dates each line with the filing index (DT_RECEB) when the archive has one', async () => {
    // Our own minimal index (no capture of dfp_cia_aberta_2022.csv here), in CVM's documented columns.
    const index = [
      'CNPJ_CIA;DT_REFER;VERSAO;DENOM_CIA;CD_CVM;CATEG_DOC;ID_DOC;DT_RECEB;LINK_DOC',
      '64.904.295/0001-03;2022-02-28;2;CAMIL ALIMENTOS S.A.;024228;DFP;115000;2022-05-20;https://x',
    ].join('\n');
    const zip = await makeZip([
      [DRE_NAME, DRE_BYTES],
      ['dfp_cia_aberta_2022.csv', Buffer.from(index, 'latin1')],
    ]);
    const items = await statementsFetcher.transform(rawFromFile(zip, ZIP_URL, 'latin1'), { year: 2022 });
    const camil = items.filter(
      (x) => x.cvm_code === '24228' && x.version === 2 && x.ref_date === '2022-02-28',
    );
    expect(camil.length).toBeGreaterThan(0);
    expect(new Set(camil.map((x) => x.delivered_at))).toEqual(new Set(['2022-05-20']));
    expect(items.filter((x) => x.cvm_code !== '24228').every((x) => x.delivered_at === null)).toBe(true);
    const broken = await makeZip([
      [DRE_NAME, DRE_BYTES],
      ['dfp_cia_aberta_2022.csv', Buffer.from('CD_CVM;DT_REFER;VERSAO\n024228;2022-02-28;2', 'latin1')],
    ]);
    await expect(
      statementsFetcher.transform(rawFromFile(broken, ZIP_URL, 'latin1'), { year: 2022 }),
    ).rejects.toThrow(/missing column\(s\) DT_RECEB/);
  });

  it('refuses an archive without the expected entries, of another series or year, and a non-ZIP', async () => {
    const none = await makeZip([['dfp_cia_aberta_2022.csv', Buffer.from('x')]]);
    const run = (body: Buffer, q: SourceQuery) => () =>
      statementsFetcher.transform(rawFromFile(body, ZIP_URL), q);
    expect(await codeOf(run(none, { year: 2022 }))).toBe('LAYOUT_CHANGED');
    const dre = await makeZip([[DRE_NAME, DRE_BYTES]]);
    expect(await codeOf(run(dre, { year: 2022, series: 'ITR' }))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(run(dre, { year: 2021 }))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(run(Buffer.from('<html>Erro 404</html>'), { year: 2022 }))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(run(dre.subarray(0, dre.length - 10), { year: 2022 }))).toBe('LAYOUT_CHANGED');
  });
});

describe('cvm statements fetcher (one CSV as published)', () => {
  const CSV_URL = 'file:///home/user/Downloads/dfp_cia_aberta_DRE_con_2022.csv';
  const raw = (url = CSV_URL) => rawFromFile(DRE_BYTES, url, 'latin1');

  it('reads the CSV as the ZIP path reads it, with series and year from its name', async () => {
    const fromCsv = await runTransform('cvm', statementsFetcher, raw(), {});
    const zip = await makeZip([[DRE_NAME, DRE_BYTES]]);
    const fromZip = await runTransform('cvm', statementsFetcher, rawFromFile(zip, ZIP_URL, 'latin1'), {
      year: 2022,
    });
    expect(fromCsv).toHaveLength(844);
    expect(fromCsv).toEqual(fromZip.map((i) => ({ ...i, delivered_at: null })));
    expect(await runTransform('cvm', statementsFetcher, raw(), { year: 2022, series: 'dfp' })).toHaveLength(
      844,
    );
  });

  it('refuses a series or year the name contradicts, and a renamed file, saying what it expects', async () => {
    const run = (q: SourceQuery, url?: string) => () => statementsFetcher.transform(raw(url), q);
    expect(await codeOf(run({ series: 'ITR' }))).toBe('INVALID_INPUT');
    expect(await codeOf(run({ year: 2021 }))).toBe('INVALID_INPUT');
    await expect(run({}, 'file:///tmp/minha-dre.csv')()).rejects.toThrow(
      /minha-dre\.csv is neither the yearly DFP\/ITR ZIP nor one of its CSV files under its published name/,
    );
  });
});

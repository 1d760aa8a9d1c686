/** wege3_dividends.html and itub4_dividends.html are real captures (shared fixtures, see their README). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { SourceError } from '../errors';
import { MODEL_SCHEMAS, type DividendItem } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import proventos from './proventos.fetcher';
import { dividendType, parseFundamentusDividends } from './proventos-parse';

const latin1 = new TextDecoder('windows-1252');
const wegeBytes = readFileSync(fixture('fundamentus', 'wege3_dividends.html'));
const wege = latin1.decode(wegeBytes);
const itub = latin1.decode(readFileSync(fixture('fundamentus', 'itub4_dividends.html')));
const url = 'https://www.fundamentus.com.br/proventos.php?papel=WEGE3&tipo=2';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SourceError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

const key = (d: DividendItem): string => JSON.stringify(d);
const count = (items: DividendItem[], pred: (d: DividendItem) => boolean): number =>
  items.filter(pred).length;

describe('fundamentus dividends (proventos.php)', () => {
  it('builds the proventos.php request', () => {
    const spec = proventos.request(
      { ticker: 'WEGE3' },
      { baseUrl: 'https://www.fundamentus.com.br', credentials: {}, now: new Date() },
    );
    expect(spec).toEqual({
      url: 'https://www.fundamentus.com.br/proventos.php?papel=WEGE3&tipo=2',
      encoding: 'latin1',
    });
  });

  it('reads every WEGE3 row of the real capture', async () => {
    const items = await runTransform('fundamentus', proventos, rawFromFile(wegeBytes, url, 'latin1'), {
      ticker: 'WEGE3',
    });
    expect(items).toHaveLength(159);
    for (const it of items) MODEL_SCHEMAS.dividends.parse(it);
    expect(items[0]).toEqual({
      ticker: 'WEGE3',
      type: 'JCP',
      source_type: 'JRS CAP PROPRIO',
      ex_date: '2026-06-19',
      payment_date: '2027-03-10',
      value: 0.1044,
      per_shares: 1,
    });
    // One declaration paid in three instalments: three rows, told apart by their payment date.
    const dec2025 = items.filter((d) => d.ex_date === '2025-12-19');
    expect(dec2025.map((d) => [d.type, d.value, d.payment_date])).toEqual([
      ['DIVIDENDO', 0.4128, '2028-08-16'],
      ['DIVIDENDO', 0.4128, '2027-08-11'],
      ['DIVIDENDO', 0.4128, '2026-08-12'],
    ]);
    expect(items.find((d) => d.ex_date === '2016-03-22')).toMatchObject({
      type: 'JCP',
      source_type: 'JUROS',
      value: 0.0553,
      payment_date: null,
    });
    expect(items.find((d) => d.ex_date === '1997-07-30')).toMatchObject({
      type: 'DIVIDENDO',
      value: 10,
      per_shares: 1000,
    });
    expect(count(items, (d) => d.type === 'DIVIDENDO')).toBe(60);
    expect(count(items, (d) => d.type === 'JCP')).toBe(99);
    expect(count(items, (d) => d.type === 'OUTRO')).toBe(0);
    expect(count(items, (d) => d.payment_date === null)).toBe(105);
    expect(count(items, (d) => d.per_shares === 1000)).toBe(5);
  });

  it('reads every ITUB4 row of the real capture, monthly dividends included', () => {
    const items = parseFundamentusDividends(itub, 'ITUB4');
    expect(items).toHaveLength(475);
    expect(items[0]).toMatchObject({
      ex_date: '2026-06-30',
      value: 0.0182,
      type: 'JCP',
      payment_date: '2026-08-03',
    });
    expect(items.find((d) => d.ex_date === '2015-05-29')).toMatchObject({
      type: 'DIVIDENDO',
      source_type: 'Dividendo mensal',
      value: 0.015,
      payment_date: null,
    });
    expect(items.find((d) => d.ex_date === '2004-09-30')).toMatchObject({
      type: 'JCP',
      source_type: 'JRS CAP PRÓPRIO',
      value: 0.17,
      per_shares: 1000,
    });
    expect(count(items, (d) => d.source_type.toUpperCase() === 'DIVIDENDO MENSAL')).toBe(16);
    expect(count(items, (d) => d.type === 'JCP')).toBe(268);
    expect(count(items, (d) => d.type === 'DIVIDENDO')).toBe(207);
    expect(count(items, (d) => d.per_shares === 1000)).toBe(129);
  });

  it('maps the kinds Fundamentus writes and keeps unknown ones as OUTRO', () => {
    expect(dividendType('DIVIDENDO')).toBe('DIVIDENDO');
    expect(dividendType('Dividendo mensal')).toBe('DIVIDENDO');
    expect(dividendType('JRS CAP PRÓPRIO')).toBe('JCP');
    expect(dividendType('RENDIMENTO')).toBe('RENDIMENTO');
    expect(dividendType('BONIFICAÇÃO')).toBe('OUTRO');
    const other = wege.replace('<td>JRS CAP PROPRIO</td>', '<td>RESTITUIÇÃO DE CAPITAL</td>');
    expect(parseFundamentusDividends(other, 'WEGE3')[0]).toMatchObject({
      type: 'OUTRO',
      source_type: 'RESTITUIÇÃO DE CAPITAL',
    });
  });

  it('gives the same set of rows whatever their order', () => {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(wege)?.[1] ?? '';
    const rows = body.match(/<tr\b[^>]*>[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(159);
    // A fixed permutation: every 7th row first, then the rest reversed.
    const shuffled = [...rows.filter((_, i) => i % 7 === 0), ...rows.filter((_, i) => i % 7 !== 0).reverse()];
    const page = wege.replace(body, shuffled.join('\n'));
    const a = parseFundamentusDividends(wege, 'WEGE3').map(key).sort();
    const b = parseFundamentusDividends(page, 'WEGE3').map(key).sort();
    expect(b).toEqual(a);
  });

  it('refuses renamed, missing or extra columns instead of shifting them', () => {
    const renamed = wege.replace('<a href="#">Valor</a>', '<a href="#">Valor (R$)</a>');
    expect(codeOf(() => parseFundamentusDividends(renamed, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*an unknown column/,
    );
    const noHeader = wege.replace(/<th[^>]*><a href="#">Por quantas ações<\/a><\/th>/, '');
    expect(codeOf(() => parseFundamentusDividends(noHeader, 'WEGE3'))).toMatch(/^LAYOUT_CHANGED: /);
    const extraCell = wege.replace('<td>0,1044</td>', '<td>0,1044</td><td>x</td>');
    expect(codeOf(() => parseFundamentusDividends(extraCell, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*row 1 has 6 cells/,
    );
    const badDate = wege.replace('<td>19/06/2026</td>', '<td>2026-06-19</td>');
    expect(codeOf(() => parseFundamentusDividends(badDate, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*row 1: Data is not a date/,
    );
  });

  it('answers [] for an empty table or a "no dividends" page, and refuses a page with neither', async () => {
    const emptyBody = wege.replace(/(<table id="resultado"[\s\S]*?<tbody>)[\s\S]*?(<\/tbody>)/, '$1$2');
    const raw = rawFromFile(Buffer.from(emptyBody, 'latin1'), url, 'latin1');
    await expect(runTransform('fundamentus', proventos, raw, { ticker: 'WEGE3' })).resolves.toEqual([]);
    const noTable = wege.replace(/<table id="resultado"[\s\S]*?<\/table>/, '');
    expect(codeOf(() => parseFundamentusDividends(noTable, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*no resultado table/,
    );
    const message = noTable.replace(
      '<h1>Proventos:</h1>',
      '<h1>Proventos:</h1><p>Nenhum provento encontrado</p>',
    );
    expect(parseFundamentusDividends(message, 'WEGE3')).toEqual([]);
  });

  it("answers NOT_FOUND for the unknown-ticker page and refuses another ticker's page", () => {
    const unknown = latin1.decode(readFileSync(fixture('fundamentus', 'ticker_invalido_details.html')));
    expect(codeOf(() => parseFundamentusDividends(unknown, 'XXXX3'))).toMatch(/^NOT_FOUND/);
    expect(codeOf(() => parseFundamentusDividends(wege, 'ITUB4'))).toMatch(/^LAYOUT_CHANGED: .*WEGE3/);
  });

  it('throws only typed errors, or the full answer, on a page cut anywhere', () => {
    const full = parseFundamentusDividends(wege, 'WEGE3');
    const tableEnd = wege.indexOf('</table>', wege.indexOf('id="resultado"'));
    for (let at = 0; at < wege.length; at += 211) {
      let items: DividendItem[] | undefined;
      try {
        items = parseFundamentusDividends(wege.slice(0, at), 'WEGE3');
      } catch (e) {
        expect(e).toBeInstanceOf(SourceError);
        continue;
      }
      expect(at).toBeGreaterThan(tableEnd);
      expect(items).toEqual(full);
    }
  });

  it('reads the page re-encoded as UTF-8 the same', async () => {
    const raw = rawFromFile(Buffer.from(wege, 'utf8'), url, 'latin1');
    const items = await runTransform('fundamentus', proventos, raw, { ticker: 'WEGE3' });
    expect(items).toEqual(parseFundamentusDividends(wege, 'WEGE3'));
    expect(items.filter((d) => d.source_type === 'JRS CAP PRÓPRIO')).toHaveLength(49);
  });
});

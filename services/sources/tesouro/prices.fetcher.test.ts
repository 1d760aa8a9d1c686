import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import { makeRaw, rawFromFile, type RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { pricesFetcher } from './prices.fetcher';
import { errorCode } from '../test-support';

// Real capture: a contiguous PREFIX of the official CSV whose last line was cut mid-row
// ("Tesouro Educa+;15/12/2037;11/10/2023", no line break after it).
const CSV = () => readFileSync(fixture('tesouro', 'PrecoTaxaTesouroDireto_prefix_2025-05-04.csv'));
const HEADER =
  'Tipo Titulo;Data Vencimento;Data Base;Taxa Compra Manha;Taxa Venda Manha;PU Compra Manha;PU Venda Manha;PU Base Manha';
const ROW = 'Tesouro Selic;01/03/2029;02/01/2025;0,14;0,15;15745,70;15731,90;15731,90';

function raw(text: string): RawPayload {
  return makeRaw({ url: 'x', status: 200, contentType: 'text/csv', fetchedAt: '', body: Buffer.from(text) });
}

const codeOf = errorCode;

describe('tesouro prices', () => {
  it('requests the Tesouro Transparente CKAN download', () => {
    const spec = pricesFetcher.request(
      {},
      { baseUrl: 'https://www.tesourotransparente.gov.br', credentials: {}, now: new Date() },
    );
    expect(spec.url).toBe(
      'https://www.tesourotransparente.gov.br/ckan/dataset/df56aa42-484a-4a59-8184-7676580c81e3/resource/796d2059-14e9-44e3-80c9-2d9e30b405c1/download/PrecoTaxaTesouroDireto.csv',
    );
    expect(spec.encoding).toBe('auto');
  });

  it('reads every complete row of the real (cut) capture and skips the cut last line', async () => {
    const items = await runTransform('tesouro', pricesFetcher, rawFromFile(CSV(), 'x'), {});
    // The file has 24523 lines after the header: 24522 complete rows + the cut one.
    expect(items).toHaveLength(24522);
    expect(items[0]).toEqual({
      bond_type: 'Tesouro IPCA+ com Juros Semestrais',
      maturity: '2032-08-15',
      base_date: '2025-04-22',
      buy_rate: 7.64,
      sell_rate: 7.76,
      buy_price: 4154.13,
      sell_price: 4125.25,
      base_price: 4125.25,
    });
    const selic = items.find(
      (i) => i.bond_type === 'Tesouro Selic' && i.maturity === '2029-03-01' && i.base_date === '2025-01-02',
    );
    expect(selic).toMatchObject({ buy_rate: 0.14, sell_rate: 0.15, buy_price: 15745.7, base_price: 15731.9 });
    expect(
      items.some(
        (i) =>
          i.bond_type === 'Tesouro Educa+' && i.base_date === '2023-10-11' && i.maturity === '2037-12-15',
      ),
    ).toBe(false);
    for (const it of items.slice(0, 100)) MODEL_SCHEMAS['treasury-bonds'].parse(it);
  });

  it('filters by Data Base (date, from/to)', async () => {
    const day = await pricesFetcher.transform(rawFromFile(CSV(), 'x'), { date: '2025-04-22' });
    expect(day.length).toBeGreaterThan(0);
    expect(day.every((i) => i.base_date === '2025-04-22')).toBe(true);
    const range = await pricesFetcher.transform(rawFromFile(CSV(), 'x'), {
      from: '2025-01-01',
      to: '2025-01-31',
    });
    expect(range.every((i) => i.base_date >= '2025-01-01' && i.base_date <= '2025-01-31')).toBe(true);
  });

  it('returns [] for a header-only file and reads empty cells as null', async () => {
    expect(await pricesFetcher.transform(raw(`${HEADER}\n`), {})).toEqual([]);
    const [item] = await pricesFetcher.transform(
      raw(`${HEADER}\nTesouro Selic;01/03/2029;02/01/2025;;0,15;;15731,90;15731,90\n`),
      {},
    );
    expect(item).toMatchObject({ buy_rate: null, buy_price: null, sell_rate: 0.15 });
  });

  it('raises LAYOUT_CHANGED on a renamed column, a short row inside, a terminated short last row, bad values', async () => {
    const t = (text: string) => codeOf(() => pricesFetcher.transform(raw(text), {}));
    expect(await t(`${HEADER.replace('Taxa Compra Manha', 'Taxa Compra')}\n${ROW}\n`)).toBe('LAYOUT_CHANGED');
    expect(await t(`${HEADER}\nTesouro Selic;01/03/2029\n${ROW}\n`)).toBe('LAYOUT_CHANGED');
    expect(await t(`${HEADER}\n${ROW}\nTesouro Selic;01/03/2029\n`)).toBe('LAYOUT_CHANGED');
    expect(await t(`${HEADER}\n${ROW};extra\n`)).toBe('LAYOUT_CHANGED');
    expect(await t(`${HEADER}\n${ROW.replace('0,14', '0.14')}\n`)).toBe('LAYOUT_CHANGED');
    expect(await t(`${HEADER}\n${ROW.replace('02/01/2025', '2025-01-02')}\n`)).toBe('LAYOUT_CHANGED');
    expect(await t('<!DOCTYPE html><html><body>CKAN</body></html>')).toBe('LAYOUT_CHANGED');
    expect(await t('')).toBe('LAYOUT_CHANGED');
  });

  it('keeps good rows when only the unterminated last line is short', async () => {
    expect(await pricesFetcher.transform(raw(`${HEADER}\n${ROW}\nTesouro Selic;01/03/20`), {})).toHaveLength(
      1,
    );
  });
});

/**
 * fixtures/resultado.html is OUR OWN minimal page, not a capture: no resultado.php page was
 * captured, so it copies the screener's documented markup (table id="resultado", the ticker cell's
 * tips span and detalhes.php link, the column headers) with three rows of invented values.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../errors';
import { MODEL_SCHEMAS, type ScreenerItem } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import resultado from './resultado.fetcher';
import { parseFundamentusScreener } from './resultado-parse';

const bytes = readFileSync(fileURLToPath(new URL('fixtures/resultado.html', import.meta.url)));
const page = new TextDecoder('windows-1252').decode(bytes);
const url = 'https://www.fundamentus.com.br/resultado.php';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SourceError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('fundamentus screener (resultado.php)', () => {
  it('builds the resultado.php request', () => {
    const spec = resultado.request(
      {},
      { baseUrl: 'https://www.fundamentus.com.br', credentials: {}, now: new Date() },
    );
    expect(spec).toEqual({ url: 'https://www.fundamentus.com.br/resultado.php', encoding: 'latin1' });
  });

  it('reads every row under the standard keys', async () => {
    const items = await runTransform('fundamentus', resultado, rawFromFile(bytes, url, 'latin1'), {});
    expect(items.map((i) => i.ticker)).toEqual(['WEGE3', 'ITUB4', 'AZUL4']);
    for (const it of items) MODEL_SCHEMAS.screener.parse(it);
    expect(items[0]?.values).toEqual({
      price: 46.48,
      pl: 31.03,
      pvp: 10.99,
      psr: 4.85,
      dy: 4.7,
      p_assets: 4.497,
      p_working_capital: 20.16,
      p_ebit: 22.92,
      p_net_current_assets: 64.02,
      ev_ebit: 22.53,
      ev_ebitda: 20.11,
      ebit_margin: 21.18,
      net_margin: 16.64,
      current_ratio: 1.55,
      roic: 25.99,
      roe: 35.43,
      liquidity_2m: 329_062_000,
      equity: 17_746_100_000,
      gross_debt_to_equity: 0.23,
      revenue_cagr_5y: 12.57,
    });
    expect(items[2]?.values).toMatchObject({ pl: -0.52, net_margin: -21.03, equity: -31_420_000_000 });
  });

  it('keeps only the asked ticker, and says NOT_FOUND for one it does not list', async () => {
    const raw = rawFromFile(bytes, url, 'latin1');
    const items = await runTransform('fundamentus', resultado, raw, { ticker: 'ITUB4' });
    expect(items).toHaveLength(1);
    expect(items[0]?.values).toMatchObject({ price: 38.12, roe: 20.84, p_ebit: 0 });
    await expect(runTransform('fundamentus', resultado, raw, { ticker: 'PETR4' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('accepts the newer columns (gross margin, net debt over equity) under their own keys', () => {
    const newer = page
      .replace('<a href="#">Dív.Brut/ Patrim.</a>', '<a href="#">Dív.Líq/ Patrim.</a>')
      .replace('<a href="#">Mrg Ebit</a>', '<a href="#">Mrg Bruta</a></th><th><a href="#">Mrg Ebit</a>')
      .replace(/(<td>4,85<\/td>[\s\S]*?<td>20,11<\/td>)/, '$1<td>33,20%</td>')
      .replace(
        /(<td>0,00<\/td>\s*<td>0,00<\/td>\s*)(<td>0,00%<\/td>\s*<td>0,00%<\/td>)/,
        '$1<td>0,00%</td>$2',
      )
      .replace(/(<td>9,87<\/td>\s*<td>4,12<\/td>)/, '$1<td>18,40%</td>');
    const items = parseFundamentusScreener(newer);
    expect(items[0]?.values).toMatchObject({
      gross_margin: 33.2,
      ebit_margin: 21.18,
      net_debt_to_equity: 0.23,
    });
    expect(items[0]?.values).not.toHaveProperty('gross_debt_to_equity');
    expect(items[2]?.values).toMatchObject({ gross_margin: 18.4, ebit_margin: 11.62 });
  });

  it('refuses unknown, missing or repeated columns and rows of the wrong width', () => {
    const unknown = page.replace('<a href="#">ROIC</a>', '<a href="#">ROIC (%)</a>');
    expect(codeOf(() => parseFundamentusScreener(unknown))).toMatch(/^LAYOUT_CHANGED: .*an unknown column/);
    const missing = page.replace(/<th[^>]*><a href="#">P\/VP<\/a><\/th>/, '');
    expect(codeOf(() => parseFundamentusScreener(missing))).toMatch(/^LAYOUT_CHANGED: /);
    const twice = page.replace('<a href="#">PSR</a>', '<a href="#">P/VP</a>');
    expect(codeOf(() => parseFundamentusScreener(twice))).toMatch(/^LAYOUT_CHANGED: .*"P\/VP" appears twice/);
    const wide = page.replace('<td>46,48</td>', '<td>46,48</td><td>1</td>');
    expect(codeOf(() => parseFundamentusScreener(wide))).toMatch(/^LAYOUT_CHANGED: .*row 1 has 22 cells/);
  });

  it("refuses a value not in its column's unit and a row without a ticker", () => {
    const noPct = page.replace('<td>4,70%</td>', '<td>4,70</td>');
    expect(codeOf(() => parseFundamentusScreener(noPct))).toMatch(
      /^LAYOUT_CHANGED: .*WEGE3: Div.Yield is not a pct/,
    );
    const pct = page.replace('<td>31,03</td>', '<td>31,03%</td>');
    expect(codeOf(() => parseFundamentusScreener(pct))).toMatch(/^LAYOUT_CHANGED: .*P\/L is not a/);
    const noTicker = page.replace('>WEGE3</a>', '></a>');
    expect(codeOf(() => parseFundamentusScreener(noTicker))).toMatch(
      /^LAYOUT_CHANGED: .*row 1: Papel is not a ticker/,
    );
    expect(codeOf(() => parseFundamentusScreener('<html></html>'))).toMatch(
      /^LAYOUT_CHANGED: .*no resultado table/,
    );
  });

  it('throws only typed errors, or the full answer, on a page cut anywhere', () => {
    const full = parseFundamentusScreener(page);
    for (let at = 0; at < page.length; at += 37) {
      let items: ScreenerItem[] | undefined;
      try {
        items = parseFundamentusScreener(page.slice(0, at));
      } catch (e) {
        expect(e).toBeInstanceOf(SourceError);
        continue;
      }
      expect(items).toEqual(full);
    }
  });

  it('reads the page re-encoded as UTF-8 the same', async () => {
    const raw = rawFromFile(Buffer.from(page, 'utf8'), url, 'latin1');
    await expect(runTransform('fundamentus', resultado, raw, {})).resolves.toEqual(
      parseFundamentusScreener(page),
    );
  });
});

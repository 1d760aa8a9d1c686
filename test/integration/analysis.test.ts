import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { makeZip } from '../../services/sources/test-support';
import { pgTemplate } from '../helpers/pg-template';

// The analysis endpoints over data stored the way users store it: saved pages ingested through the
// sources' own parsers (real captures: Fundamentus WEGE3, Yahoo BZ=F, Banco Central 433 and 11).

let dataDir: string;
let core: Core;

async function call<M extends keyof Methods>(method: M, input: unknown): Promise<Methods[M]> {
  const r = await core.call(method, input);
  if (!r.ok)
    throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.data as Methods[M];
}
type Methods = {
  [
    K in
      | 'analysis.stock'
      | 'analysis.technical'
      | 'analysis.valuation'
      | 'analysis.compare'
      | 'analysis.sector'
      | 'analysis.screener'
      | 'screens.save'
      | 'screens.list'
      | 'analysis.fundamental'
      | 'analysis.dividends'
      | 'sources.ingest'
  ]: Output<K>;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-analysis-'));
  core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  const ingest = (source: string, model: string, file: string, extra: Record<string, string> = {}) =>
    call('sources.ingest', { source, model, file, ...extra });
  await ingest('fundamentus', 'fundamentals', fixture('fundamentus', 'wege3_details.html'), {
    ticker: 'WEGE3',
  });
  await ingest('yahoo', 'daily-bars', fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'), {
    ticker: 'BZ=F',
  });
  await ingest('bcb', 'macro-series', fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json'), {
    query: 'series=433',
  });
});

afterAll(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('analysis endpoints', () => {
  it('an unknown ticker is NOT_FOUND with a message', async () => {
    await expect(call('analysis.stock', { ticker: 'ZZZZ3' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('WEGE3: fundamentals cross-checked (one source), and what is missing with the job that would fetch it', async () => {
    const a = await call('analysis.stock', { ticker: 'WEGE3' });
    expect(a.success).toBe(true);
    expect(a.sources).toEqual({ count: 1, names: ['fundamentus'] });
    const price = (
      a.fundamental?.['metrics'] as Record<
        string,
        { value: number; source_count: number; sources: { source: string }[] }
      >
    )['price'];
    expect(price).toMatchObject({ value: 46.48, source_count: 1 });
    expect(price?.sources[0]?.source).toBe('fundamentus');
    expect(a.technical).toBeNull();
    expect(a.missing.map((m) => m.what)).toEqual(['statements', 'daily_bars', 'dividends', 'macro_series']);
    // IPCA (433) is stored; the Selic target (432) and daily Selic (11) are not.
    expect(a.missing[3]?.job).toEqual({ scraper_name: 'bcb', query: 'macro-series:432' });
    expect(a.missing[0]?.job).toEqual({ scraper_name: 'b3', ticker: 'WEGE3', query: 'company-profile:' });
    expect(a.missing[1]?.job).toEqual({ scraper_name: 'yahoo', ticker: 'WEGE3', query: 'daily-bars:' });
    // The original platform's rule: 0.4·min(n/5, 1) + 0.6·agreement, with n = 1.
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
  });

  it('BZ=F: indicators over the stored bars; too few bars for a 50-day average gives null, the rest computes', async () => {
    const t = await call('analysis.technical', { ticker: 'BZ=F', series: 'true', prices: 'raw' });
    const chart = JSON.parse(readFileSync(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'), 'utf8')) as {
      chart: { result: { indicators: { quote: { close: (number | null)[] }[] } }[] };
    };
    const closes = chart.chart.result[0]!.indicators.quote[0]!.close.filter((c): c is number => c !== null);
    const last20 = closes.slice(-20);
    const ind = (t.technical as { indicators: Record<string, unknown>; prices: string; bars: number })
      .indicators;
    expect((t.technical as { prices: string }).prices).toBe('raw');
    expect((t.technical as { bars: number }).bars).toBe(closes.length);
    expect(ind['sma_20']).toBeCloseTo(last20.reduce((a, b) => a + b, 0) / 20, 9);
    expect(ind['sma_50']).toBeNull();
    expect(ind['sma_200']).toBeNull();
    expect(typeof ind['rsi_14']).toBe('number');
    expect(ind['macd']).toBeNull(); // needs 34 bars
    const bars = (t.technical as { price_bars: { close: number }[] }).price_bars;
    expect(bars.map((b) => b.close)).toEqual(closes);
  });

  it('answers are cached per ticker and dropped when new data for it lands', async () => {
    const first = await call('analysis.fundamental', { ticker: 'WEGE3' });
    const again = await call('analysis.fundamental', { ticker: 'WEGE3' });
    expect(again.timestamp).toBe(first.timestamp);
    await new Promise((r) => setTimeout(r, 5));
    await call('sources.ingest', {
      source: 'fundamentus',
      model: 'dividends',
      file: fixture('fundamentus', 'wege3_dividends.html'),
      ticker: 'WEGE3',
    });
    const after = await call('analysis.fundamental', { ticker: 'WEGE3' });
    expect(after.timestamp).not.toBe(first.timestamp);
    const d = await call('analysis.dividends', { ticker: 'WEGE3' });
    expect((d.dividends as { reports: number }).reports).toBe(159);
    expect(d.missing).toEqual([]);
  });

  it('CAML3: computed from its CVM filings only from the day they were delivered (no look-ahead)', async () => {
    // B3's bars (real daily file of 2021-06-25), the CVM register and Camil's DFP for the fiscal
    // year ended 2022-02-28 (real DRE lines; our own minimal filing index dates its delivery).
    const r = await core.call('import.cotahist', { paths: [COTAHIST_DAILY()] });
    expect(r.ok).toBe(true);
    await call('sources.ingest', {
      source: 'cvm',
      model: 'companies',
      file: fixture('cvm', 'cad_cia_aberta.csv'),
    });
    const index =
      'CNPJ_CIA;DT_REFER;VERSAO;DENOM_CIA;CD_CVM;CATEG_DOC;ID_DOC;DT_RECEB;LINK_DOC\n' +
      '64.904.295/0001-03;2022-02-28;2;CAMIL ALIMENTOS S.A.;024228;DFP;1;2022-05-20;x\n';
    const zipFile = join(dataDir, 'dfp_cia_aberta_2022.zip');
    writeFileSync(
      zipFile,
      await makeZip([
        ['dfp_cia_aberta_DRE_con_2022.csv', readFileSync(fixture('cvm', 'dfp_cia_aberta_DRE_con_2022.csv'))],
        ['dfp_cia_aberta_2022.csv', Buffer.from(index, 'latin1')],
      ]),
    );
    await call('sources.ingest', { source: 'cvm', model: 'statements', file: zipFile, query: 'year=2022' });
    const f = await call('analysis.fundamental', { ticker: 'CAML3' });
    const computed = f.fundamental?.['computed'] as {
      as_of: string;
      filings: unknown[];
      values: Record<string, number | null>;
    };
    expect(f.fundamental?.['cvm_code']).toBe('24228');
    // The only bar is 2021-06-25; the FY2022 filing was delivered 2022-05-20: it must not be seen.
    expect(computed.as_of).toBe('2021-06-25');
    expect(computed.filings).toEqual([]);
    expect(computed.values['net_margin']).toBeNull();
  });

  it('macro context from the stored Banco Central series', async () => {
    const a = await call('analysis.stock', { ticker: 'BZ=F' });
    const ctx = (a.macro as { context: { ipca_12m: { value: number; series: string } | null } }).context;
    expect(ctx.ipca_12m?.series).toBe('433/12');
    expect(ctx.ipca_12m?.value).toBeCloseTo(4.83, 1);
  });

  it('compare: up to 10 tickers, rebased to 100 at the first common date', async () => {
    const c = await call('analysis.compare', { tickers: 'petr4, VALE3,PETR4' });
    expect(c.tickers).toEqual(['PETR4', 'VALE3']);
    expect(c.since).toBe('2021-06-25');
    expect(c.rows.map((r) => [r.ticker, r.found, r.price, r.normalized])).toEqual([
      ['PETR4', true, 29.1, [{ date: '2021-06-25', value: 100 }]],
      ['VALE3', true, expect.any(Number), [{ date: '2021-06-25', value: 100 }]],
    ]);
    const tooMany = await core.call('analysis.compare', {
      tickers: 'A1AA3,A2AA3,A3AA3,A4AA3,A5AA3,A6AA3,A7AA3,A8AA3,A9AA3,B1AA3,B2AA3',
    });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.error.message).toContain('up to 10');
  });

  it('sector: the peers and their medians (accents and case ignored)', async () => {
    const s = await call('analysis.sector', { sector: 'maquinas e equipamentos' });
    expect(s.sector).toBe('Máquinas e Equipamentos');
    expect(s.tickers).toEqual(['WEGE3']);
    expect(s.medians['pl']).toEqual({ median: 31.03, count: 1 });
    await expect(call('analysis.sector', { sector: 'Nenhum Setor' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('screener: the Fundamentus preset over the Status Invest export, sorted, as CSV; saved screens', async () => {
    await call('sources.ingest', {
      source: 'status-invest',
      model: 'screener',
      file: fixture('statusinvest', 'statusinvest-busca-avancada.csv'),
    });
    const r = await call('analysis.screener', { preset: 'fundamentus', format: 'csv' });
    expect(r.total).toBeGreaterThan(0);
    for (const row of r.rows) {
      expect(row.values['pl']).toBeGreaterThan(0);
      expect(row.values['pl']).toBeLessThanOrEqual(15);
      expect(row.values['roe']).toBeGreaterThanOrEqual(15);
    }
    const pls = r.rows.map((x) => x.values['pl']!);
    expect([...pls].sort((a, b) => a - b)).toEqual(pls);
    expect(r.csv?.split('\n')[0]).toBe(['ticker', ...r.fields].join(';'));
    expect(r.csv?.split('\n')).toHaveLength(r.rows.length + 2);
    const mf = await call('analysis.screener', { preset: 'magic-formula' });
    const ranks = mf.rows.map((x) => x.values['magic_formula_rank']!);
    expect(ranks.length).toBeGreaterThan(0);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    await call('screens.save', {
      name: 'baratas',
      conditions: [{ field: 'pl', op: 'lt', value: 5 }],
      sort: { field: 'dy', dir: 'desc' },
    });
    const list = await call('screens.list', {});
    expect(list.screens.map((x) => [x.name, x.preset])).toEqual([
      ['fundamentus', true],
      ['magic-formula', true],
      ['baratas', false],
    ]);
    const mine = await call('analysis.screener', { preset: 'baratas' });
    expect(mine.rows.every((x) => (x.values['pl'] ?? 99) < 5)).toBe(true);
    const dys = mine.rows.map((x) => x.values['dy'] ?? -Infinity);
    expect([...dys].sort((a, b) => b - a)).toEqual(dys);
  });

  it('valuation: each model with its inputs and upside; the Magic Formula rank over the local universe', async () => {
    const v = await call('analysis.valuation', { ticker: 'WEGE3' });
    const block = v.valuation as {
      price: number;
      models: {
        model: string;
        value: number | null;
        upside_pct: number | null;
        inputs: Record<string, unknown>;
      }[];
      magic_formula: { rank: number | null; of: number } | null;
    };
    expect(block.price).toBe(46.48);
    const graham = block.models.find((m) => m.model === 'graham_number');
    expect(graham?.value).toBeCloseTo(Math.sqrt(22.5 * 1.5 * 4.23), 9);
    expect(graham?.upside_pct).toBeCloseTo((Math.sqrt(22.5 * 1.5 * 4.23) / 46.48 - 1) * 100, 9);
    expect(graham?.inputs).toMatchObject({ lpa: 1.5, vpa: 4.23 });
    expect(block.models.map((m) => m.model)).toEqual(
      expect.arrayContaining(['graham_number', 'graham_revised', 'bazin_12m', 'barsi', 'gordon', 'dcf']),
    );
    // WEGE3 (EV/EBIT 22.53, ROIC 26%) ranked among the ~600 tickers of the Status Invest export.
    expect(block.magic_formula?.rank).toBeGreaterThan(0);
    expect(block.magic_formula?.of).toBeGreaterThan(100);
  });

  it('splits from a price source join the ledger (Yahoo AAPL 4:1 on 2020-08-31, real capture)', async () => {
    const exchange = JSON.parse(
      readFileSync(fixture('yahoo_non_SA', 'chart-AAPL-2020-08-31-to-2020-11-07.json'), 'utf8'),
    ) as {
      response: { bodyJson: unknown };
    };
    const file = join(dataDir, 'aapl-chart.json');
    writeFileSync(file, JSON.stringify(exchange.response.bodyJson));
    await call('sources.ingest', { source: 'yahoo', model: 'daily-bars', file, ticker: 'AAPL' });
    const r = await call('sources.ingest', {
      source: 'yahoo',
      model: 'corporate-actions',
      file,
      ticker: 'AAPL',
    });
    expect(r.items).toBe(1);
    const d = await call('analysis.dividends', { ticker: 'AAPL' });
    const ledger = (d.dividends as { ledger: { date: string; kind: string; factor: number }[] } | null)
      ?.ledger;
    expect(ledger).toEqual([expect.objectContaining({ date: '2020-08-31', kind: 'split', factor: 4 })]);
  });
});

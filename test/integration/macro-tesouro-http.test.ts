import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../services/contract';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { json, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

// The macro and Tesouro Direto routes over HTTP, on the real captures ingested as a user does
// (`POST /api/sources/{source}/ingest`): SGS 433 (IPCA 2020–2024), SGS 11 (Selic 1986–2018), the
// Tesouro Transparente CSV (24,522 complete rows) and the daily COTAHIST of 25/06/2021.
// No real capture holds closes over a span the IPCA capture covers, so the real-return test uses
// OURS: the real Yahoo BZ=F chart (23 bars, July 2026) with its timestamps moved back 214 weeks
// (weekdays kept: 30/05/2022 to 29/06/2022), sent as the UI sends a saved page (an upload).

const IPCA = () => fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json');
const SELIC = () => fixture('bcb', 'sgs11_selic_diaria_1986-2018.json');
const TESOURO = () => fixture('tesouro', 'PrecoTaxaTesouroDireto_prefix_2025-05-04.csv');

const WEEK_S = 7 * 86_400;
interface Chart {
  chart: { result: { timestamp: number[]; indicators: { quote: { close: number[] }[] } }[] };
}
function shiftedChart(): Chart {
  const c = JSON.parse(readFileSync(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'), 'utf8')) as Chart;
  const r = c.chart.result[0]!;
  r.timestamp = r.timestamp.map((ts) => ts - 214 * WEEK_S);
  return c;
}
const CLOSES = (): number[] => shiftedChart().chart.result[0]!.indicators.quote[0]!.close;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  expect((await t.postJson('/api/import/cotahist', { paths: [COTAHIST_DAILY()] })).status).toBe(200);
  const ingest = async (source: string, body: Record<string, string>): Promise<void> => {
    const r = await t.postJson(`/api/sources/${source}/ingest`, body);
    expect(r.status, r.text).toBe(200);
  };
  await ingest('bcb', { model: 'macro-series', file: IPCA(), query: 'series=433' });
  await ingest('bcb', { model: 'macro-series', file: SELIC(), query: 'series=11' });
  await ingest('tesouro', { model: 'treasury-bonds', file: TESOURO() });
  const sent = await t.api({
    method: 'POST',
    path: '/api/uploads?name=BZ%3DF_2022.json',
    headers: { 'content-type': 'application/octet-stream' },
    body: Buffer.from(JSON.stringify(shiftedChart())),
  });
  expect(sent.status).toBe(200);
  await ingest('yahoo', {
    model: 'daily-bars',
    ticker: 'BZ=F',
    upload_id: json<{ upload_id: string }>(sent).upload_id,
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = async <T>(path: string): Promise<T> => {
  const r = await t.api({ path });
  expect(r.status, `${path}: ${r.text}`).toBe(200);
  return json<T>(r);
};

describe('macro series over HTTP', () => {
  it('GET /api/macro/series: each stored series with its code, source and last date; missing ones with their job', async () => {
    const s = await get<Output<'macro.series'>>('/api/macro/series');
    const byCode = new Map(s.stored.map((e) => [e.code, e]));
    expect([...byCode.keys()].sort((a, b) => a - b)).toEqual([11, 433]);
    expect(byCode.get(433)).toMatchObject({
      name: 'IPCA - variação mensal',
      unit: '% a.m.',
      source: 'bcb',
      points: 60,
      first_date: '2020-01-01',
      last_date: '2024-12-01',
      last_value: 0.52,
    });
    expect(byCode.get(11)).toMatchObject({ points: 8142, first_date: '1986-06-04', last_date: '2018-11-29' });
    const selicTarget = s.missing.find((m) => m.code === 432);
    expect(selicTarget).toMatchObject({ name: 'Meta Selic (Copom)', points: 0, last_date: null });
    expect(selicTarget?.job).toEqual({ scraper_name: 'bcb', query: 'macro-series:432' });
  });

  it('GET /api/macro/series/{code}: the points, between dates; a series not stored is a 404 naming how to fetch it', async () => {
    const h = await get<Output<'macro.history'>>('/api/macro/series/433?from=2024-01-01&to=2024-06-01');
    expect(h.points).toEqual([
      { date: '2024-01-01', value: 0.42 },
      { date: '2024-02-01', value: 0.83 },
      { date: '2024-03-01', value: 0.16 },
      { date: '2024-04-01', value: 0.38 },
      { date: '2024-05-01', value: 0.46 },
      { date: '2024-06-01', value: 0.21 },
    ]);
    const all = await get<Output<'macro.history'>>('/api/macro/series/11');
    expect(all.points).toHaveLength(8142);
    const missing = await t.api({ path: '/api/macro/series/432' });
    expect(missing.status).toBe(404);
    expect(json<ErrorBody>(missing).error.message).toContain('macro-series:432');
  });

  it('GET /api/macro/real-returns/{ticker}: BZ=F (ours) over June 2022 against the stored IPCA; its CDI is missing and said', async () => {
    const r = await get<Output<'macro.realReturns'>>(
      '/api/macro/real-returns/bz%3Df?from=2022-05-31&to=2022-06-30',
    );
    const closes = CLOSES();
    expect(r).toMatchObject({ ticker: 'BZ=F', prices_source: 'yahoo', reason: null });
    // The bar of 31/05/2022 (the 2nd) and the last on or before 30/06/2022 (29/06, the 23rd).
    expect(r.result).toMatchObject({
      from: '2022-05-31',
      to: '2022-06-29',
      close_from: closes[1],
      close_to: closes[22],
    });
    // 79.73999786376953 / 74.16000366210938 − 1 = 7.524264%
    expect(r.result?.nominal_pct).toBeCloseTo(7.524264, 5);
    // June 2022 is the one whole month: IPCA 0.67% (SGS 433 capture).
    expect(r.result?.ipca_months).toBe(1);
    expect(r.result?.ipca_pct).toBeCloseTo(0.67, 10);
    // 1.0752426757 / 1.0067 − 1 = 6.808646%
    expect(r.result?.real_pct).toBeCloseTo((closes[22]! / closes[1]! / 1.0067 - 1) * 100, 9);
    expect(r.result?.real_pct).toBeCloseTo(6.808646, 5);
    expect(r.ipca).toEqual({ code: 433, source: 'bcb', basis: 'monthly' });
    // The daily Selic capture ends in 2018: no CDI for this span, and it says so.
    expect(r.cdi).toBeNull();
    expect(r.result?.cdi_pct).toBeNull();
    expect(r.result?.notes.join(' ')).toContain('daily CDI does not cover');
    // One COTAHIST day is too few closes, and the answer says why.
    const petr = await get<Output<'macro.realReturns'>>('/api/macro/real-returns/PETR4');
    expect(petr.result).toBeNull();
    expect(petr.reason).toContain('too few closes');
  });

  it('hostile or wrong inputs are refused with 400 and a field; an unknown ticker is a 404', async () => {
    for (const path of [
      '/api/macro/series/..%2F..%2Fetc',
      '/api/macro/series/432%3B%20DROP%20TABLE%20macro_series',
      '/api/macro/series/-1',
      '/api/macro/series/1e99',
      '/api/macro/series/433?from=2024-13-01',
      '/api/macro/real-returns/PETR4%27%20OR%201%3D1?from=2021-01-01',
      '/api/macro/real-returns/PETR4?from=2023-01-02&to=2021-06-25',
      '/api/tesouro/history?bond_type=Tesouro%20Selic%27%3B--&maturity=2029-03-01',
      '/api/tesouro/history?bond_type=..%2F..%2Fpasswd&maturity=2029-03-01',
      '/api/tesouro/history?bond_type=Tesouro%20Selic&maturity=2029-02-30',
      `/api/tesouro/history?bond_type=${'A'.repeat(500)}&maturity=2029-03-01`,
    ]) {
      const r = await t.api({ path });
      expect(r.status, path).toBe(400);
      expect(json<ErrorBody>(r).error.code, path).toBe('INVALID_INPUT');
    }
    expect((await t.api({ path: '/api/macro/real-returns/ZZZZ3' })).status).toBe(404);
    // Still all there.
    expect((await get<Output<'macro.series'>>('/api/macro/series')).stored).toHaveLength(2);
  });
});

describe('saved files sent inline (the desktop app) take the CLI path', () => {
  it('an inline SGS file is stored like `b3ai ingest`; a file of another source is LAYOUT_CHANGED; no series is INVALID_INPUT', async () => {
    const b64 = (file: string): string => readFileSync(file).toString('base64');
    const ok = await t.postJson('/api/sources/bcb/ingest', {
      model: 'macro-series',
      query: 'series=433',
      upload: { name: 'ipca.json', dataBase64: b64(IPCA()) },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(json<{ items: number; source: string }>(ok)).toMatchObject({ source: 'bcb', items: 60 });
    const wrong = await t.postJson('/api/sources/bcb/ingest', {
      model: 'macro-series',
      query: 'series=433',
      upload: { name: 'wege3.json', dataBase64: b64(fixture('fundamentus', 'wege3_details.html')) },
    });
    expect(json<ErrorBody>(wrong).error.code).toBe('LAYOUT_CHANGED');
    // The message names the upload, never the server's spool path.
    expect(json<ErrorBody>(wrong).error.message).not.toContain(t.dataDir);
    const noSeries = await t.postJson('/api/sources/bcb/ingest', {
      model: 'macro-series',
      upload: { name: 'ipca.json', dataBase64: b64(IPCA()) },
    });
    expect(noSeries.status).toBe(400);
    expect(json<ErrorBody>(noSeries).error.message).toContain('series');
    const two = await t.postJson('/api/sources/bcb/ingest', {
      model: 'macro-series',
      file: IPCA(),
      upload: { name: 'ipca.json', dataBase64: b64(IPCA()) },
    });
    expect(two.status).toBe(400);
    const badName = await t.postJson('/api/sources/bcb/ingest', {
      model: 'macro-series',
      query: 'series=433',
      upload: { name: '../../etc/passwd', dataBase64: b64(IPCA()) },
    });
    expect(badName.status).toBe(400);
  });
});

describe('Tesouro Direto over HTTP', () => {
  /** The capture's rows for one bond, read straight from the CSV (dd/mm/yyyy, decimal comma). */
  function csvRows(bond: string, maturity: string): { date: string; buyRate: number; basePrice: number }[] {
    const iso = (d: string): string => d.split('/').reverse().join('-');
    return readFileSync(TESOURO(), 'latin1')
      .split('\n')
      .slice(1)
      .map((l) => l.split(';'))
      .filter((c) => c.length === 8 && c[0] === bond && iso(c[1] ?? '') === maturity)
      .map((c) => ({
        date: iso(c[2] ?? ''),
        buyRate: Number((c[3] ?? '').replace(',', '.')),
        basePrice: Number((c[7] ?? '').replace(',', '.')),
      }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  it('GET /api/tesouro/bonds: every bond once, with its latest rates and prices and its history size', async () => {
    const b = await get<Output<'tesouro.bonds'>>('/api/tesouro/bonds');
    expect(b.rows).toBe(24522);
    expect(b.source).toBe('tesouro');
    expect(b.bonds.reduce((n, x) => n + x.points, 0)).toBe(24522);
    const keys = b.bonds.map((x) => `${x.bond_type}|${x.maturity}`);
    expect(new Set(keys).size).toBe(keys.length);
    const rows = csvRows('Tesouro Selic', '2029-03-01');
    const last = rows.at(-1)!;
    const selic = b.bonds.find((x) => x.bond_type === 'Tesouro Selic' && x.maturity === '2029-03-01');
    expect(selic).toMatchObject({
      base_date: last.date,
      buy_rate: last.buyRate,
      base_price: last.basePrice,
      first_date: rows[0]?.date,
      points: rows.length,
    });
    expect(b.last_date).toBe(
      b.bonds
        .map((x) => x.base_date)
        .sort()
        .at(-1),
    );
  });

  it('GET /api/tesouro/history: one bond by base date, oldest first; an unknown bond is a 404', async () => {
    const q = 'bond_type=Tesouro%20IPCA%2B%20com%20Juros%20Semestrais&maturity=2032-08-15';
    const h = await get<Output<'tesouro.history'>>(`/api/tesouro/history?${q}`);
    const rows = csvRows('Tesouro IPCA+ com Juros Semestrais', '2032-08-15');
    expect(h.points.map((p) => p.date)).toEqual(rows.map((r) => r.date));
    expect(h.points.map((p) => p.buy_rate)).toEqual(rows.map((r) => r.buyRate));
    expect(h.points.find((p) => p.date === '2025-04-22')).toEqual({
      date: '2025-04-22',
      buy_rate: 7.64,
      sell_rate: 7.76,
      buy_price: 4154.13,
      sell_price: 4125.25,
      base_price: 4125.25,
    });
    const none = await t.api({ path: '/api/tesouro/history?bond_type=Tesouro%20Selic&maturity=2099-01-01' });
    expect(none.status).toBe(404);
  });
});

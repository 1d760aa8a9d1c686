import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import { makeRaw, rawFromFile, type RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import bcb, { SGS_SERIES } from './index';
import { sgsFetcher } from './sgs.fetcher';
import { errorCode } from '../test-support';

// Real captures: /work/shared/fixtures/bcb (series 11 compact, series 433 pretty-printed).
const SELIC_DAILY = () => readFileSync(fixture('bcb', 'sgs11_selic_diaria_1986-2018.json'));
const IPCA = () => readFileSync(fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json'));
const ctx = { baseUrl: 'https://api.bcb.gov.br', credentials: {}, now: new Date('2026-05-04T15:00:00Z') };

function raw(body: string | Buffer, status = 200): RawPayload {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  return makeRaw({
    url: 'https://api.bcb.gov.br/x',
    status,
    contentType: 'application/json',
    fetchedAt: '',
    body: buf,
  });
}

const codeOf = errorCode;

describe('bcb sgs request', () => {
  it('asks the last 10 years of a daily series when no from is given', () => {
    expect(sgsFetcher.request({ series: '432' }, ctx).url).toBe(
      'https://api.bcb.gov.br/dados/serie/bcdata.sgs.432/dados?formato=json&dataInicial=05/05/2016&dataFinal=04/05/2026',
    );
  });

  it('passes the incremental window and leaves monthly series unbounded', () => {
    expect(sgsFetcher.request({ series: '433', from: '2024-02-01' }, ctx).url).toBe(
      'https://api.bcb.gov.br/dados/serie/bcdata.sgs.433/dados?formato=json&dataInicial=01/02/2024&dataFinal=04/05/2026',
    );
    expect(sgsFetcher.request({ series: '433' }, ctx).url).toBe(
      'https://api.bcb.gov.br/dados/serie/bcdata.sgs.433/dados?formato=json',
    );
  });

  it('catches a daily series up 10 years at a time and refuses a longer explicit window', async () => {
    expect(sgsFetcher.request({ series: '11', from: '2000-01-03' }, ctx).url).toContain(
      'dataInicial=03/01/2000&dataFinal=02/01/2010',
    );
    expect(
      await codeOf(() => sgsFetcher.request({ series: '1', from: '2000-01-01', to: '2020-01-01' }, ctx)),
    ).toBe('INVALID_INPUT');
    expect(await codeOf(() => sgsFetcher.request({ series: 'selic' }, ctx))).toBe('INVALID_INPUT');
  });

  it('accepts any integer code and catalogues the known ones', () => {
    expect(sgsFetcher.request({ series: '12', from: '2025-01-01' }, ctx).url).toContain('bcdata.sgs.12/');
    expect(SGS_SERIES.map((s) => s.code)).toEqual(
      expect.arrayContaining([
        432, 4189, 433, 13522, 189, 28763, 4380, 10813, 21619, 13621, 24369, 4391, 11, 1,
      ]),
    );
    expect(bcb.info.canary).toEqual({ model: 'macro-series', query: { series: '432' } });
  });
});

describe('bcb sgs transform on real captures', () => {
  it('reads all 8142 daily Selic points of series 11', async () => {
    const items = await runTransform('bcb', sgsFetcher, rawFromFile(SELIC_DAILY(), 'x'), { series: '11' });
    expect(items).toHaveLength(8142);
    expect(items[0]).toEqual({ series: 11, date: '1986-06-04', value: 0.065041 });
    expect(items.at(-1)).toEqual({ series: 11, date: '2018-11-29', value: 0.02462 });
    for (const it of items.slice(0, 50)) MODEL_SCHEMAS['macro-series'].parse(it);
  });

  it('reads 60 IPCA months from the pretty-printed series 433', async () => {
    const items = await runTransform('bcb', sgsFetcher, rawFromFile(IPCA(), 'x'), { series: '433' });
    expect(items).toHaveLength(60);
    expect(items.find((i) => i.date === '2020-04-01')?.value).toBe(-0.31);
    expect(items.at(-1)).toEqual({ series: 433, date: '2024-12-01', value: 0.52 });
  });

  it('drops the stale last value BCB answers for a window with no data', async () => {
    const items = await runTransform('bcb', sgsFetcher, rawFromFile(SELIC_DAILY(), 'x'), {
      series: '11',
      from: '2018-11-29',
    });
    expect(items).toEqual([{ series: 11, date: '2018-11-29', value: 0.02462 }]);
    const none = await sgsFetcher.transform(rawFromFile(SELIC_DAILY(), 'x'), {
      series: '11',
      from: '2018-12-01',
    });
    expect(none).toEqual([]);
  });
});

describe('bcb sgs broken answers', () => {
  const q = { series: '433' };
  it('raises LAYOUT_CHANGED on truncated JSON, renamed keys, wrong types and HTML', async () => {
    const text = IPCA().toString('utf-8');
    expect(await codeOf(() => sgsFetcher.transform(raw(text.slice(0, text.length / 2)), q))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await codeOf(() => sgsFetcher.transform(raw(text.replaceAll('"valor"', '"value"')), q))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await codeOf(() => sgsFetcher.transform(raw('[{"data":"01/01/2020","valor":0.21}]'), q))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await codeOf(() => sgsFetcher.transform(raw('[{"data":"2020-01-01","valor":"0.21"}]'), q))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await codeOf(() => sgsFetcher.transform(raw('[{"data":"01/01/2020","valor":"0,21"}]'), q))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await codeOf(() => sgsFetcher.transform(raw('<html><body>Manutenção</body></html>'), q))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await codeOf(() => sgsFetcher.transform(raw('{"foo":1}'), q))).toBe('LAYOUT_CHANGED');
  });

  it('maps BCB error answers: 404 → NOT_FOUND, 10-year window (406) → INVALID_INPUT', async () => {
    expect(await codeOf(() => sgsFetcher.transform(raw('<html>Not Found</html>', 404), q))).toBe('NOT_FOUND');
    expect(
      await codeOf(() => sgsFetcher.transform(raw('{"error":"Value(s) not found","message":"x"}', 404), q)),
    ).toBe('NOT_FOUND');
    const window = JSON.stringify({
      error:
        'O sistema aceita uma janela de consulta de, no máximo, 10 anos em séries de periodicidade diária',
      message: 'Para acessar uma série de periodicidade diária, é necessário informar a dataInicial',
    });
    expect(await codeOf(() => sgsFetcher.transform(raw(window, 406), q))).toBe('INVALID_INPUT');
    const rule =
      '{"erro":{"statusCode":400,"detail":"SGSNegocioException: A quantidade máxima de valores deve ser 20"}}';
    expect(await codeOf(() => sgsFetcher.transform(raw(rule, 400), q))).toBe('INVALID_INPUT');
  });

  it('returns [] for an empty array and runTransform accepts it (emptyIsValid)', async () => {
    expect(await runTransform('bcb', sgsFetcher, raw('[]'), q)).toEqual([]);
  });
});

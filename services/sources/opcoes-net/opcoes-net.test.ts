import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { runTransform } from '../run-transform';
import { interceptedRaw } from '../shared/browser-payload';
import { errorCode } from '../test-support';
import source from './index';
import { optionChainFetcher as fetcher } from './option-chain.fetcher';

// OUR fixture, not a capture (none exists): fixtures/listaopcoes-completa-PETR4.json is the shape we
// expect of the JSON the chain page loads, values made up. Kept inside an intercepted document.
const API = readFileSync(new URL('./fixtures/listaopcoes-completa-PETR4.json', import.meta.url), 'utf8');
const PAGE = 'https://opcoes.net.br/opcoes/bovespa/PETR4';
const q = { ticker: 'PETR4' };
const raw = (body: string, status = 200) =>
  interceptedRaw(PAGE, [
    {
      url: 'https://opcoes.net.br/listaopcoes/completa?idAcao=PETR4&listarVencimentos=true&cotacoes=true',
      status,
      body,
    },
  ]);

describe('opcoes-net option-chain', () => {
  it('needs a sign-in and opens the chain page in the browser', () => {
    expect(source.info).toMatchObject({ requiresLogin: true, usesBrowser: true });
    expect(source.info.login?.url).toMatch(/^https:\/\/opcoes\.net\.br\//);
    const r = fetcher.request(q, { baseUrl: 'https://opcoes.net.br', credentials: {}, now: new Date() });
    expect(r).toEqual({ url: PAGE, browser: { intercept: ['/listaopcoes/completa'] } });
  });

  it('reads every series with strike, expiry, type, last, volume, IV and Greeks (null where not shown)', async () => {
    const items = await runTransform('opcoes-net', fetcher, raw(API), q);
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({
      underlying: 'PETR4',
      ticker: 'PETRA380',
      kind: 'CALL',
      style: 'A',
      strike: 38,
      expiry: '2025-01-17',
      as_of: '2024-12-06',
      last: 1.25,
      bid: 1.23,
      ask: 1.27,
      volume: 1520000,
      trades: 842,
      implied_volatility: 31.2,
      delta: 0.54,
      gamma: 0.11,
      theta: -0.021,
      vega: 0.052,
      rho: 0.013,
    });
    expect(items[2]).toMatchObject({ kind: 'PUT', style: 'E', delta: -0.31 });
    expect(items[3]).toMatchObject({ last: null, implied_volatility: null, delta: null });
    for (const o of items) MODEL_SCHEMAS['option-chain'].parse(o);
  });

  it('typed errors: expired session, another underlying, renamed field, wrong type, no API call', async () => {
    const t = (r: ReturnType<typeof raw>) => errorCode(() => fetcher.transform(r, q));
    expect(await t(raw('{"success":false}', 401))).toBe('UNAUTHORIZED');
    expect(await t(raw(API.replace('"acao": "PETR4"', '"acao": "VALE3"')))).toBe('LAYOUT_CHANGED');
    expect(await t(raw(API.replace('"strike"', '"exercicio"')))).toBe('LAYOUT_CHANGED');
    expect(await t(raw(API.replace('"tipo": "PUT"', '"tipo": "VENDA"')))).toBe('LAYOUT_CHANGED');
    expect(await t(raw(API.replace('31.2', '"31,2%"')))).toBe('LAYOUT_CHANGED');
    expect(await t(interceptedRaw(PAGE, []))).toBe('LAYOUT_CHANGED');
  });
});

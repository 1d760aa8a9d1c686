import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import type { RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { issuingCompany } from './issuer';
import { profileFetcher } from './profile.fetcher';
import { errorCode, rawText } from '../test-support';

// OUR OWN fixture, not a capture (values illustrative): its shape is exactly that of the real
// GetListedSupplementCompany answer recorded by ropensci/rb3 (tests/fixtures/
// GetListedSupplementCompany.yml, ABEV, 2022-12-08): an array of one object with stockCapital,
// quotedPerSharSince, …, tradingName (space-padded), share counts as "15.750.216.851", code, codeCVM,
// segment "BOLSA", cashDividends/stockDividends/subscriptions. rb3's
// GetListedSupplementCompanyEmpty.yml shows an unknown issuer ("WWWW") answered with an empty body.
const OWN = () =>
  readFileSync(
    fileURLToPath(new URL('./fixtures/GetListedSupplementCompany_PETR.json', import.meta.url)),
    'utf-8',
  );
const q = { ticker: 'PETR4' };

const raw = (body: string, status = 200): RawPayload => rawText(body, 'text/plain; charset=utf-8', status);

const codeOf = errorCode;

describe('b3 company profile', () => {
  it('asks the proxy with base64 JSON {issuingCompany, language}', () => {
    const spec = profileFetcher.request(q, {
      baseUrl: 'https://sistemaswebb3-listados.b3.com.br',
      credentials: {},
      now: new Date(),
    });
    // rb3's recorded request for ABEV: …/GetListedSupplementCompany/eyJpc3N1aW5nQ29tcGFueSI6IkFCRVYiLCJsYW5ndWFnZSI6InB0LWJyIn0=
    const abev = profileFetcher.request(
      { ticker: 'ABEV3' },
      { baseUrl: 'B', credentials: {}, now: new Date() },
    );
    expect(abev.url).toBe(
      'B/listedCompaniesProxy/CompanyCall/GetListedSupplementCompany/eyJpc3N1aW5nQ29tcGFueSI6IkFCRVYiLCJsYW5ndWFnZSI6InB0LWJyIn0=',
    );
    const param = spec.url.split('/').at(-1) ?? '';
    expect(JSON.parse(Buffer.from(param, 'base64').toString('utf-8'))).toEqual({
      issuingCompany: 'PETR',
      language: 'pt-br',
    });
  });

  it('maps tickers to issuer codes', async () => {
    expect(issuingCompany('PETR4')).toBe('PETR');
    expect(issuingCompany('TAEE11')).toBe('TAEE');
    expect(issuingCompany('B3SA3')).toBe('B3SA');
    expect(await codeOf(() => issuingCompany('BZ=F'))).toBe('INVALID_INPUT');
  });

  it('reads name, CVM code and shares; leaves the rest null', async () => {
    const [item] = await runTransform('b3', profileFetcher, raw(OWN()), q);
    expect(item).toEqual({
      ticker: 'PETR4',
      name: 'PETROBRAS',
      trading_name: 'PETROBRAS',
      cnpj: null,
      cvm_code: '9512',
      sector: null,
      subsector: null,
      segment: null,
      governance: null,
      free_float_pct: null,
      tag_along_pct: null,
      shares_outstanding: 13044496930,
      listing_date: null,
      tickers: [],
    });
    MODEL_SCHEMAS['company-profile'].parse(item);
  });

  it('raises NOT_FOUND for an unknown issuer (empty body or [])', async () => {
    expect(await codeOf(() => profileFetcher.transform(raw(''), { ticker: 'WWWW3' }))).toBe('NOT_FOUND');
    expect(await codeOf(() => profileFetcher.transform(raw('[]'), { ticker: 'WWWW3' }))).toBe('NOT_FOUND');
  });

  it('raises LAYOUT_CHANGED on truncated JSON, renamed keys, wrong types, inconsistent shares, another issuer', async () => {
    const text = OWN();
    const t = (body: string) => codeOf(() => profileFetcher.transform(raw(body), q));
    expect(await t(text.slice(0, 200))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"totalNumberShares"', '"totalShares"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"13.044.496.930"', '13044496930'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"13.044.496.930"', '"13.044.496.931"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"13.044.496.930"', '"13,04 bi"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"code": "PETR"', '"code": "VALE"'))).toBe('LAYOUT_CHANGED');
    expect(await t('{"results":[]}')).toBe('LAYOUT_CHANGED');
    expect(await t('<html><body>Request Rejected</body></html>')).toBe('LAYOUT_CHANGED');
  });
});

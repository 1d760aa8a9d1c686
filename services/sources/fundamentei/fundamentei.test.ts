import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { errorCode } from '../test-support';
import { fundamentalsFetcher as fetcher } from './fundamentals.fetcher';
import source from './index';

// OUR fixture, not a capture (none exists): fixtures/br-petr4.html is the rendered asset page in the
// structure we expect (indicator <dl> lists under the ticker heading), values made up.
const PAGE = readFileSync(new URL('./fixtures/br-petr4.html', import.meta.url), 'utf8');
const q = { ticker: 'PETR4' };
const dom = (html: string) => rawFromFile(Buffer.from(html), 'https://fundamentei.com/br/petr4');

describe('fundamentei fundamentals', () => {
  it('needs a sign-in; renders the asset page in the browser', () => {
    expect(source.info).toMatchObject({ requiresLogin: true, usesBrowser: true });
    expect(source.info.login?.sessionCookies.length).toBeGreaterThan(0);
    expect(
      fetcher.request(q, { baseUrl: 'https://fundamentei.com', credentials: {}, now: new Date() }),
    ).toEqual({
      url: 'https://fundamentei.com/br/petr4',
      browser: { waitFor: 'dl.indicators' },
    });
  });

  it('maps the known indicators; others keep their own label', async () => {
    const [item] = await runTransform('fundamentei', fetcher, dom(PAGE), q);
    expect(item?.values).toEqual({
      price: 38.05,
      market_cap: 496_300_000_000,
      pl: 5.32,
      pvp: 1.21,
      ev_ebitda: 3.12,
      dy: 14.85,
      roe: 22.84,
      roic: 17.02,
      net_margin: 18.55,
      ebitda_margin: 45.2,
      net_debt_to_ebitda: 1.34,
      payout: 76.4,
    });
    expect(item?.extra).toEqual({ 'Liquidez Média Diária': 1_700_000_000 });
    MODEL_SCHEMAS.fundamentals.parse(item);
  });

  it('typed errors: sign-in page, another ticker, renamed required label, unpaired term, wrong form', async () => {
    const t = (html: string) => errorCode(() => fetcher.transform(dom(html), q));
    expect(await t('<h1>Entrar</h1><form><input type="password"></form>')).toBe('UNAUTHORIZED');
    expect(await t(PAGE.replace('<h1>PETR4', '<h1>VALE3'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('<dt>P/L</dt>', '<dt>Preço/Lucro</dt>'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('<dd>5,32</dd>', ''))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('<dd>14,85%</dd>', '<dd>14,85</dd>'))).toBe('LAYOUT_CHANGED');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import { EventBus } from '../events/bus';
import type { Pg } from '../storage/pg';
import type { AlertEvent } from '../../contract/portfolio';
import { subscribeAlerts, scopeFor } from './alert-triggers';
import { createRule, evaluateRules, listEvents } from './alerts-service';
import { addManual, createPortfolio } from './store';
import { TransactionInput } from '../../contract/portfolio';
import { createLogger } from '../logging/logger';

let pg: Pg;
beforeAll(async () => {
  pg = await freshPg();
}, 120_000);
afterAll(async () => {
  await pg.close();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
async function bar(ticker: string, date: string, close: number): Promise<void> {
  await pg.query(
    `INSERT INTO daily_bars (ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi, quote_factor)
     VALUES ($1,$2,$3,$3,$3,$3,$3,0,1,1,'BR0000000000','02',1)
     ON CONFLICT (ticker, date) DO UPDATE SET close = EXCLUDED.close`,
    [ticker, date, close],
  );
}

describe('alert rules on stored data', () => {
  it('price above: fires once per crossing, back and forth; a repeated import adds no duplicate', async () => {
    const rule = await createRule(pg, { kind: 'price_above', ticker: 'PETR4', threshold: 30, enabled: true });
    await bar('PETR4', day(-3), 29);
    expect((await evaluateRules(pg)).fired).toHaveLength(0);
    await bar('PETR4', day(-2), 31); // crosses up
    const up = await evaluateRules(pg);
    expect(up.fired).toEqual([
      expect.objectContaining({
        rule_id: rule.id,
        kind: 'price_above',
        ticker: 'PETR4',
        message: 'PETR4: close ' + day(-2) + ' 31.00 > level 30.00',
      }),
    ]);
    expect(up.fired[0]!.data).toEqual([
      { label: `close ${day(-2)}`, value: 31, source: `COTAHIST daily_bars PETR4 ${day(-2)}` },
      { label: 'level', value: 30, source: `alert rule ${rule.id}` },
    ]);
    // The same file imported again: still above, nothing new.
    await bar('PETR4', day(-2), 31);
    expect((await evaluateRules(pg)).fired).toHaveLength(0);
    await bar('PETR4', day(-1), 28); // back below: re-arms, no alert
    expect((await evaluateRules(pg)).fired).toHaveLength(0);
    await bar('PETR4', day(0), 32); // up again: fires again
    expect((await evaluateRules(pg)).fired).toHaveLength(1);
    expect((await listEvents(pg, 10)).filter((e) => e.rule_id === rule.id)).toHaveLength(2);
  });

  it('a dividend announced: existing rows do not fire, a new row with a future payment date does, once', async () => {
    const ins = (ex: string, pay: string, value: number) =>
      pg.query(
        `INSERT INTO dividends (source, ticker, type, source_type, ex_date, payment_date, value, per_shares, snapshot_id) VALUES ('fundamentus','WEGE3','DIVIDENDO','Dividendo',$1,$2,$3,1,1)`,
        [ex, pay, value],
      );
    await ins(day(-30), day(10), 0.1);
    await createRule(pg, { kind: 'dividend_announced', ticker: 'WEGE3', enabled: true });
    expect((await evaluateRules(pg, { kinds: ['dividend_announced'] })).fired).toHaveLength(0);
    await ins(day(5), day(40), 0.2);
    const f = (await evaluateRules(pg, { kinds: ['dividend_announced'] })).fired;
    expect(f).toHaveLength(1);
    expect(f[0]!.data).toContainEqual({ label: 'value per share', value: 0.2, source: 'fundamentus' });
    expect((await evaluateRules(pg, { kinds: ['dividend_announced'] })).fired).toHaveLength(0);
  });

  it("a new CVM filing: only the ticker's own company fires, once per filing", async () => {
    // WEGE3's CVM code from B3's company profile (as the b3 source stores it); 5410 is WEG's.
    await pg.query(
      `INSERT INTO company_profiles (source, ticker, data, fetched_at, snapshot_id) VALUES ('b3','WEGE3','{"cvm_code":"5410"}',now(),1)`,
    );
    const filing = (code: string, company: string, ref: string, snapshot: number) =>
      pg.query(
        `INSERT INTO statements (cvm_code, document, statement, consolidated, ref_date, version, fiscal_order, account_code,
           period_end, account_name, value, cnpj, company, snapshot_id)
         VALUES ($1,'ITR','BPA',true,$2,1,'ÚLTIMO','1',$2,'Ativo Total',1000,'00.000.000/0001-00',$3,$4)`,
        [code, ref, company, snapshot],
      );
    await filing('5410', 'WEG SA', '2026-03-31', 100);
    const rule = await createRule(pg, { kind: 'new_filing', ticker: 'WEGE3', enabled: true });
    const only = { kinds: ['new_filing' as const] };
    expect((await evaluateRules(pg, only)).fired).toHaveLength(0); // what was there before the rule
    await filing('9512', 'PETROBRAS', '2026-06-30', 101); // another company's filing
    expect((await evaluateRules(pg, only)).fired).toHaveLength(0);
    await filing('5410', 'WEG SA', '2026-06-30', 102);
    const f = (await evaluateRules(pg, only)).fired;
    expect(f).toEqual([
      expect.objectContaining({
        rule_id: rule.id,
        ticker: 'WEGE3',
        message: 'WEGE3: new CVM filing: ITR 2026-06-30 WEG SA',
      }),
    ]);
    expect(f[0]!.data).toEqual([
      { label: 'filing', value: 'ITR 2026-06-30 WEG SA', source: 'CVM ITR (cvm_code 5410)' },
    ]);
    expect((await evaluateRules(pg, only)).fired).toHaveLength(0); // the same filing again: nothing
  });

  it("a position's weight above N%: fires when the portfolio changes", async () => {
    const p = await createPortfolio(pg, 'Pesos');
    await bar('VALE3', day(0), 60);
    await createRule(pg, {
      kind: 'weight_above',
      ticker: 'VALE3',
      portfolio_id: p.id,
      threshold: 50,
      enabled: true,
    });
    await addManual(
      pg,
      p.id,
      TransactionInput.parse({ date: day(-1), kind: 'buy', ticker: 'PETR4', quantity: 100, price: 30 }),
    );
    await addManual(
      pg,
      p.id,
      TransactionInput.parse({ date: day(-1), kind: 'buy', ticker: 'VALE3', quantity: 10, price: 60 }),
    );
    // PETR4 100 × 32 = 3 200, VALE3 10 × 60 = 600: 15.8% → no.
    expect((await evaluateRules(pg, { kinds: ['weight_above'] })).fired).toHaveLength(0);
    await addManual(
      pg,
      p.id,
      TransactionInput.parse({ date: day(-1), kind: 'buy', ticker: 'VALE3', quantity: 90, price: 60 }),
    );
    // VALE3 6 000 of 9 200 = 65.2% → fires.
    const f = (await evaluateRules(pg, { kinds: ['weight_above'] })).fired;
    expect(f).toHaveLength(1);
    expect(f[0]!.data[0]!.value).toBeCloseTo(65.217, 2);
  });

  it('stale data and RSI: not firing and firing', async () => {
    await createRule(pg, { kind: 'stale_data', ticker: 'ABEV3', threshold: 7, enabled: true });
    await bar('ABEV3', day(-3), 12);
    expect((await evaluateRules(pg, { kinds: ['stale_data'] })).fired).toHaveLength(0);
    await createRule(pg, { kind: 'stale_data', ticker: 'ITUB4', threshold: 7, enabled: true });
    await bar('ITUB4', day(-20), 30);
    expect((await evaluateRules(pg, { kinds: ['stale_data'] })).fired.map((e) => e.ticker)).toEqual([
      'ITUB4',
    ]);
    // 20 falling closes: RSI 14 = 0 < 30.
    for (let i = 20; i >= 1; i--) await bar('BBDC4', day(-i - 30), 40 - (20 - i));
    await createRule(pg, { kind: 'rsi_below', ticker: 'BBDC4', enabled: true });
    await createRule(pg, { kind: 'rsi_above', ticker: 'BBDC4', enabled: true });
    expect((await evaluateRules(pg, { kinds: ['rsi_below', 'rsi_above'] })).fired.map((e) => e.kind)).toEqual(
      ['rsi_below'],
    );
  });

  it('the bus: a COTAHIST import evaluates the price rules and emits alert.fired', async () => {
    await createRule(pg, { kind: 'price_below', ticker: 'MGLU3', threshold: 10, enabled: true });
    const bus = new EventBus();
    const seen: AlertEvent[] = [];
    bus.subscribe((name, payload) => {
      if (name === 'alert.fired') seen.push(payload as AlertEvent);
    });
    subscribeAlerts(bus, () => pg, createLogger('test'));
    await bar('MGLU3', day(0), 9);
    bus.emit('import.completed', {
      files: 1,
      records: 1,
      imported: 1,
      skipped: 0,
      tickers: 1,
      from: day(0),
      to: day(0),
    });
    await expect.poll(() => seen.map((e) => e.ticker)).toContain('MGLU3');
    expect(scopeFor('job.updated', { job: { status: 'running' } })).toBeNull();
  });
});

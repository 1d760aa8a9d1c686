import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Output } from '../../../../services/contract';
import { bytesToBase64 } from '../../client/base64';
import { getClient } from '../../client';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import { PerformancePanel } from './performance-panel';
import { YearlyReportPanel } from './yearly-report-panel';

type Positions = Output<'portfolios.positions'>;
type Tax = Output<'portfolios.tax'>;
type Alerts = Output<'alerts.list'>['items'];
type Imported = Output<'portfolios.import'>['files'];

const KINDS = ['buy', 'sell', 'dividend', 'jcp', 'fii_income', 'bonus', 'split'] as const;
const RULE_KINDS = [
  'price_above',
  'price_below',
  'rsi_below',
  'rsi_above',
  'weight_above',
  'stale_data',
  'dividend_announced',
  'negative_news',
  'below_bazin',
  'below_graham',
  'new_filing',
] as const;

const lastMonth = (): string => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};
/** A form field as text (a file input would give a File: not used here). */
const field = (f: FormData, k: string): string => {
  const v = f.get(k);
  return typeof v === 'string' ? v.trim() : '';
};
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Positions, a month's DARF, manual entry and alerts; every figure computed by the core. */
export function PortfolioView() {
  const { t, money, int, date, locale } = useI18n();
  const client = getClient();
  const fileId = useId();
  const [positions, setPositions] = useState<Positions | null>(null);
  const [tax, setTax] = useState<Tax | null>(null);
  const [month, setMonth] = useState(lastMonth);
  const [alerts, setAlerts] = useState<Alerts>([]);
  const [ruleCount, setRuleCount] = useState(0);
  const [imported, setImported] = useState<Imported>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [p, a, r] = await Promise.all([
        client.call('portfolios.positions', {}),
        client.call('alerts.list', {}),
        client.call('alerts.rules', {}),
      ]);
      setPositions(p);
      setAlerts(a.items);
      setRuleCount(r.items.length);
    } catch (e) {
      setError(message(e));
    }
  }, [client]);

  useEffect(() => {
    // The first load answers after the effect (the state is set from the call's answer).
    void Promise.resolve().then(refresh);
    const offs = [
      client.on('alert.fired', () => void refresh()),
      client.on('portfolio.changed', () => void refresh()),
    ];
    return () => offs.forEach((off) => off());
  }, [client, refresh]);

  const computeTax = async (e?: FormEvent) => {
    e?.preventDefault();
    try {
      setTax(await client.call('portfolios.tax', { month }));
      setError(null);
    } catch (err) {
      setError(message(err));
    }
  };

  const importFiles = async (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length === 0) return;
    setBusy(true);
    try {
      const uploads = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          dataBase64: bytesToBase64(new Uint8Array(await f.arrayBuffer())),
        })),
      );
      const r = await client.call('portfolios.import', { uploads });
      setImported(r.files);
      setError(null);
      await refresh();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };

  const addTrade = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const n = (k: string) => Number(field(f, k).replace(',', '.')) || 0;
    try {
      await client.call('portfolios.addTransaction', {
        transaction: {
          date: field(f, 'date'),
          kind: field(f, 'kind') as (typeof KINDS)[number],
          ticker: field(f, 'ticker'),
          quantity: n('quantity'),
          price: n('price'),
          fees: n('fees'),
        },
      });
      setError(null);
      await refresh();
    } catch (err) {
      setError(message(err));
    }
  };

  const addRule = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const ticker = field(f, 'ticker');
    const level = field(f, 'level');
    try {
      await client.call('alerts.create', {
        kind: field(f, 'kind') as (typeof RULE_KINDS)[number],
        ...(ticker ? { ticker } : {}),
        ...(level ? { threshold: Number(level.replace(',', '.')) } : {}),
      });
      setError(null);
      await refresh();
    } catch (err) {
      setError(message(err));
    }
  };

  const pct = (x: number | null) =>
    x === null ? '—' : `${(x * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  const qty = (x: number) => (Number.isInteger(x) ? int(x) : x.toLocaleString(locale));
  const m = (x: number | null) => (x === null ? '—' : money(x));
  /** An alert in the user's language: its ticker, its rule and the numbers that fired it. */
  const alertText = (a: Alerts[number]): string => {
    const nums = a.data.flatMap((d) => (typeof d.value === 'number' ? [d.value.toLocaleString(locale)] : []));
    const rule = t(`portfolio.rule.${a.kind}`);
    return `${a.ticker ? `${a.ticker}: ` : ''}${rule}${nums.length ? ` (${nums.join(' / ')})` : ''}`;
  };

  return (
    <main className="content portfolio-view" data-testid="portfolio-view">
      <h2>{t('portfolio.title')}</h2>
      <p className="muted">{t('portfolio.private')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="portfolio-error">
          {error}
        </p>
      )}

      <section className="panel">
        <label htmlFor={fileId}>{t('portfolio.import')}</label>{' '}
        <input
          id={fileId}
          type="file"
          multiple
          accept=".xlsx,.csv"
          data-testid="portfolio-file"
          disabled={busy}
          onChange={(e) => void importFiles(e.target.files)}
        />
        {busy && <span className="muted"> {t('portfolio.importing')}</span>}
        <ul data-testid="portfolio-imported">
          {imported.map((f) => (
            <li key={f.file}>
              {t('portfolio.imported', {
                file: f.file,
                added: f.added,
                rows: f.rows,
                duplicates: f.duplicates,
              })}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel">
        <h3 className="panel-title">{t('portfolio.positions')}</h3>
        {positions && positions.positions.length === 0 ? (
          <p className="muted">{t('portfolio.noPositions')}</p>
        ) : (
          <table className="data-table" data-testid="portfolio-positions">
            <thead>
              <tr>
                {(['ticker', 'class', 'quantity', 'avgCost', 'cost', 'value', 'weight'] as const).map((k) => (
                  <th key={k} scope="col">
                    {t(`portfolio.${k}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {positions?.positions.map((p) => (
                <tr key={p.ticker} data-testid={`position-${p.ticker}`}>
                  <td>{p.ticker}</td>
                  <td>{t(`portfolio.class.${p.asset_class}`)}</td>
                  <td className="num" data-testid={`position-${p.ticker}-qty`}>
                    {qty(p.quantity)}
                  </td>
                  <td className="num">{money(p.average_cost)}</td>
                  <td className="num">{money(p.total_cost)}</td>
                  <td
                    className="num"
                    title={
                      p.last_price_date
                        ? `${money(p.last_price ?? 0)} (${date(p.last_price_date)})`
                        : undefined
                    }
                  >
                    {m(p.market_value)}
                  </td>
                  <td className="num">{pct(p.weight)}</td>
                </tr>
              ))}
            </tbody>
            {positions && (
              <tfoot>
                <tr>
                  <th scope="row">{t('portfolio.total')}</th>
                  <td colSpan={3} />
                  <td className="num">{money(positions.total_cost)}</td>
                  <td className="num">{m(positions.market_value)}</td>
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        )}
        {positions && positions.problems.length > 0 && (
          <details>
            <summary>{t('portfolio.problems')}</summary>
            <ul>
              {positions.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section className="panel">
        <h3 className="panel-title">{t('portfolio.tax')}</h3>
        <form onSubmit={(e) => void computeTax(e)}>
          <label>
            {t('portfolio.month')}{' '}
            <input
              type="month"
              value={month}
              data-testid="tax-month"
              onChange={(e) => setMonth(e.target.value)}
            />
          </label>{' '}
          <button
            type="submit"
            className="button"
            data-testid="tax-compute"
            aria-label={t('a11y.named', { action: t('portfolio.compute'), name: t('portfolio.tax') })}
          >
            {t('portfolio.compute')}
          </button>
        </form>
        {tax && (
          <div data-testid="tax-result">
            {tax.exempt && tax.stock_sales > 0 && <p className="muted">{t('portfolio.exempt')}</p>}
            <table className="data-table">
              <thead>
                <tr>
                  {(['category', 'sales', 'result', 'lossCarried', 'taxDue', 'irrf'] as const).map((k) => (
                    <th key={k} scope="col">
                      {t(`portfolio.${k}` as MessageKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tax.categories.map((c) => (
                  <tr key={c.category}>
                    <td>{t(`portfolio.cat.${c.category}` as MessageKey)}</td>
                    <td className="num">{money(c.sales)}</td>
                    <td className="num">{money(c.net_result)}</td>
                    <td className="num">{money(c.loss_after)}</td>
                    <td className="num">{money(c.tax)}</td>
                    <td className="num">{money(c.irrf)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p data-testid="darf">
              {tax.darf.amount === 0
                ? t('portfolio.noDarf')
                : tax.darf.rolled_over
                  ? t('portfolio.darfRolled', { amount: money(tax.darf.amount) })
                  : t('portfolio.darf', {
                      code: tax.darf.code,
                      amount: money(tax.darf.amount),
                      due: date(tax.darf.due_date),
                    })}
            </p>
          </div>
        )}
      </section>

      <PerformancePanel />
      <YearlyReportPanel />

      <section className="panel">
        <h3 className="panel-title">{t('portfolio.manual')}</h3>
        <form className="portfolio-form" data-testid="manual-form" onSubmit={(e) => void addTrade(e)}>
          <label>
            {t('portfolio.date')} <input name="date" type="date" required />
          </label>
          <label>
            {t('portfolio.kind')}{' '}
            <select name="kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`portfolio.tx.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('portfolio.ticker')} <input name="ticker" required pattern="[A-Za-z0-9]{4,12}" size={8} />
          </label>
          <label>
            {t('portfolio.quantity')} <input name="quantity" inputMode="decimal" size={6} />
          </label>
          <label>
            {t('portfolio.price')} <input name="price" inputMode="decimal" size={8} />
          </label>
          <label>
            {t('portfolio.fees')} <input name="fees" inputMode="decimal" size={6} />
          </label>
          <button type="submit" className="button">
            {t('portfolio.add')}
          </button>
        </form>
      </section>

      <section className="panel">
        <h3 className="panel-title">{t('portfolio.alerts')}</h3>
        <form className="portfolio-form" data-testid="rule-form" onSubmit={(e) => void addRule(e)}>
          <label>
            {t('portfolio.newRule')}{' '}
            <select name="kind">
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`portfolio.rule.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('portfolio.ticker')} <input name="ticker" size={8} />
          </label>
          <label>
            {t('portfolio.level')} <input name="level" inputMode="decimal" size={6} />
          </label>
          <button type="submit" className="button">
            {t('portfolio.addRule')}
          </button>{' '}
          <span className="muted" data-testid="rule-count">
            {t('portfolio.rules', { count: ruleCount })}
          </span>
        </form>
        {alerts.length === 0 ? (
          <p className="muted">{t('portfolio.noAlerts')}</p>
        ) : (
          <ul data-testid="alerts-list">
            {alerts.map((a) => (
              <li
                key={a.id}
                data-testid={`alert-${a.id}`}
                title={a.data.map((d) => `${d.label}: ${String(d.value)} (${d.source})`).join('\n')}
              >
                {alertText(a)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { Output, TesouroBond } from '../../../../services/contract';
import { getClient } from '../../client';
import { formatPrice } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';
import { toUiError } from '../../store/errors';
import { LineChart } from '../chart/line-chart';
import { IngestPanel } from './ingest-panel';
import { formatPct } from './macro-format';

type Bonds = Output<'tesouro.bonds'>;
type History = Output<'tesouro.history'>;
const keyOf = (b: Pick<TesouroBond, 'bond_type' | 'maturity'>): string => `${b.bond_type}|${b.maturity}`;

function BondHistory({ bond }: { bond: TesouroBond }) {
  const { t, locale, date } = useI18n();
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getClient()
      .call('tesouro.history', { bond_type: bond.bond_type, maturity: bond.maturity })
      .then((h) => live && setHistory(h))
      .catch((e: unknown) => live && setError(toUiError(e).message));
    return () => {
      live = false;
    };
  }, [bond.bond_type, bond.maturity]);

  const rates = useMemo(() => {
    const pts = history?.points ?? [];
    const line = (k: 'buy_rate' | 'sell_rate') =>
      pts.flatMap((p) => (p[k] === null ? [] : [{ date: p.date, value: p[k] }]));
    return [
      { label: t('tesouro.rateBuy'), color: '#2563eb', points: line('buy_rate') },
      { label: t('tesouro.rateSell'), color: '#dc2626', points: line('sell_rate') },
    ];
  }, [history, t]);
  const prices = useMemo(
    () => [
      {
        label: t('tesouro.priceBase'),
        color: '#059669',
        points: (history?.points ?? []).flatMap((p) =>
          p.base_price === null ? [] : [{ date: p.date, value: p.base_price }],
        ),
      },
    ],
    [history, t],
  );
  const pctFormat = useMemo(() => (v: number) => formatPct(v, locale), [locale]);
  const priceFormat = useMemo(() => (v: number) => formatPrice(v, locale), [locale]);
  const vars = { name: bond.bond_type, maturity: date(bond.maturity) };
  if (error) return <p className="form-error">{t('tesouro.failed', { message: error })}</p>;
  if (!history) return <p className="muted">{t('tesouro.loading')}</p>;
  return (
    <div className="tesouro-charts" data-testid="tesouro-history">
      <section className="panel">
        <h3 className="panel-title">{t('tesouro.rateChart', vars)}</h3>
        <LineChart
          lines={rates}
          locale={locale}
          format={pctFormat}
          label={t('tesouro.rateChart', vars)}
          testId="tesouro-rate-chart"
          height={220}
        />
      </section>
      <section className="panel">
        <h3 className="panel-title">{t('tesouro.priceChart', vars)}</h3>
        <LineChart
          lines={prices}
          locale={locale}
          format={priceFormat}
          label={t('tesouro.priceChart', vars)}
          testId="tesouro-price-chart"
          height={220}
        />
      </section>
    </div>
  );
}

/** `#/tesouro`: the Tesouro Direto bonds stored locally, current rates and prices, history per bond. */
export function TesouroView() {
  const { t, locale, date, money, int } = useI18n();
  const [data, setData] = useState<Bonds | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    let live = true;
    getClient()
      .call('tesouro.bonds', {})
      .then((b) => {
        if (!live) return;
        setData(b);
        // The first bond still on sale (the latest base date), else the first one.
        const open = b.bonds.find((x) => x.base_date === b.last_date) ?? b.bonds[0];
        setPicked((p) => p ?? (open ? keyOf(open) : null));
      })
      .catch((e: unknown) => live && setError(toUiError(e).message));
    return () => {
      live = false;
    };
  }, [reload]);

  const types = useMemo(() => [...new Set((data?.bonds ?? []).map((b) => b.bond_type))], [data]);
  const rows = (data?.bonds ?? []).filter((b) => !filter || b.bond_type === filter);
  const bond = data?.bonds.find((b) => keyOf(b) === picked) ?? null;
  const pct = (v: number | null): string => (v === null ? '—' : formatPct(v, locale));
  const price = (v: number | null): string => (v === null ? '—' : money(v));

  return (
    <main
      className="jobs-view tesouro-view"
      data-testid="tesouro-view"
      data-state={error ? 'failed' : data ? 'ready' : 'loading'}
    >
      <h2 className="view-title">{t('tesouro.title')}</h2>
      <p className="muted">{t('tesouro.intro')}</p>
      {error && (
        <p className="form-error" role="alert">
          {t('tesouro.failed', { message: error })}
        </p>
      )}
      {!data && !error && <p className="muted">{t('tesouro.loading')}</p>}
      {data && data.bonds.length === 0 && (
        <>
          <p data-testid="tesouro-empty">{t('tesouro.empty')}</p>
          <IngestPanel initialKind="tesouro-treasury-bonds" onDone={() => setReload((n) => n + 1)} />
        </>
      )}
      {data && data.bonds.length > 0 && (
        <>
          <p data-testid="tesouro-summary">
            {t('tesouro.summary', {
              rows: int(data.rows),
              bonds: int(data.bonds.length),
              date: data.last_date ? date(data.last_date) : '—',
              source: 'Tesouro Transparente',
            })}
          </p>
          <label className="tesouro-filter">
            {t('tesouro.filter')}{' '}
            <select
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              data-testid="tesouro-filter"
            >
              <option value="">{t('tesouro.all')}</option>
              {types.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          {bond && <BondHistory key={keyOf(bond)} bond={bond} />}
          <div className="jobs-table-wrap">
            <table className="jobs-table" data-testid="tesouro-table">
              <thead>
                <tr>
                  <th scope="col">{t('tesouro.bond')}</th>
                  <th scope="col">{t('tesouro.maturity')}</th>
                  <th scope="col">{t('tesouro.baseDate')}</th>
                  <th scope="col" className="num">
                    {t('tesouro.buyRate')}
                  </th>
                  <th scope="col" className="num">
                    {t('tesouro.sellRate')}
                  </th>
                  <th scope="col" className="num">
                    {t('tesouro.buyPrice')}
                  </th>
                  <th scope="col" className="num">
                    {t('tesouro.sellPrice')}
                  </th>
                  <th scope="col">{t('tesouro.history')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => (
                  <tr
                    key={keyOf(b)}
                    className={keyOf(b) === picked ? 'is-selected' : undefined}
                    data-testid="tesouro-row"
                  >
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-pressed={keyOf(b) === picked}
                        aria-label={t('tesouro.show', { name: b.bond_type, maturity: date(b.maturity) })}
                        onClick={() => setPicked(keyOf(b))}
                      >
                        {b.bond_type}
                      </button>
                    </td>
                    <td>{date(b.maturity)}</td>
                    <td>{date(b.base_date)}</td>
                    <td className="num">{pct(b.buy_rate)}</td>
                    <td className="num">{pct(b.sell_rate)}</td>
                    <td className="num">{price(b.buy_price)}</td>
                    <td className="num">{price(b.sell_price)}</td>
                    <td className="muted">
                      {t('tesouro.points', { count: int(b.points), date: date(b.first_date) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}

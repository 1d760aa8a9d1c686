import { useState, type FormEvent } from 'react';
import type { Output } from '../../../../services/contract';
import { getClient } from '../../client';
import { useI18n } from '../../i18n/use-i18n';

type Perf = Output<'portfolios.performance'>;

const W = 560;
const H = 140;

/** The portfolio's value per month as a line (months without a value are gaps). */
function ValueChart({ months, label }: { months: Perf['months']; label: string }) {
  const values = months.map((m) => m.value);
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const max = Math.max(...known);
  const min = Math.min(0, ...known);
  const x = (i: number) => (months.length === 1 ? 0 : (i / (months.length - 1)) * (W - 20) + 10);
  const y = (v: number) => H - 10 - ((v - min) / (max - min || 1)) * (H - 20);
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    d += `${d && values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
  });
  return (
    <svg
      className="portfolio-chart"
      width={W}
      height={H}
      role="img"
      aria-label={label}
      data-testid="performance-chart"
    >
      <path d={d} fill="none" stroke="currentColor" strokeWidth={2} />
    </svg>
  );
}

export function PerformancePanel() {
  const { t, money, locale } = useI18n();
  const year = new Date().getUTCFullYear();
  const [from, setFrom] = useState(`${year}-01`);
  const [to, setTo] = useState(new Date().toISOString().slice(0, 7));
  const [perf, setPerf] = useState<Perf | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pct = (v: number | null) =>
    v === null
      ? '—'
      : `${(v * 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;

  const run = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setPerf(await getClient().call('portfolios.performance', { from, to }));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="panel" data-testid="performance-panel">
      <h3 className="panel-title">{t('portfolio.performance')}</h3>
      <form onSubmit={(e) => void run(e)}>
        <label>
          {t('portfolio.from')}{' '}
          <input
            type="month"
            value={from}
            data-testid="perf-from"
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>{' '}
        <label>
          {t('portfolio.to')}{' '}
          <input type="month" value={to} data-testid="perf-to" onChange={(e) => setTo(e.target.value)} />
        </label>{' '}
        <button
          type="submit"
          className="button"
          data-testid="perf-run"
          aria-label={t('a11y.named', { action: t('portfolio.compute'), name: t('portfolio.performance') })}
        >
          {t('portfolio.compute')}
        </button>
      </form>
      {error && <p className="form-error">{error}</p>}
      {perf && (
        <>
          <ValueChart months={perf.months} label={t('portfolio.valueChart')} />
          <p data-testid="perf-summary">
            {t('portfolio.twr')}: {pct(perf.twr)} · {t('portfolio.mwr')}: {pct(perf.mwr_annual)} ·{' '}
            {perf.benchmarks.map((b) => `${b.name} ${pct(b.return)}`).join(' · ')}
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('portfolio.month')}</th>
                <th scope="col">{t('portfolio.value')}</th>
                <th scope="col">{t('portfolio.flow')}</th>
                <th scope="col">{t('portfolio.income')}</th>
                <th scope="col">{t('portfolio.return')}</th>
              </tr>
            </thead>
            <tbody>
              {perf.months.map((m) => (
                <tr key={m.month}>
                  <td>{m.month}</td>
                  <td className="num">{m.value === null ? '—' : money(m.value)}</td>
                  <td className="num">{money(m.net_flow)}</td>
                  <td className="num">{money(m.income)}</td>
                  <td className="num">{pct(m.return)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

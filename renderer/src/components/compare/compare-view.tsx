import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { FUNDAMENTAL_GROUPS } from '../../i18n/field-groups';
import { FieldSelect } from '../field-select';
import type { MessageKey } from '../../i18n/messages';
import { formatSignedPct } from '../../i18n/format-analysis';
import { formatMetric, metricLabel } from '../../i18n/metric-labels';
import { useI18n } from '../../i18n/use-i18n';
import { useCompare, useCompareStoreApi } from '../../store/analysis-store-context';
import { MAX_COMPARE, type CompareInputError, type CompareResult } from '../../store/compare-store';
import { compareTickersFromHash, hashForCompare } from '../../store/hash-route';
import { SlotError } from '../analysis/slot-error';
import { colorOf } from './compare-colors';
import { CurrentBadge, CurrentCell } from '../current-value';

const CompareChart = lazy(() => import('./compare-chart').then((m) => ({ default: m.CompareChart })));

const TREND: Record<string, MessageKey> = {
  UP: 'tech.trend.UP',
  DOWN: 'tech.trend.DOWN',
  SIDEWAYS: 'tech.trend.SIDEWAYS',
};

function inputErrorText(e: CompareInputError, t: ReturnType<typeof useI18n>['t']): string {
  if (e.code === 'empty') return t('compare.errEmpty');
  if (e.code === 'invalid') return t('compare.errInvalid', { ticker: e.ticker });
  return t('compare.errTooMany', { count: e.count, max: MAX_COMPARE });
}

function CompareTable({ result, extra }: { result: CompareResult; extra: readonly string[] }) {
  const { t, locale, money, date } = useI18n();
  const metricKeys = [...new Set([...result.rows.flatMap((r) => Object.keys(r.metrics)), ...extra])];
  const returnKeys = [...new Set(result.rows.flatMap((r) => Object.keys(r.returns)))];
  const returnLabel = (k: string): string =>
    k === '1m'
      ? t('compare.ret1m')
      : k === '12m'
        ? t('compare.ret12m')
        : k === 'since'
          ? result.since
            ? t('compare.retSince', { date: date(result.since) })
            : t('compare.retSinceNone')
          : k;
  return (
    <div className="jobs-table-wrap">
      <table className="jobs-table compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">{t('compare.ticker')}</th>
            <th scope="col" className="num">
              {t('compare.price')}
            </th>
            <th scope="col">{t('compare.asOf')}</th>
            <th scope="col">{t('tech.trend')}</th>
            {returnKeys.map((k) => (
              <th key={k} scope="col" className="num">
                {returnLabel(k)}
              </th>
            ))}
            {metricKeys.map((k) => (
              <th key={k} scope="col" className="num" title={k}>
                {metricLabel(k, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r, i) => {
            const trend = r.trend && Object.hasOwn(TREND, r.trend) ? TREND[r.trend] : undefined;
            return (
              <tr key={r.ticker} data-testid={`compare-row-${r.ticker}`} data-found={r.found}>
                <th scope="row" className="row-head">
                  <span className="swatch" style={{ background: colorOf(i) }} aria-hidden="true" />{' '}
                  <a href={`#/asset/${r.ticker}`}>{r.ticker}</a>
                  {!r.found && <span className="muted"> {t('compare.notFound')}</span>}
                  {(r.name || r.sector) && (
                    <div className="muted cell-note" data-testid={`compare-company-${r.ticker}`}>
                      {[r.name, r.sector].filter(Boolean).join(' · ')}
                    </div>
                  )}
                </th>
                <td className="num">
                  <span
                    data-testid={`compare-price-${r.ticker}`}
                    data-source={r.current['price']?.source ?? ''}
                    data-as-of={r.as_of ?? ''}
                  >
                    {r.price === null ? '—' : money(r.price)}
                  </span>{' '}
                  <CurrentBadge
                    value={r.current['price']}
                    testId={`compare-price-${r.ticker}-badge`}
                    compact
                  />
                </td>
                <td title={r.current['price']?.source}>{r.as_of ? date(r.as_of) : '—'}</td>
                <td data-testid={`compare-trend-${r.ticker}`}>{trend ? t(trend) : (r.trend ?? '—')}</td>
                {returnKeys.map((k) => {
                  const v = r.returns[k] ?? null;
                  return (
                    <td
                      key={k}
                      className={`num ${v === null || v === 0 ? '' : v > 0 ? 'is-up' : 'is-down'}`}
                      data-testid={`compare-ret-${k}-${r.ticker}`}
                    >
                      {formatSignedPct(v, locale)}
                    </td>
                  );
                })}
                {metricKeys.map((k) => (
                  <td key={k} className="num">
                    {r.current[k] ? (
                      <CurrentCell
                        value={r.current[k]}
                        reference={r.as_of}
                        testId={`compare-metric-${k}-${r.ticker}`}
                        compact
                      />
                    ) : (
                      <span data-testid={`compare-metric-${k}-${r.ticker}`}>
                        {formatMetric(k, r.metrics[k] ?? null, locale)}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Up to ten tickers side by side: a normalized price chart and a table of metrics, returns and trend. */
export function CompareView() {
  const { t, locale, date } = useI18n();
  const store = useCompareStoreApi();
  const input = useCompare((s) => s.input);
  const inputError = useCompare((s) => s.inputError);
  const phase = useCompare((s) => s.phase);
  const result = useCompare((s) => s.result);
  const error = useCompare((s) => s.error);
  const setInput = useCompare((s) => s.setInput);
  const [extra, setExtra] = useState<string[]>([]);

  const run = async (): Promise<void> => {
    const tickers = await store.getState().run();
    const want = tickers ? hashForCompare(tickers) : null;
    if (want && location.hash !== want) history.replaceState(null, '', want);
  };

  // `#/compare/PETR4,VALE3` opens with those tickers compared.
  useEffect(() => {
    const fromHash = compareTickersFromHash(location.hash);
    const s = store.getState();
    if (fromHash.length && fromHash.join(',') !== s.tickers.join(',')) {
      s.setInput(fromHash.join(', '));
      void s.run();
    }
  }, [store]);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void run();
  };

  return (
    <main className="jobs-view compare-view" data-testid="compare-view" data-compare-state={phase}>
      <h2 className="view-title">{t('compare.title')}</h2>
      <form className="panel form-grid" onSubmit={onSubmit} aria-label={t('compare.title')}>
        <label className="field field-wide">
          <span className="field-label">{t('compare.inputLabel', { max: MAX_COMPARE })}</span>
          <input
            type="text"
            value={input}
            placeholder={t('compare.placeholder')}
            data-testid="compare-input"
            aria-invalid={inputError !== null}
            onChange={(e) => setInput(e.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          className="button"
          data-testid="compare-run"
          disabled={phase === 'loading'}
          aria-label={phase === 'loading' ? undefined : t('compare.title')}
        >
          {phase === 'loading' ? t('compare.running') : t('compare.run')}
        </button>
        {inputError && (
          <p className="form-error" role="alert" data-testid="compare-input-error">
            {inputErrorText(inputError, t)}
          </p>
        )}
      </form>
      {phase === 'failed' && error && <SlotError error={error} testId="compare-error" />}
      {result && (
        <section className="panel" aria-label={t('compare.chartTitle')}>
          <h3 className="panel-title">
            {result.since ? t('compare.chartSince', { date: date(result.since) }) : t('compare.chartTitle')}
          </h3>
          <ul className="legend" data-testid="compare-legend">
            {result.rows.map((r, i) => (
              <li key={r.ticker}>
                <span className="swatch" style={{ background: colorOf(i) }} aria-hidden="true" /> {r.ticker}
              </li>
            ))}
          </ul>
          <Suspense fallback={<div className="compare-chart" aria-busy="true" />}>
            <CompareChart
              rows={result.rows}
              locale={locale}
              label={t('compare.chartLabel', { tickers: result.tickers.join(', ') })}
            />
          </Suspense>
          <label className="field">
            <span className="field-label">{t('fields.addColumn')}</span>
            <FieldSelect
              value=""
              empty="—"
              testId="compare-add-field"
              label={t('fields.addColumn')}
              groups={FUNDAMENTAL_GROUPS}
              exclude={[...Object.keys(result.rows[0]?.metrics ?? {}), ...extra]}
              onChange={(f) => f && setExtra((x) => [...x, f])}
            />
          </label>
          <CompareTable result={result} extra={extra} />
        </section>
      )}
    </main>
  );
}

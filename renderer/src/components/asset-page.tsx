import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { useAnalysis } from '../store/analysis-store-context';
import { useApp } from '../store/app-store-context';
import { displayCandles } from './chart/series-data';
import { AnalysisCards, AnalysisMissing, useAnalysisOf } from './analysis/analysis-sections';
import { ChartControls } from './analysis/chart-controls';
import { FundamentalsPanel } from './fundamentals-panel';
import { NewsPanel } from './news/news-panel';
import { AssetReportCard } from './reports/asset-report-card';
import { CurrentBadge, CurrentCell } from './current-value';
import { useCurrentValues } from '../store/current-values';
import { metricLabel } from '../i18n/metric-labels';
import type { CurrentValues } from '../../../services/contract/current-value';

// The charting library is the largest dependency: load it in its own chunk, only when a chart shows.
const PriceChart = lazy(() => import('./price-chart').then((m) => ({ default: m.PriceChart })));

export function AssetPage() {
  const selected = useApp((s) => s.selected);
  const { t } = useI18n();
  if (!selected) return <p className="hint">{t('asset.pick')}</p>;
  return <TickerPage selected={selected} />;
}

/** The header's current numbers: price, P/L, P/VP, DY, each with its source, date and badge. */
function CurrentStats({ current }: { current: CurrentValues | null }) {
  const { t, money, date, locale } = useI18n();
  const price = current?.['price'];
  const ref = price?.as_of ?? null;
  return (
    <>
      <div className="stat stat-main">
        <dt>{t('current.price')}</dt>
        <dd data-testid="last-close" data-source={price?.source ?? ''} data-as-of={price?.as_of ?? ''}>
          {price ? money(price.value) : '—'}
          {price && (
            <span className="current-source" data-testid="last-close-source">
              {price.source}
              {price.as_of && price.as_of_basis !== 'unknown' ? ` · ${date(price.as_of)}` : ''}{' '}
              <CurrentBadge value={price} testId="last-close-badge" />
            </span>
          )}
        </dd>
      </div>
      {(['pl', 'pvp', 'dy'] as const).map((k) => (
        <div className="stat" key={k}>
          <dt>{metricLabel(k, locale)}</dt>
          <dd>
            <CurrentCell value={current?.[k]} reference={ref} testId={`asset-current-${k}`} />
          </dd>
        </div>
      ))}
    </>
  );
}

function TickerPage({ selected }: { selected: string }) {
  const i18n = useI18n();
  const { t, money, date, volume } = i18n;
  const asset = useApp((s) => s.asset);
  const loading = useApp((s) => s.assetLoading);
  const missing = useApp((s) => s.assetMissing);
  const technical = useAnalysis((s) => (s.ticker === selected ? s.technical.data : null));
  const priceMode = useAnalysis((s) => s.priceMode);
  const layers = useAnalysis((s) => s.layers);
  const patternLabel = useCallback(
    (type: string) =>
      type === 'golden_cross'
        ? t('tech.marker.golden_cross')
        : type === 'death_cross'
          ? t('tech.marker.death_cross')
          : type,
    [t],
  );
  const mine = asset?.ticker === selected ? asset : null;
  // Loaded once the quotes have answered, and again when new quotes land.
  useAnalysisOf(selected, loading ? null : (mine?.bars.at(-1)?.date ?? 'none'));
  const current = useCurrentValues(selected, loading ? null : (mine?.bars.at(-1)?.date ?? 'none'));
  const adjusted = priceMode !== 'raw';
  const series = technical?.series;
  const candlesAdjusted = useMemo(
    () => (mine ? displayCandles(mine.bars, series, adjusted).adjusted : false),
    [mine, series, adjusted],
  );

  if (!mine) {
    if (loading) return <p className="hint">{t('asset.loading')}</p>;
    // No quotes (or they failed to load, see the banner): the fundamentals may still be there.
    return (
      <article className="asset-page" data-testid="asset-page" data-quotes="none">
        <header className="asset-head">
          <h2 className="asset-title">
            <span className="asset-ticker" data-testid="asset-ticker">
              {selected}
            </span>
          </h2>
        </header>
        <dl className="stats">
          <CurrentStats current={current} />
        </dl>
        {missing && (
          <p className="muted" data-testid="asset-no-quotes">
            {t('asset.noQuotes', { ticker: selected })}
          </p>
        )}
        <AnalysisMissing />
        <FundamentalsPanel ticker={selected} />
        <AnalysisCards withTechnical={false} />
        <AssetReportCard ticker={selected} />
        <NewsPanel ticker={selected} />
      </article>
    );
  }

  const { security, bars } = mine;
  const last = bars.at(-1);
  const first = bars[0];
  const lastDate = last?.date ?? security.lastDate;

  return (
    <article className="asset-page" data-testid="asset-page" aria-busy={loading}>
      <header className="asset-head">
        <h2 className="asset-title">
          <span className="asset-ticker" data-testid="asset-ticker">
            {security.ticker}
          </span>
          <span className="asset-name" data-testid="asset-name">
            {security.name}
            {security.specification ? <small> {security.specification}</small> : null}
          </span>
        </h2>
        {first && last && (
          <p className="asset-span">
            {bars.length === 1
              ? t('asset.barsOne', { from: date(last.date) })
              : t('asset.bars', {
                  count: i18n.int(bars.length),
                  from: date(first.date),
                  to: date(last.date),
                })}
          </p>
        )}
      </header>
      <dl className="stats">
        <CurrentStats current={current} />
        <div className="stat">
          <dt>{t('current.lastSession')}</dt>
          <dd data-testid="last-date" title={last ? money(last.close) : undefined}>
            {date(lastDate)}
            {last && <span className="current-source">{money(last.close)}</span>}
          </dd>
        </div>
        <div className="stat">
          <dt>{t('asset.dayRange')}</dt>
          <dd data-testid="day-range">{last ? `${money(last.low)} – ${money(last.high)}` : '—'}</dd>
        </div>
        <div className="stat">
          <dt>{t('asset.volume')}</dt>
          <dd data-testid="volume" title={last ? volume(last.volume, 'compact') : undefined}>
            {last ? volume(last.volume) : '—'}
          </dd>
        </div>
      </dl>
      <AnalysisMissing />
      <ChartControls candlesAdjusted={candlesAdjusted} />
      <Suspense fallback={<div className="price-chart" aria-busy="true" />}>
        <PriceChart
          bars={bars}
          technical={technical}
          adjusted={adjusted}
          layers={layers}
          locale={i18n.locale}
          label={t('asset.chart', { ticker: security.ticker })}
          patternLabel={patternLabel}
        />
      </Suspense>
      <FundamentalsPanel ticker={security.ticker} />
      <AnalysisCards withTechnical />
      <AssetReportCard ticker={security.ticker} />
      <NewsPanel ticker={security.ticker} />
    </article>
  );
}

import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { CurrentValues } from '../../../services/contract/current-value';
import { useI18n } from '../i18n/use-i18n';
import { useAnalysis } from '../store/analysis-store-context';
import { useApp } from '../store/app-store-context';
import type { AppState } from '../store/app-store';
import { useCurrentValues } from '../store/current-values';
import { AnalysisMissing, useAnalysisOf } from './analysis/analysis-sections';
import { ChartControls } from './analysis/chart-controls';
import { DividendsHistory } from './analysis/dividends-history';
import { TechnicalSummary } from './analysis/technical-summary';
import { ValuationCard } from './analysis/valuation-card';
import { AssetHeader } from './asset/asset-header';
import { AssetSectionBox } from './asset/section-nav';
import { displayCandles } from './chart/series-data';
import { FundamentalsPanel } from './fundamentals-panel';
import { NewsPanel } from './news/news-panel';
import { AssetReportCard } from './reports/asset-report-card';

// The charting library is the largest dependency: load it in its own chunk, only when a chart shows.
const PriceChart = lazy(() => import('./price-chart').then((m) => ({ default: m.PriceChart })));

type Asset = NonNullable<AppState['asset']>;

export function AssetPage() {
  const selected = useApp((s) => s.selected);
  const { t } = useI18n();
  if (!selected) return <p className="hint">{t('asset.pick')}</p>;
  return <TickerPage selected={selected} />;
}

/** Resumo: the last session in the database (close, range, traded value) and what is missing. */
function Summary({ asset }: { asset: Asset | null }) {
  const i18n = useI18n();
  const { t, money, date, volume } = i18n;
  const bars = asset?.bars ?? [];
  const last = bars.at(-1);
  const first = bars[0];
  return (
    <>
      {asset && (
        <dl className="stats">
          <div className="stat">
            <dt>{t('current.lastSession')}</dt>
            <dd data-testid="last-date" title={last ? money(last.close) : undefined}>
              {date(last?.date ?? asset.security.lastDate)}
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
      )}
      {asset && first && last && (
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
      <AnalysisMissing />
    </>
  );
}

/** Gráfico: the candles with the technical layers, and the technical summary. */
function Chart({ asset }: { asset: Asset }) {
  const { t, locale } = useI18n();
  const technical = useAnalysis((s) => (s.ticker === asset.ticker ? s.technical.data : null));
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
  const adjusted = priceMode !== 'raw';
  const series = technical?.series;
  const candlesAdjusted = useMemo(
    () => displayCandles(asset.bars, series, adjusted).adjusted,
    [asset.bars, series, adjusted],
  );
  return (
    <>
      <ChartControls candlesAdjusted={candlesAdjusted} />
      <Suspense fallback={<div className="price-chart" aria-busy="true" />}>
        <PriceChart
          bars={asset.bars}
          technical={technical}
          adjusted={adjusted}
          layers={layers}
          locale={locale}
          label={t('asset.chart', { ticker: asset.security.ticker })}
          patternLabel={patternLabel}
        />
      </Suspense>
      <TechnicalSummary />
    </>
  );
}

function TickerPage({ selected }: { selected: string }) {
  const { t } = useI18n();
  const asset = useApp((s) => s.asset);
  const loading = useApp((s) => s.assetLoading);
  const mine = asset?.ticker === selected ? asset : null;
  const version = loading ? null : (mine?.bars.at(-1)?.date ?? 'none');
  // Loaded once the quotes have answered, and again when new quotes land.
  useAnalysisOf(selected, version);
  const current: CurrentValues | null = useCurrentValues(selected, version);
  const analysisPhase = useAnalysis((s) => (s.ticker === selected ? s.fundamental.phase : 'loading'));

  if (!mine && loading) return <p className="hint">{t('asset.loading')}</p>;
  const ticker = mine?.security.ticker ?? selected;
  const settled = [version ?? '', current ? 'c' : '', analysisPhase].join('|');

  return (
    <article
      className="asset-page"
      data-testid="asset-page"
      aria-busy={loading}
      data-quotes={mine ? undefined : 'none'}
    >
      <AssetHeader
        ticker={ticker}
        security={mine?.security ?? null}
        bars={mine?.bars ?? []}
        current={current}
        settled={settled}
      />
      <AssetSectionBox section="summary">
        <Summary asset={mine} />
      </AssetSectionBox>
      <AssetSectionBox section="chart">
        {mine ? (
          <Chart asset={mine} />
        ) : (
          <p className="muted" data-testid="asset-no-quotes">
            {t('asset.noQuotes', { ticker: selected })}
          </p>
        )}
      </AssetSectionBox>
      <AssetSectionBox section="indicators">
        <FundamentalsPanel ticker={ticker} version={version} />
      </AssetSectionBox>
      <AssetSectionBox section="valuation">
        <ValuationCard />
      </AssetSectionBox>
      <AssetSectionBox section="dividends">
        <DividendsHistory />
      </AssetSectionBox>
      <AssetSectionBox section="news">
        <NewsPanel ticker={ticker} />
      </AssetSectionBox>
      <AssetSectionBox section="report">
        <AssetReportCard ticker={ticker} />
      </AssetSectionBox>
    </article>
  );
}

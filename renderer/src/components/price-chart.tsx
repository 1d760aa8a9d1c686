import { useEffect, useMemo, useRef } from 'react';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import type { DailyBar } from '../../../services/contract';
import { formatCompact, formatDate, formatPrice, type Locale } from '../i18n/format';
import type { TechnicalBlock } from '../store/analysis-blocks';
import type { ChartLayers } from '../store/chart-layers';
import { timeToIso } from './chart-data';
import { drawIndicators, lowerPaneCount } from './chart/indicator-layers';
import { DOWN, UP } from './chart/layer-colors';
import { displayCandles, volumesFor } from './chart/series-data';

interface Chart {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  markers: ISeriesMarkersPluginApi<Time>;
  layers: ISeriesApi<SeriesType>[];
}

interface Props {
  bars: readonly DailyBar[];
  /** The technical block (with its series) the overlays and panes draw; null: candles only. */
  technical: TechnicalBlock | null;
  /** The prices the user chose: adjusted (candles follow when the series carries its closes). */
  adjusted: boolean;
  layers: ChartLayers;
  locale: Locale;
  label: string;
  /** Short names of the golden and death crosses, marked on the candles. */
  patternLabel: (type: string) => string;
}

const MARKED = new Set(['golden_cross', 'death_cross']);
const PRICE_PANE = 380;
const LOWER_PANE = 120;

/** Candlesticks with indicator overlays and panes (volume, RSI, MACD); follows its container's width. */
export function PriceChart({ bars, technical, adjusted, layers, locale, label, patternLabel }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const series = technical?.series;
  const shown = useMemo(() => displayCandles(bars, series, adjusted), [bars, series, adjusted]);
  const lower = lowerPaneCount(layers, Boolean(series));
  const height = PRICE_PANE + LOWER_PANE * lower;

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const chart = createChart(el, {
      width: el.clientWidth,
      height: el.clientHeight,
      layout: {
        background: { type: ColorType.Solid, color: '#ffffff' },
        textColor: '#334155',
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        panes: { separatorColor: '#d8dee6' },
      },
      grid: { vertLines: { color: '#eef2f6' }, horzLines: { color: '#eef2f6' } },
      rightPriceScale: { borderColor: '#d8dee6', scaleMargins: { top: 0.08, bottom: 0.08 } },
      timeScale: { borderColor: '#d8dee6', rightOffset: 2, minBarSpacing: 2, maxBarSpacing: 40 },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderUpColor: UP,
      borderDownColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    chartRef.current = { chart, candles, markers: createSeriesMarkers(candles, []), layers: [] };

    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect && rect.width > 0 && rect.height > 0)
        chart.resize(Math.floor(rect.width), Math.floor(rect.height));
    });
    observer.observe(el);

    return () => {
      observer.disconnect();
      chartRef.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const c = chartRef.current;
    if (!c) return;
    c.chart.applyOptions({
      localization: {
        locale: locale === 'en' ? 'en-US' : 'pt-BR',
        timeFormatter: (t: Time) => formatDate(timeToIso(t), locale),
      },
    });
    // Per series, not chart-wide: a chart-wide price formatter would also format the volume pane.
    c.candles.applyOptions({
      priceFormat: { type: 'custom', formatter: (p: number) => formatPrice(p, locale), minMove: 0.01 },
    });
  }, [locale]);

  useEffect(() => {
    const c = chartRef.current;
    if (!c) return;
    c.candles.setData(shown.candles);
    c.layers = drawIndicators(c.chart, c.layers, {
      series,
      volumes: volumesFor(bars, shown.candles, `${UP}66`, `${DOWN}66`),
      layers,
      formatValue: (v) => formatPrice(v, locale),
      formatVolume: (v) => formatCompact(v, locale),
    });
    // Only the rare crosses of the averages are marked on the candles (the frequent MACD crosses and
    // band touches show in their own pane and in the summary's list).
    const dates = new Set(shown.candles.map((k) => k.time));
    c.markers.setMarkers(
      (technical?.patterns ?? [])
        .filter((p) => MARKED.has(p.type) && dates.has(p.date))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .map((p) => {
          const bearish = p.type === 'death_cross';
          return {
            time: p.date,
            position: bearish ? ('aboveBar' as const) : ('belowBar' as const),
            shape: bearish ? ('arrowDown' as const) : ('arrowUp' as const),
            color: bearish ? DOWN : UP,
            text: patternLabel(p.type),
          };
        }),
    );
    c.chart.timeScale().fitContent();
  }, [bars, shown, series, layers, locale, technical, patternLabel]);

  return (
    <div
      ref={containerRef}
      className="price-chart"
      style={{ height }}
      data-testid="price-chart"
      data-candles={shown.adjusted ? 'adjusted' : 'raw'}
      data-panes={lower}
      role="figure"
      aria-label={label}
    />
  );
}

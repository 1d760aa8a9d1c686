import { useEffect, useRef } from 'react';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type Time,
} from 'lightweight-charts';
import type { DailyBar } from '../../../services/contract';
import { formatCompact, formatDate, formatPrice, type Locale } from '../i18n/format';
import { barsToCandles, barsToVolumes, timeToIso } from './chart-data';

const UP = '#15803d';
const DOWN = '#b91c1c';

interface Chart {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
}

interface Props {
  bars: readonly DailyBar[];
  locale: Locale;
  label: string;
}

/** Candlesticks with a volume histogram underneath; follows its container's size. */
export function PriceChart({ bars, locale, label }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);

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
      },
      grid: { vertLines: { color: '#eef2f6' }, horzLines: { color: '#eef2f6' } },
      rightPriceScale: { borderColor: '#d8dee6', scaleMargins: { top: 0.08, bottom: 0.28 } },
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
    const volume = chart.addSeries(HistogramSeries, {
      priceScaleId: '',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    chartRef.current = { chart, candles, volume };

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
        priceFormatter: (p: number) => formatPrice(p, locale),
        timeFormatter: (t: Time) => formatDate(timeToIso(t), locale),
      },
    });
    c.volume.applyOptions({
      priceFormat: { type: 'custom', formatter: (v: number) => formatCompact(v, locale) },
    });
  }, [locale]);

  useEffect(() => {
    const c = chartRef.current;
    if (!c) return;
    c.candles.setData(barsToCandles(bars));
    c.volume.setData(barsToVolumes(bars, `${UP}66`, `${DOWN}66`));
    c.chart.timeScale().fitContent();
  }, [bars]);

  return (
    <div ref={containerRef} className="price-chart" data-testid="price-chart" role="img" aria-label={label} />
  );
}

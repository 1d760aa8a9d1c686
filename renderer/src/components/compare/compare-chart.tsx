import { useEffect, useRef } from 'react';
import {
  ColorType,
  createChart,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type Time,
} from 'lightweight-charts';
import { formatDate, formatPrice, type Locale } from '../../i18n/format';
import type { CompareRow } from '../../store/compare-store';
import { timeToIso } from '../chart-data';
import { colorOf } from './compare-colors';

interface Props {
  rows: readonly CompareRow[];
  locale: Locale;
  label: string;
}

/** The tickers' closes rebased to 100 at the first common date, one line each. */
export function CompareChart({ rows, locale, label }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{ chart: IChartApi; lines: ISeriesApi<'Line'>[] } | null>(null);

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
      rightPriceScale: { borderColor: '#d8dee6' },
      timeScale: { borderColor: '#d8dee6', rightOffset: 2 },
    });
    chartRef.current = { chart, lines: [] };
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
    chartRef.current?.chart.applyOptions({
      localization: {
        locale: locale === 'en' ? 'en-US' : 'pt-BR',
        priceFormatter: (p: number) => formatPrice(p, locale),
        timeFormatter: (t: Time) => formatDate(timeToIso(t), locale),
      },
    });
  }, [locale]);

  useEffect(() => {
    const c = chartRef.current;
    if (!c) return;
    for (const l of c.lines) c.chart.removeSeries(l);
    c.lines = rows.map((r, i) => {
      const line = c.chart.addSeries(LineSeries, {
        color: colorOf(i),
        lineWidth: 2,
        title: r.ticker,
        // A line of one or two points is hard to see: mark the points.
        pointMarkersVisible: r.normalized.length < 30,
        priceLineVisible: false,
      });
      line.setData(r.normalized.map((p) => ({ time: p.date, value: p.value })));
      return line;
    });
    c.chart.timeScale().fitContent();
  }, [rows]);

  return (
    <div
      ref={containerRef}
      className="compare-chart"
      data-testid="compare-chart"
      data-lines={rows.length}
      data-points={rows.map((r) => r.normalized.length).join(',')}
      role="figure"
      aria-label={label}
    />
  );
}

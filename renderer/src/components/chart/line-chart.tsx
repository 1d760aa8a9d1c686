import { useEffect, useRef } from 'react';
import { ColorType, createChart, LineSeries, type IChartApi, type Time } from 'lightweight-charts';
import { formatDate, type Locale } from '../../i18n/format';
import { timeToIso } from '../chart-data';

export interface LinePoint {
  date: string;
  value: number;
}

export interface LineData {
  label: string;
  color: string;
  points: readonly LinePoint[];
}

interface Props {
  lines: readonly LineData[];
  locale: Locale;
  /** How the axis and the crosshair show a value. */
  format: (v: number) => string;
  label: string;
  height?: number;
  testId?: string;
}

/** One or more dated lines (a macro series, a bond's rate and price); follows its container's width. */
export function LineChart({ lines, locale, format, label, height = 260, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = createChart(el, {
      width: el.clientWidth,
      height,
      layout: {
        background: { type: ColorType.Solid, color: '#ffffff' },
        textColor: '#334155',
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      },
      grid: { vertLines: { color: '#eef2f6' }, horzLines: { color: '#eef2f6' } },
      rightPriceScale: { borderColor: '#d8dee6' },
      timeScale: { borderColor: '#d8dee6' },
    });
    chartRef.current = chart;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && w > 0) chart.resize(Math.floor(w), height);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chartRef.current = null;
      chart.remove();
    };
  }, [height]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.applyOptions({
      localization: {
        locale: locale === 'en' ? 'en-US' : 'pt-BR',
        timeFormatter: (t: Time) => formatDate(timeToIso(t), locale),
        priceFormatter: format,
      },
    });
    const added = lines.map((l) =>
      chart.addSeries(LineSeries, { color: l.color, lineWidth: 2, title: l.label, priceLineVisible: false }),
    );
    lines.forEach((l, i) => added[i]?.setData(l.points.map((p) => ({ time: p.date, value: p.value }))));
    chart.timeScale().fitContent();
    return () => {
      // On unmount the chart's own effect removed it first: its series went with it.
      if (chartRef.current !== chart) return;
      for (const s of added) chart.removeSeries(s);
    };
  }, [lines, locale, format]);

  return (
    <div
      ref={ref}
      className="line-chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={lines.reduce((n, l) => n + l.points.length, 0)}
      style={{ height }}
    />
  );
}

import {
  HistogramSeries,
  LineSeries,
  LineStyle,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import type { TechnicalSeries } from '../../store/analysis-blocks';
import { panesShown, type ChartLayers, type OverlayId } from '../../store/chart-layers';
import { DOWN, LAYER_COLORS, UP } from './layer-colors';
import { columnToHistogram, columnToLine, type Column } from './series-data';

const LINE = { lineWidth: 1, priceLineVisible: false, lastValueVisible: false } as const;

export interface IndicatorInput {
  series: TechnicalSeries | undefined;
  volumes: HistogramData<Time>[];
  layers: ChartLayers;
  /** Formats the RSI and MACD axes and values. */
  formatValue: (v: number) => string;
  formatVolume: (v: number) => string;
}

/** The single-line overlays and the columns they draw. */
const LINE_OVERLAYS: ReadonlyArray<[Exclude<OverlayId, 'bollinger'>, (s: TechnicalSeries) => Column]> = [
  ['sma_20', (s) => s.sma_20],
  ['sma_50', (s) => s.sma_50],
  ['sma_200', (s) => s.sma_200],
  ['ema_9', (s) => s.ema_9],
  ['ema_21', (s) => s.ema_21],
];

/**
 * Draws the indicator layers afresh: removes the previous ones (their panes go with them) and adds
 * the overlays on the price pane and one pane per indicator shown below it (volume, RSI, MACD).
 * Returns the series added, for the next call to remove.
 */
export function drawIndicators(
  chart: IChartApi,
  previous: readonly ISeriesApi<SeriesType>[],
  input: IndicatorInput,
): ISeriesApi<SeriesType>[] {
  for (const s of previous) chart.removeSeries(s);
  const added: ISeriesApi<SeriesType>[] = [];
  const { series, layers } = input;
  const custom = (f: (v: number) => string) => ({ type: 'custom' as const, formatter: f });

  if (series) {
    for (const [id, pick] of LINE_OVERLAYS) {
      if (!layers[id]) continue;
      const line = chart.addSeries(LineSeries, { ...LINE, color: LAYER_COLORS[id], title: '' }, 0);
      line.setData(columnToLine(series.dates, pick(series)));
      added.push(line);
    }
    if (layers.bollinger) {
      const b = series.bollinger;
      for (const [col, style] of [
        [b.upper, LineStyle.Solid],
        [b.middle, LineStyle.Dashed],
        [b.lower, LineStyle.Solid],
      ] as const) {
        const line = chart.addSeries(
          LineSeries,
          { ...LINE, color: LAYER_COLORS.bollinger, lineStyle: style },
          0,
        );
        line.setData(columnToLine(series.dates, col));
        added.push(line);
      }
    }
  }

  let pane = 1;
  for (const id of panesShown(layers)) {
    if (id === 'volume') {
      const v = chart.addSeries(
        HistogramSeries,
        { priceFormat: custom(input.formatVolume), lastValueVisible: false, priceLineVisible: false },
        pane,
      );
      v.setData(input.volumes);
      added.push(v);
    } else if (!series) {
      continue;
    } else if (id === 'rsi') {
      const rsi = chart.addSeries(
        LineSeries,
        { ...LINE, color: LAYER_COLORS.rsi, priceFormat: custom(input.formatValue) },
        pane,
      );
      rsi.setData(columnToLine(series.dates, series.rsi_14));
      for (const price of [30, 70])
        rsi.createPriceLine({
          price,
          color: '#94a3b8',
          lineWidth: 1,
          lineStyle: LineStyle.Dashed,
          axisLabelVisible: true,
          title: '',
        });
      added.push(rsi);
    } else {
      const m = series.macd;
      const hist = chart.addSeries(
        HistogramSeries,
        { priceFormat: custom(input.formatValue), lastValueVisible: false, priceLineVisible: false },
        pane,
      );
      hist.setData(columnToHistogram(series.dates, m.histogram, `${UP}99`, `${DOWN}99`));
      const macd = chart.addSeries(LineSeries, { ...LINE, color: LAYER_COLORS.macd }, pane);
      macd.setData(columnToLine(series.dates, m.macd));
      const signal = chart.addSeries(LineSeries, { ...LINE, color: LAYER_COLORS.signal }, pane);
      signal.setData(columnToLine(series.dates, m.signal));
      added.push(hist, macd, signal);
    }
    pane += 1;
  }
  const panes = chart.panes();
  panes.forEach((p, i) => p.setStretchFactor(i === 0 ? 3 : 1));
  return added;
}

/** How many panes below the price pane the layers ask for (for the chart's height). */
export function lowerPaneCount(layers: ChartLayers, hasSeries: boolean): number {
  return panesShown(layers).filter((p) => p === 'volume' || hasSeries).length;
}

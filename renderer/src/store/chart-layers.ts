/** What the price chart draws besides the candles: overlays on the price pane, panes below it. */
export const OVERLAY_IDS = ['sma_20', 'sma_50', 'sma_200', 'ema_9', 'ema_21', 'bollinger'] as const;
export const PANE_IDS = ['volume', 'rsi', 'macd'] as const;

export type OverlayId = (typeof OVERLAY_IDS)[number];
export type PaneId = (typeof PANE_IDS)[number];
export type LayerId = OverlayId | PaneId;

export type ChartLayers = Record<LayerId, boolean>;

export const DEFAULT_LAYERS: ChartLayers = {
  sma_20: true,
  sma_50: true,
  sma_200: true,
  ema_9: false,
  ema_21: false,
  bollinger: false,
  volume: true,
  rsi: true,
  macd: true,
};

/** The panes shown, top to bottom (the price pane is above them all). */
export function panesShown(layers: ChartLayers): PaneId[] {
  return PANE_IDS.filter((p) => layers[p]);
}

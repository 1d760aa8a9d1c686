import type { OverlayId } from '../../store/chart-layers';

export const UP = '#15803d';
export const DOWN = '#b91c1c';

/** One colour per overlay; the legend in the controls uses the same. */
export const LAYER_COLORS: Record<OverlayId | 'rsi' | 'macd' | 'signal', string> = {
  sma_20: '#2563eb',
  sma_50: '#d97706',
  sma_200: '#7c3aed',
  ema_9: '#0891b2',
  ema_21: '#db2777',
  bollinger: '#64748b',
  rsi: '#7c3aed',
  macd: '#2563eb',
  signal: '#d97706',
};

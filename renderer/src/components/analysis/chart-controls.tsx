import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import { useAnalysis } from '../../store/analysis-store-context';
import type { ChartPriceMode } from '../../store/analysis-store';
import { OVERLAY_IDS, PANE_IDS, type LayerId } from '../../store/chart-layers';
import { LAYER_COLORS } from '../chart/layer-colors';

const LAYER_LABEL: Record<LayerId, MessageKey> = {
  sma_20: 'chart.sma20',
  sma_50: 'chart.sma50',
  sma_200: 'chart.sma200',
  ema_9: 'chart.ema9',
  ema_21: 'chart.ema21',
  bollinger: 'chart.bollinger',
  volume: 'chart.volume',
  rsi: 'chart.rsi',
  macd: 'chart.macd',
};

const MODES: ReadonlyArray<{ mode: ChartPriceMode; label: MessageKey }> = [
  { mode: 'total_return', label: 'chart.adjusted' },
  { mode: 'raw', label: 'chart.raw' },
];

function LayerBox({ id }: { id: LayerId }) {
  const { t } = useI18n();
  const on = useAnalysis((s) => s.layers[id]);
  const setLayer = useAnalysis((s) => s.setLayer);
  const color = id in LAYER_COLORS ? LAYER_COLORS[id as keyof typeof LAYER_COLORS] : undefined;
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={on}
        data-testid={`chart-layer-${id}`}
        onChange={(e) => setLayer(id, e.currentTarget.checked)}
      />
      {color && <span className="swatch" style={{ background: color }} aria-hidden="true" />}
      {t(LAYER_LABEL[id])}
    </label>
  );
}

/** The chart's price mode (adjusted or raw) and which overlays and panes it draws. */
export function ChartControls({ candlesAdjusted }: { candlesAdjusted: boolean }) {
  const { t } = useI18n();
  const mode = useAnalysis((s) => s.priceMode);
  const setPriceMode = useAnalysis((s) => s.setPriceMode);
  const phase = useAnalysis((s) => s.technical.phase);
  const applied = useAnalysis((s) => s.technical.data?.adjustments.applied ?? 0);

  return (
    <div className="chart-controls" data-testid="chart-controls">
      <fieldset className="control-group" data-testid="price-mode" data-mode={mode}>
        <legend>{t('chart.prices')}</legend>
        {MODES.map((m) => (
          <label key={m.mode} className="check">
            <input
              type="radio"
              name="price-mode"
              value={m.mode}
              checked={mode === m.mode}
              data-testid={`price-mode-${m.mode}`}
              onChange={() => void setPriceMode(m.mode)}
            />
            {t(m.label)}
          </label>
        ))}
      </fieldset>
      <fieldset className="control-group">
        <legend>{t('chart.overlays')}</legend>
        {OVERLAY_IDS.map((id) => (
          <LayerBox key={id} id={id} />
        ))}
      </fieldset>
      <fieldset className="control-group">
        <legend>{t('chart.panes')}</legend>
        {PANE_IDS.map((id) => (
          <LayerBox key={id} id={id} />
        ))}
      </fieldset>
      <p className="muted chart-note" data-testid="price-mode-note" aria-live="polite">
        {phase === 'loading'
          ? t('chart.loadingIndicators')
          : mode === 'raw'
            ? t('chart.noteRaw')
            : t('chart.noteAdjusted', { count: applied })}
        {mode !== 'raw' && !candlesAdjusted && applied > 0 ? ` ${t('chart.noteCandlesRaw')}` : ''}
      </p>
    </div>
  );
}

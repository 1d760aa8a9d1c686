import type { MessageKey } from '../../i18n/messages';
import { metricLabel } from '../../i18n/metric-labels';
import { useI18n } from '../../i18n/use-i18n';
import { useScreener } from '../../store/analysis-store-context';
import { SCREEN_OPS, type ConditionDraft, type ScreenOp } from '../../store/screener-store';

const OP_LABEL: Record<ScreenOp, MessageKey> = {
  gt: 'screener.op.gt',
  gte: 'screener.op.gte',
  lt: 'screener.op.lt',
  lte: 'screener.op.lte',
  eq: 'screener.op.eq',
  between: 'screener.op.between',
};

/** Fields a screen can use: the sites' fundamentals, the magic formula rank and technical readings. */
export const SCREEN_FIELDS = [
  'pl',
  'pvp',
  'psr',
  'dy',
  'payout',
  'roe',
  'roic',
  'roa',
  'net_margin',
  'ebit_margin',
  'gross_margin',
  'ev_ebit',
  'ev_ebitda',
  'p_ebit',
  'lpa',
  'vpa',
  'price',
  'market_cap',
  'liquidity_2m',
  'avg_volume_2m',
  'current_ratio',
  'gross_debt_to_equity',
  'net_debt_to_equity',
  'net_debt_to_ebitda',
  'revenue_cagr_5y',
  'earnings_cagr_5y',
  'magic_formula_rank',
  'rsi_14',
  'sma_20',
  'sma_50',
  'sma_200',
  'ema_21',
  'atr_14',
  'trend_strength',
  'close_vs_sma_200_pct',
] as const;

export const FIELDS_LIST_ID = 'screener-fields';

/** The datalist the field inputs suggest from (any other key may still be typed). */
export function FieldOptions() {
  const { locale } = useI18n();
  return (
    <datalist id={FIELDS_LIST_ID}>
      {SCREEN_FIELDS.map((f) => (
        <option key={f} value={f}>
          {metricLabel(f, locale)}
        </option>
      ))}
    </datalist>
  );
}

/** One condition: field, operator, value (and the upper bound for "between"), and a remove button. */
export function ConditionRow({ index, c }: { index: number; c: ConditionDraft }) {
  const { t, locale } = useI18n();
  const update = useScreener((s) => s.updateCondition);
  const remove = useScreener((s) => s.removeCondition);
  const n = index + 1;
  return (
    <li className="form-grid condition-row" data-testid={`screener-cond-${index}`}>
      <label className="field">
        <span className="field-label">{t('screener.field')}</span>
        <input
          type="text"
          list={FIELDS_LIST_ID}
          value={c.field}
          data-testid={`screener-cond-field-${index}`}
          aria-label={t('screener.fieldN', { n })}
          title={c.field ? metricLabel(c.field, locale) : undefined}
          onChange={(e) => update(index, { field: e.currentTarget.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('screener.op')}</span>
        <select
          value={c.op}
          data-testid={`screener-cond-op-${index}`}
          onChange={(e) => update(index, { op: e.currentTarget.value as ScreenOp })}
        >
          {SCREEN_OPS.map((op) => (
            <option key={op} value={op}>
              {t(OP_LABEL[op])}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-narrow">
        <span className="field-label">{t('screener.value')}</span>
        <input
          type="text"
          inputMode="decimal"
          value={c.value}
          data-testid={`screener-cond-value-${index}`}
          onChange={(e) => update(index, { value: e.currentTarget.value })}
        />
      </label>
      {c.op === 'between' && (
        <label className="field field-narrow">
          <span className="field-label">{t('screener.value2')}</span>
          <input
            type="text"
            inputMode="decimal"
            value={c.value2}
            data-testid={`screener-cond-value2-${index}`}
            onChange={(e) => update(index, { value2: e.currentTarget.value })}
          />
        </label>
      )}
      <button
        type="button"
        className="button button-ghost"
        data-testid={`screener-cond-remove-${index}`}
        aria-label={t('screener.removeN', { n })}
        onClick={() => remove(index)}
      >
        {t('screener.remove')}
      </button>
    </li>
  );
}

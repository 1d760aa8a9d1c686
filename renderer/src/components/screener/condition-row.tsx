import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import { GROUPED_FIELDS } from '../../i18n/field-groups';
import { FieldSelect } from '../field-select';
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

/** Fields a screen can use: the grouped lists of i18n/field-groups.ts. */
export const SCREEN_FIELDS = GROUPED_FIELDS;

/** One condition: field, operator, value (and the upper bound for "between"), and a remove button. */
export function ConditionRow({ index, c }: { index: number; c: ConditionDraft }) {
  const { t } = useI18n();
  const update = useScreener((s) => s.updateCondition);
  const remove = useScreener((s) => s.removeCondition);
  const n = index + 1;
  return (
    <li className="form-grid condition-row" data-testid={`screener-cond-${index}`}>
      <label className="field">
        <span className="field-label">{t('screener.field')}</span>
        <FieldSelect
          value={c.field}
          testId={`screener-cond-field-${index}`}
          label={t('screener.fieldN', { n })}
          empty={c.field ? undefined : '—'}
          onChange={(field) => update(index, { field })}
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

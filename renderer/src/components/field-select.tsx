import { FIELD_GROUPS, GROUPED_FIELDS } from '../i18n/field-groups';
import type { MessageKey } from '../i18n/messages';
import { metricLabel } from '../i18n/metric-labels';
import { useI18n } from '../i18n/use-i18n';

/**
 * A field picked from named, grouped lists (Compare and the screener), by its label in the user's
 * language; never a raw key typed as free text. A key outside the lists (an older saved screen)
 * stays selectable under its label.
 */
export function FieldSelect(props: {
  value: string;
  onChange: (field: string) => void;
  testId: string;
  label: string;
  /** An empty first option (e.g. "no sort"). */
  empty?: string;
  groups?: ReadonlyArray<{ id: string; fields: readonly string[] }>;
  exclude?: readonly string[];
}) {
  const { t, locale } = useI18n();
  const groups = props.groups ?? FIELD_GROUPS;
  const extra = props.value && !GROUPED_FIELDS.includes(props.value) ? props.value : null;
  return (
    <select
      value={props.value}
      data-testid={props.testId}
      aria-label={props.label}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {extra && <option value={extra}>{metricLabel(extra, locale)}</option>}
      {groups.map((g) => (
        <optgroup key={g.id} label={t(`fields.group.${g.id}` as MessageKey)}>
          {g.fields
            .filter((f) => !(props.exclude ?? []).includes(f))
            .map((f) => (
              <option key={f} value={f}>
                {metricLabel(f, locale)}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

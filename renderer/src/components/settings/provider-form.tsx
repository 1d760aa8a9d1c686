import { useState, type FormEvent, type ReactNode } from 'react';
import type { ProviderKind } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useSettings } from '../../store/settings-store-context';
import {
  BASE_URL_PRESETS,
  presetOf,
  type FieldIssue,
  type ProviderForm,
} from '../../store/settings-store-form';

function IssueText({ issue }: { issue: FieldIssue }) {
  const { t } = useI18n();
  if (issue.code === 'notNumber') return <>{t('settings.err.notNumber', { value: issue.message })}</>;
  if (issue.code === 'notInteger') return <>{t('settings.err.notInteger', { value: issue.message })}</>;
  return <>{issue.message}</>;
}

/** A labelled input with the issues the API (or the form) found in it, right under it. */
function Field(props: { label: string; name: string; wide?: boolean; children: ReactNode }) {
  const all = useSettings((s) => s.issues);
  const issues = all.filter((i) => i.field === props.name);
  return (
    <label
      className={props.wide ? 'field field-wide' : 'field'}
      data-invalid={issues.length > 0 || undefined}
    >
      <span className="field-label">{props.label}</span>
      {props.children}
      {issues.map((i, n) => (
        <span key={n} className="form-error-inline" role="alert" data-testid={`provider-issue-${props.name}`}>
          <IssueText issue={i} />
        </span>
      ))}
    </label>
  );
}

/**
 * Adds or edits a model provider. The key is write-only: a saved key shows as "chave salva", is sent
 * only when a new one is typed, and "remover chave" sends an empty one.
 */
export function ProviderFormPanel(props: {
  initial: ProviderForm;
  editing: boolean;
  hasKey: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const saving = useSettings((s) => s.saving);
  const saveError = useSettings((s) => s.saveError);
  const issues = useSettings((s) => s.issues);
  const otherIssues = issues.filter((i) => !FIELDS.has(i.field));
  const save = useSettings((s) => s.save);
  const [form, setForm] = useState<ProviderForm>(props.initial);
  const set = (patch: Partial<ProviderForm>): void => setForm((f) => ({ ...f, ...patch }));
  const preset = presetOf(form.base_url);

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await save(form)) props.onDone();
  };
  const pickPreset = (id: string): void => {
    const p = BASE_URL_PRESETS.find((x) => x.id === id);
    if (p) set({ base_url: p.url, provider: p.provider });
  };
  const num = (name: 'temperature' | 'max_tokens' | 'timeout_s') => ({
    type: 'text',
    inputMode: 'decimal' as const,
    value: form[name],
    onChange: (e: { currentTarget: HTMLInputElement }) => set({ [name]: e.currentTarget.value }),
  });

  return (
    <form
      className="panel provider-form"
      data-testid="provider-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-label={props.editing ? t('settings.formEdit', { id: form.id }) : t('settings.formAdd')}
    >
      <h3 className="panel-title">
        {props.editing ? t('settings.formEdit', { id: form.id }) : t('settings.formAdd')}
      </h3>
      <div className="form-grid provider-fields">
        <Field label={t('settings.id')} name="id">
          <input
            value={form.id}
            required
            readOnly={props.editing}
            placeholder="local-llama"
            title={t('settings.idHint')}
            data-testid="provider-id"
            onChange={(e) => set({ id: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('settings.preset')} name="preset">
          <select
            value={preset ?? ''}
            data-testid="provider-preset"
            onChange={(e) => pickPreset(e.currentTarget.value)}
          >
            <option value="">{t('settings.presetCustom')}</option>
            {BASE_URL_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('settings.provider')} name="provider">
          <select
            value={form.provider}
            data-testid="provider-kind"
            onChange={(e) => set({ provider: e.currentTarget.value as ProviderKind })}
          >
            <option value="openai">{t('settings.provider.openai')}</option>
            <option value="anthropic">{t('settings.provider.anthropic')}</option>
          </select>
        </Field>
        <Field label={t('settings.baseUrl')} name="base_url" wide>
          <input
            type="url"
            value={form.base_url}
            required
            data-testid="provider-base-url"
            onChange={(e) => set({ base_url: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('settings.model')} name="model">
          <input
            value={form.model}
            required
            placeholder={t('settings.modelPlaceholder')}
            data-testid="provider-model"
            onChange={(e) => set({ model: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('settings.apiKey')} name="api_key" wide>
          <input
            type="password"
            autoComplete="off"
            value={form.api_key}
            placeholder={props.hasKey && !form.clear_key ? t('settings.keyKeep') : t('settings.keyNew')}
            data-testid="provider-api-key"
            onChange={(e) => set({ api_key: e.currentTarget.value, clear_key: false })}
          />
        </Field>
        {props.hasKey && (
          <div className="key-state">
            {form.clear_key ? (
              <span className="badge status-failed" data-testid="provider-key-clearing">
                {t('settings.keyWillClear')}
              </span>
            ) : (
              <span className="badge status-completed" data-testid="provider-key-saved">
                {t('settings.keySaved')}
              </span>
            )}{' '}
            <button
              type="button"
              className="button button-ghost button-small"
              data-testid="provider-clear-key"
              aria-pressed={form.clear_key}
              onClick={() => set({ clear_key: !form.clear_key, api_key: '' })}
            >
              {form.clear_key ? t('settings.keepKey') : t('settings.clearKey')}
            </button>
          </div>
        )}
      </div>
      <div className="form-grid">
        <Field label={t('settings.temperature')} name="temperature">
          <input {...num('temperature')} data-testid="provider-temperature" />
        </Field>
        <Field label={t('settings.maxTokens')} name="max_tokens">
          <input {...num('max_tokens')} data-testid="provider-max-tokens" />
        </Field>
        <Field label={t('settings.timeout')} name="timeout_ms">
          <input {...num('timeout_s')} data-testid="provider-timeout" />
        </Field>
        {(['stream', 'enabled', 'make_default'] as const).map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={form[k]}
              data-testid={`provider-${k.replace('_', '-')}`}
              onChange={(e) => set({ [k]: e.currentTarget.checked })}
            />
            {t(`settings.${k}`)}
          </label>
        ))}
      </div>
      <div className="form-grid">
        <button
          type="submit"
          className="button"
          data-testid="provider-save"
          disabled={saving}
          aria-busy={saving}
        >
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
        <button
          type="button"
          className="button button-ghost"
          data-testid="provider-cancel"
          onClick={props.onDone}
        >
          {t('settings.cancel')}
        </button>
      </div>
      {saveError && (
        <div
          className="form-error"
          role="alert"
          data-testid="provider-form-error"
          data-error-code={saveError.code}
        >
          <strong>{t('settings.refused')}:</strong> {saveError.message}
          {otherIssues.length > 0 && (
            <ul>
              {otherIssues.map((i, n) => (
                <li key={n}>
                  <code>{i.field}</code>: <IssueText issue={i} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

/** Fields shown with their own issues; anything else is listed under the form. */
const FIELDS = new Set([
  'id',
  'provider',
  'base_url',
  'model',
  'api_key',
  'temperature',
  'max_tokens',
  'timeout_ms',
]);

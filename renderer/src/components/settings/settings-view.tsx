import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { useSettings, useSettingsStoreApi } from '../../store/settings-store-context';
import { emptyProviderForm, formFromEntry } from '../../store/settings-store-form';
import { SlotError } from '../analysis/slot-error';
import { DesktopPanels } from './desktop-panels';
import { ProviderFormPanel } from './provider-form';
import { ProviderList } from './provider-list';
import { SourceKeysPanel } from './source-keys';

/** 'new' for the add form, a model id for the edit form, null when closed. */
type Editing = string | null;

/** Model providers: the list (rules writer built in), add/edit with a write-only key, delete, test. */
export function SettingsView() {
  const { t } = useI18n();
  const store = useSettingsStoreApi();
  const phase = useSettings((s) => s.phase);
  const error = useSettings((s) => s.error);
  const models = useSettings((s) => s.models);
  const defaultModel = useSettings((s) => s.defaultModel);
  const savedId = useSettings((s) => s.savedId);
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const open = (next: Editing): void => {
    store.getState().resetSave();
    setEditing(next);
  };
  const entry = editing && editing !== 'new' ? models.find((m) => m.id === editing) : undefined;

  return (
    <main className="jobs-view settings-view" data-testid="settings-view" data-state={phase}>
      <h2 className="view-title">{t('settings.title')}</h2>
      <section className="panel" aria-label={t('settings.providers')}>
        <div className="panel-head">
          <h3 className="panel-title">{t('settings.providers')}</h3>
          <button
            type="button"
            className="button button-small"
            data-testid="provider-add"
            onClick={() => open('new')}
          >
            {t('settings.add')}
          </button>
        </div>
        <p className="muted">{t('settings.intro')}</p>
        {error && <SlotError error={error} testId="settings-error" />}
        {phase === 'loading' ? <p className="muted">{t('app.loading')}</p> : <ProviderList onEdit={open} />}
        {savedId && !editing && (
          <p className="form-ok muted" data-testid="provider-saved" data-id={savedId}>
            {t('settings.saved', { id: savedId })}
          </p>
        )}
      </section>
      {editing && (
        <ProviderFormPanel
          key={editing}
          initial={entry ? formFromEntry(entry, entry.id === defaultModel) : emptyProviderForm()}
          editing={entry !== undefined}
          hasKey={entry?.has_key ?? false}
          onDone={() => setEditing(null)}
        />
      )}
      <SourceKeysPanel />
      <DesktopPanels />
    </main>
  );
}

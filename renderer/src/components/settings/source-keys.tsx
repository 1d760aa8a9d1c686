import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { useSources, useSourcesStoreApi } from '../../store/sources-store-context';

/** One key or token: a write-only field (the value is never shown back), save and clear. */
function KeyField({
  id,
  source,
  name,
  optional,
  configured,
}: {
  id: string;
  source: string;
  name: string;
  optional: boolean;
  configured: boolean;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const saving = useSources((s) => s.savingCredential[`${id}:${name}`] === true);
  const saved = useSources((s) => s.savedCredential === `${id}:${name}`);
  const setCredential = useSources((s) => s.setCredential);
  const inputId = `source-key-${id}-${name}`;
  return (
    <div className="source-key" data-testid={`source-key-${id}`} data-configured={configured}>
      <label htmlFor={inputId}>
        <strong>{source}</strong> · <code>{name}</code>{' '}
        <span className="muted">
          {configured
            ? t('sourceKeys.configured')
            : optional
              ? t('sourceKeys.optional')
              : t('sourceKeys.required')}
        </span>
      </label>
      <form
        className="cell-actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          void setCredential(id, name, value.trim()).then((ok) => ok && setValue(''));
        }}
      >
        <input
          id={inputId}
          data-testid={`source-key-input-${id}`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={configured ? t('sourceKeys.keep') : t('sourceKeys.placeholder')}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <button
          type="submit"
          className="button button-small"
          data-testid={`source-key-save-${id}`}
          disabled={saving || !value.trim()}
          aria-label={t('sourceKeys.saveFor', { source, name })}
        >
          {t('sourceKeys.save')}
        </button>
        {configured && (
          <button
            type="button"
            className="button button-ghost button-small"
            data-testid={`source-key-clear-${id}`}
            disabled={saving}
            aria-label={t('sourceKeys.clearFor', { source, name })}
            onClick={() => void setCredential(id, name, '')}
          >
            {t('sourceKeys.clear')}
          </button>
        )}
      </form>
      {saved && (
        <p className="form-ok muted" data-testid={`source-key-saved-${id}`}>
          {t('sourceKeys.saved')}
        </p>
      )}
    </div>
  );
}

/** The data sources' keys and tokens (CoinMarketCap, brapi…): stored encrypted, never shown back. */
export function SourceKeysPanel() {
  const { t } = useI18n();
  const store = useSourcesStoreApi();
  const scrapers = useSources((s) => s.scrapers);
  useEffect(() => {
    void store.getState().ensureList();
  }, [store]);
  const withKeys = scrapers.filter((s) => s.credentials.length > 0);
  return (
    <section className="panel" aria-label={t('sourceKeys.title')} data-testid="source-keys">
      <div className="panel-head">
        <h3 className="panel-title">{t('sourceKeys.title')}</h3>
      </div>
      <p className="muted">{t('sourceKeys.intro')}</p>
      {withKeys.map((s) =>
        s.credentials.map((c) => (
          <KeyField
            key={`${s.id}:${c.name}`}
            id={s.id}
            source={s.name}
            name={c.name}
            optional={c.optional}
            configured={c.configured}
          />
        )),
      )}
    </section>
  );
}

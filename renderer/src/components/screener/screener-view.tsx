import { useEffect, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import { useScreener, useScreenerStoreApi } from '../../store/analysis-store-context';
import type { SavedScreen, ScreenFormError } from '../../store/screener-store';
import { SlotError } from '../analysis/slot-error';
import { ConditionRow } from './condition-row';
import { FieldSelect } from '../field-select';
import { ScreenerResults } from './screener-results';

const PRESET_LABEL: Record<string, MessageKey> = {
  fundamentus: 'screener.preset.fundamentus',
  'magic-formula': 'screener.preset.magic-formula',
};

function screenName(s: SavedScreen, t: ReturnType<typeof useI18n>['t']): string {
  if (s.preset && Object.hasOwn(PRESET_LABEL, s.name)) return t(PRESET_LABEL[s.name] as MessageKey);
  return s.preset ? s.name : t('screener.saved', { name: s.name });
}

function formErrorText(e: ScreenFormError, t: ReturnType<typeof useI18n>['t']): string {
  if (e.code === 'noField') return t('screener.errNoField', { n: e.row });
  if (e.code === 'badValue') return t('screener.errBadValue', { n: e.row });
  if (e.code === 'badLimit') return t('screener.errBadLimit');
  return t('screener.errBadName');
}

function PresetPicker() {
  const { t } = useI18n();
  const screens = useScreener((s) => s.screens);
  const selected = useScreener((s) => s.selected);
  const dirty = useScreener((s) => s.dirty);
  const pick = useScreener((s) => s.pick);
  return (
    <label className="field field-wide preset-picker">
      <span className="field-label">
        {t('screener.preset')}
        {selected && dirty ? ` ${t('screener.modified')}` : ''}
      </span>
      <select
        value={selected ?? ''}
        data-testid="screener-preset"
        onChange={(e) => pick(e.currentTarget.value || null)}
      >
        <option value="">{t('screener.presetNone')}</option>
        {screens.map((s) => (
          <option key={s.name} value={s.name}>
            {screenName(s, t)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SaveForm() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const saving = useScreener((s) => s.saving);
  const savedAs = useScreener((s) => s.savedAs);
  const save = useScreener((s) => s.save);
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void save(name);
  };
  return (
    <form className="form-grid" onSubmit={onSubmit} aria-label={t('screener.saveAs')}>
      <label className="field">
        <span className="field-label">{t('screener.saveAs')}</span>
        <input
          type="text"
          value={name}
          maxLength={60}
          data-testid="screener-save-name"
          onChange={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <button type="submit" className="button button-ghost" data-testid="screener-save" disabled={saving}>
        {t('screener.save')}
      </button>
      {savedAs && (
        <p className="form-ok muted" data-testid="screener-saved">
          {t('screener.savedOk', { name: savedAs })}
        </p>
      )}
    </form>
  );
}

/** Presets and saved screens, condition rows, sort and limit; run, results, CSV export, save. */
export function ScreenerView() {
  const { t } = useI18n();
  const store = useScreenerStoreApi();
  const conditions = useScreener((s) => s.conditions);
  const sortField = useScreener((s) => s.sortField);
  const sortDir = useScreener((s) => s.sortDir);
  const limit = useScreener((s) => s.limit);
  const formError = useScreener((s) => s.formError);
  const phase = useScreener((s) => s.phase);
  const screensPhase = useScreener((s) => s.screensPhase);
  const result = useScreener((s) => s.result);
  const csv = useScreener((s) => s.csv);
  const error = useScreener((s) => s.error);
  const selected = useScreener((s) => s.selected);
  const addCondition = useScreener((s) => s.addCondition);
  const setSort = useScreener((s) => s.setSort);
  const setLimit = useScreener((s) => s.setLimit);

  useEffect(() => {
    if (store.getState().screensPhase === 'idle') void store.getState().loadScreens();
  }, [store]);

  const onRun = (e: FormEvent): void => {
    e.preventDefault();
    void store.getState().run();
  };

  return (
    <main
      className="jobs-view screener-view"
      data-testid="screener-view"
      data-screens-state={screensPhase}
      data-screener-state={phase}
    >
      <h2 className="view-title">{t('screener.title')}</h2>
      <form className="panel screener-form" onSubmit={onRun} aria-label={t('screener.title')}>
        <div className="form-grid">
          <PresetPicker />
        </div>
        <h3 className="panel-title">{t('screener.conditions')}</h3>
        {conditions.length === 0 ? (
          <p className="muted">{t('screener.noConditions')}</p>
        ) : (
          <ol className="condition-list">
            {conditions.map((c, i) => (
              <ConditionRow key={i} index={i} c={c} />
            ))}
          </ol>
        )}
        <div className="form-grid">
          <button
            type="button"
            className="button button-ghost"
            data-testid="screener-add"
            onClick={addCondition}
          >
            {t('screener.add')}
          </button>
          <label className="field">
            <span className="field-label">{t('screener.sortBy')}</span>
            <FieldSelect
              value={sortField}
              testId="screener-sort-field"
              label={t('screener.sortBy')}
              empty="—"
              onChange={(f) => setSort(f, sortDir)}
            />
          </label>
          <label className="field field-narrow">
            <span className="field-label">{t('screener.order')}</span>
            <select
              value={sortDir}
              data-testid="screener-sort-dir"
              onChange={(e) => setSort(sortField, e.currentTarget.value === 'desc' ? 'desc' : 'asc')}
            >
              <option value="asc">{t('screener.asc')}</option>
              <option value="desc">{t('screener.desc')}</option>
            </select>
          </label>
          <label className="field field-narrow">
            <span className="field-label">{t('screener.limit')}</span>
            <input
              type="text"
              inputMode="numeric"
              value={limit}
              data-testid="screener-limit"
              onChange={(e) => setLimit(e.currentTarget.value)}
            />
          </label>
          <button type="submit" className="button" data-testid="screener-run" disabled={phase === 'loading'}>
            {phase === 'loading' ? t('screener.running') : t('screener.run')}
          </button>
        </div>
        {formError && (
          <p className="form-error" role="alert" data-testid="screener-form-error">
            {formErrorText(formError, t)}
          </p>
        )}
      </form>
      {error && <SlotError error={error} testId="screener-error" />}
      {result && <ScreenerResults result={result} csv={csv} name={selected} />}
      <section className="panel">
        <SaveForm />
      </section>
    </main>
  );
}

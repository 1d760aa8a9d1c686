import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { getClient } from '../client';
import { useI18n } from '../i18n/use-i18n';
import { useLocaleStore } from '../i18n/locale-store';
import { createWizardStore } from '../store/wizard-store';
import { SlotError } from './analysis/slot-error';
import { DataDirChoice } from './data-dir-choice';

/** Settings' "open the wizard again" sets this for the session (the saved flag is cleared too). */
export const WIZARD_REOPEN_KEY = 'b3ai.wizard.reopen';

/**
 * First run: language, then B3's yearly COTAHIST files through the queue (or the local-file import
 * when offline), then which sources to enable and sign in to. A panel, not a modal: the app stays usable.
 */
export function FirstRunWizard(props: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  const [store] = useState(() => createWizardStore(getClient()));
  const s = useStore(store);
  useEffect(() => store.getState().listen(), [store]);
  useEffect(() => {
    if (s.step === 'sources') void store.getState().loadSources();
    if (s.step === 'done') props.onClose();
  }, [s.step, store, props]);
  const jobs = Object.values(s.jobs);
  const done = jobs.filter((j) => j.status === 'completed').length;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);

  return (
    <section
      className="panel wizard"
      data-testid="first-run-wizard"
      data-step={s.step}
      aria-label={t('wizard.title')}
    >
      <h2 className="panel-title">{t('wizard.title')}</h2>
      {s.error && <SlotError error={s.error} testId="wizard-error" />}
      {s.step === 'language' && (
        <>
          <p>{t('wizard.language')}</p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              aria-pressed={locale === 'pt-BR'}
              onClick={() => setLocale('pt-BR')}
            >
              Português (Brasil)
            </button>
            <button
              type="button"
              className="button"
              aria-pressed={locale === 'en'}
              onClick={() => setLocale('en')}
            >
              English
            </button>
          </div>
          <DataDirChoice />
        </>
      )}
      {s.step === 'history' && (
        <>
          <p>{t('wizard.history')}</p>
          <div className="button-row">
            {years.map((y) => (
              <label key={y} className="toggle-row">
                <input type="checkbox" checked={s.years.includes(y)} onChange={() => s.toggleYear(y)} />
                {y}
              </label>
            ))}
          </div>
          <button
            type="button"
            className="button"
            data-testid="wizard-import"
            disabled={s.busy || s.years.length === 0}
            onClick={() => void s.importHistory()}
          >
            {t('wizard.importYears', { count: s.years.length })}
          </button>
          {jobs.length > 0 && (
            <p data-testid="wizard-progress">
              <progress max={jobs.length} value={done} /> {t('wizard.progress', { done, total: jobs.length })}
            </p>
          )}
          {s.offline && (
            <p className="muted" data-testid="wizard-offline">
              {t('wizard.offline')}
            </p>
          )}
        </>
      )}
      {s.step === 'sources' && (
        <>
          <p>{t('wizard.sources')}</p>
          <ul className="wizard-sources">
            {s.sources.map((src) => (
              <li key={src.id}>
                <label className="toggle-row">
                  <input
                    type="checkbox"
                    checked={src.enabled}
                    onChange={(e) => void s.setEnabled(src.id, e.target.checked)}
                  />
                  {src.name}
                </label>
                {src.requires_login && (
                  <button type="button" className="button button-small" onClick={() => void s.signIn(src.id)}>
                    {t('wizard.signIn')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="button-row">
        {s.step !== 'language' && (
          <button
            type="button"
            className="button button-small"
            onClick={() => s.go(s.step === 'sources' ? 'history' : 'language')}
          >
            {t('wizard.back')}
          </button>
        )}
        {s.step !== 'sources' ? (
          <button
            type="button"
            className="button button-small"
            data-testid="wizard-next"
            onClick={() => s.go(s.step === 'language' ? 'history' : 'sources')}
          >
            {t('wizard.next')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-small"
            data-testid="wizard-finish"
            onClick={() => void s.finish()}
          >
            {t('wizard.finish')}
          </button>
        )}
        <button type="button" className="button button-small" onClick={() => void s.finish()}>
          {t('wizard.skip')}
        </button>
      </div>
    </section>
  );
}

/** Event Settings dispatches after "open the wizard again". */
export const WIZARD_REOPEN_EVENT = 'b3ai:wizard-reopen';

/**
 * Shows the wizard once: in the desktop app while it has not been completed or skipped; in a
 * browser (headless) only when reopened from Settings, so `b3ai serve` users are not interrupted.
 */
export function WizardGate() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const check = (): void => {
      const reopened = sessionStorage.getItem(WIZARD_REOPEN_KEY) === '1';
      if (!window.b3 && !reopened) return;
      void getClient()
        .call('desktop.prefs.get', {})
        .then(
          (p) => setOpen(!p.wizard_done),
          () => setOpen(false),
        );
    };
    check();
    window.addEventListener(WIZARD_REOPEN_EVENT, check);
    return () => window.removeEventListener(WIZARD_REOPEN_EVENT, check);
  }, []);
  if (!open) return null;
  return (
    <FirstRunWizard
      onClose={() => {
        sessionStorage.removeItem(WIZARD_REOPEN_KEY);
        setOpen(false);
      }}
    />
  );
}

import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { getClient } from '../client';
import { useI18n } from '../i18n/use-i18n';
import { createToastStore } from '../store/toast-store';

/** Finished imports and reports as toasts (headless; the desktop app uses OS notifications). */
export function Toasts() {
  const { t } = useI18n();
  const [store] = useState(() => createToastStore(getClient()));
  const toasts = useStore(store, (s) => s.toasts);
  useEffect(() => store.getState().start(), [store]);
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.status}`} role="status" data-testid="toast">
          <strong>{t(x.status === 'completed' ? 'toast.jobDone' : 'toast.jobFailed')}</strong>{' '}
          <span>
            {t(x.source === 'ai' ? 'toast.job.ai' : 'toast.job.cotahist')}
            {x.ticker ? ` — ${x.ticker}` : ''}
            {x.error ? `: ${x.error}` : ''}
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => store.getState().dismiss(x.id)}
          >
            {t('error.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}

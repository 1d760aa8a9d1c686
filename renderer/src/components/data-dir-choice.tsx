import { useEffect, useState } from 'react';
import type { Output } from '../../../services/contract';
import { getClient } from '../client';
import { useI18n } from '../i18n/use-i18n';

type Status = Output<'desktop.dataDir.get'>;

/** Where the data is and why; in the desktop app, a folder dialog to choose another for the next start. */
export function DataDirChoice() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void getClient()
      .call('desktop.dataDir.get', {})
      .then((s) => live && setStatus(s))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, []);
  const choose = async (restart: boolean) => {
    try {
      const s = await getClient().call('desktop.dataDir.choose', { restart });
      setStatus(s);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  if (!status) return error ? <p className="form-error">{error}</p> : null;
  return (
    <div className="data-dir" data-testid="data-dir">
      <p>
        {t('dataDir.current', { path: status.path })}{' '}
        <span className="muted">({t(`dataDir.source.${status.source}`)})</span>
      </p>
      {status.can_choose && (
        <button
          type="button"
          className="button button-ghost"
          data-testid="data-dir-choose"
          onClick={() => void choose(false)}
        >
          {t('dataDir.choose')}
        </button>
      )}
      {status.next_start && (
        <p data-testid="data-dir-next">
          {t('dataDir.next', { path: status.next_start })}{' '}
          <button type="button" className="button button-small" onClick={() => void choose(true)}>
            {t('dataDir.restart')}
          </button>
        </p>
      )}
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}

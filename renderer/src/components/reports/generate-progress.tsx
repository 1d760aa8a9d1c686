import type { GenerateError, ProgressMap } from '../../store/reports-store-progress';
import { useI18n } from '../../i18n/use-i18n';

/**
 * One line per model being written: its stage and, while streaming, the characters received; once
 * stored, the report's id (the `stored` event's message), else the error.
 */
export function GenerateProgress({ progress, testId }: { progress: ProgressMap; testId: string }) {
  const { t, int } = useI18n();
  const entries = Object.values(progress);
  return (
    <div className="gen-progress" data-testid={testId} role="status" aria-live="polite">
      {entries.length === 0 ? (
        <p className="muted">{t('progress.waiting')}</p>
      ) : (
        <ul>
          {entries.map((p) => (
            <li
              key={p.model}
              data-testid={`progress-${p.model}`}
              data-stage={p.stage}
              className={p.stage === 'failed' ? 'is-failed' : p.stage === 'stored' ? 'is-done' : undefined}
            >
              <strong>{p.model}</strong> · {t(`progress.stage.${p.stage}`)}
              {p.chars !== null && (
                <span className="muted" data-testid={`progress-chars-${p.model}`} data-chars={p.chars}>
                  {' '}
                  · {t('progress.chars', { count: int(p.chars) })}
                </span>
              )}
              {p.text && p.stage !== 'stored' && p.stage !== 'failed' && (
                <pre
                  className="gen-progress-text muted"
                  data-testid={`progress-text-${p.model}`}
                  aria-label={t('progress.answer')}
                >
                  {p.text}
                </pre>
              )}
              {p.message && (
                <span className="muted" data-testid={`progress-message-${p.model}`}>
                  {' '}
                  · {p.stage === 'stored' ? t('reports.opened', { id: p.message }) : p.message}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Models whose report failed or was rejected, each with its typed error. */
export function GenerateErrors({ errors, testId }: { errors: readonly GenerateError[]; testId: string }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div className="form-error" role="alert" data-testid={testId}>
      <strong>{t('report.modelErrors')}</strong>
      <ul>
        {errors.map((e) => (
          <li key={e.model} data-testid={`gen-error-${e.model}`} data-error-code={e.code}>
            <strong>{e.model}</strong>: {e.message} <code className="error-code">{e.code}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

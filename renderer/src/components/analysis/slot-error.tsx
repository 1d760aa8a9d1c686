import { useI18n } from '../../i18n/use-i18n';
import type { UiError } from '../../store/errors';

/**
 * A block that failed to load. NOT_FOUND (nothing stored for the ticker yet) is a state, said
 * plainly; anything else is an error with its code.
 */
export function SlotError({ error, testId }: { error: UiError; testId: string }) {
  const { t } = useI18n();
  if (error.code === 'NOT_FOUND')
    return (
      <p className="muted" data-testid={testId} data-error-code={error.code} title={error.message}>
        {t('analysis.noData')}
      </p>
    );
  return (
    <p className="form-error" role="alert" data-testid={testId} data-error-code={error.code}>
      {error.message} <code className="error-code">{error.code}</code>
    </p>
  );
}

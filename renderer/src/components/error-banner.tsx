import { errorText } from '../i18n/error-messages';
import { useI18n } from '../i18n/use-i18n';
import { useApp } from '../store/app-store-context';

export function ErrorBanner() {
  const { t, locale } = useI18n();
  const error = useApp((s) => s.error);
  const dismiss = useApp((s) => s.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-error-code={error.code}>
      <div className="error-text">
        <strong>{t('error.title')}:</strong>{' '}
        <span data-testid="error-message">{errorText(error, locale)}</span>{' '}
        <code className="error-code">{error.code}</code>
      </div>
      <button type="button" className="button button-ghost" onClick={dismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}

import { useI18n } from '../../i18n/use-i18n';
import { useSources } from '../../store/sources-store-context';

/** What the last sign-in said (window opened, signed in, closed without a sign-in, failed). */
export function SigninNotice() {
  const { t } = useI18n();
  const notice = useSources((s) => s.signinNotice);
  const name = useSources((s) => (notice ? (s.sessions[notice.id]?.name ?? notice.id) : ''));
  if (!notice) return null;
  const text =
    notice.kind === 'opened'
      ? t('signin.opened')
      : notice.kind === 'signed-in'
        ? t('signin.resultOk', { name })
        : notice.kind === 'not-signed-in'
          ? t('signin.resultNone', { name })
          : t('signin.resultFailed', { name, message: notice.message ?? '' });
  return (
    <p
      className={`signin-notice ${notice.kind === 'failed' ? 'is-failed' : ''}`}
      role="status"
      data-testid="signin-notice"
      data-kind={notice.kind}
    >
      {text}
    </p>
  );
}

/** Sessions that expired, or end soon: ask the user to sign in again, with the button at hand. */
export function RenewalPrompt() {
  const { t, locale } = useI18n();
  const sessions = useSources((s) => s.sessions);
  const signing = useSources((s) => s.signing);
  const login = useSources((s) => s.login);
  const due = Object.values(sessions).filter((s) => s.needs_renewal && s.state !== 'signing-in');
  if (due.length === 0) return null;
  return (
    <div className="renewal-prompt" role="alert" data-testid="signin-renewal">
      <strong>{t('signin.renewTitle')}</strong>
      <ul>
        {due.map((s) => (
          <li key={s.id} data-testid={`signin-renewal-${s.id}`}>
            <span>
              {s.state === 'expired'
                ? t('signin.renewExpired', { name: s.name })
                : t('signin.renewSoon', {
                    name: s.name,
                    days: Math.max(0, Math.floor(s.expires_in_days ?? 0)).toLocaleString(locale),
                  })}
            </span>{' '}
            <button
              type="button"
              className="button button-small"
              data-testid={`signin-renew-${s.id}`}
              disabled={signing[s.id] === true}
              onClick={() => void login(s.id)}
            >
              {t('signin.signAgain')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

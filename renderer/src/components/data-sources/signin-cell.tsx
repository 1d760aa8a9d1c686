import { useI18n } from '../../i18n/use-i18n';
import type { SourceSession } from '../../store/sources-store';
import { useSources } from '../../store/sources-store-context';

/** CSS class of the session chip, reusing the jobs view's colours. */
const CHIP: Record<SourceSession['state'] | 'renew', string> = {
  'signed-in': 'status-completed',
  renew: 'status-retry',
  expired: 'status-failed',
  'not-signed-in': 'status-cancelled',
  'signing-in': 'status-running',
};

/** The session chip: signed in / expires in N days / expired / not signed in / waiting. */
export function SessionChip({ id, session }: { id: string; session: SourceSession | undefined }) {
  const { t, locale } = useI18n();
  const state = session?.state ?? 'not-signed-in';
  const renew = state === 'signed-in' && session?.needs_renewal === true;
  const days = session?.expires_in_days;
  const label =
    state === 'signed-in' && days !== null && days !== undefined
      ? t('signin.state.expires', { days: Math.max(0, Math.floor(days)).toLocaleString(locale) })
      : t(`signin.state.${state}`);
  const until = session?.cookies.find((c) => c.expires_at)?.expires_at;
  return (
    <span
      className={`badge ${CHIP[renew ? 'renew' : state]}`}
      data-testid={`sources-session-${id}`}
      data-state={state}
      data-renew={renew || state === 'expired'}
      title={until ? new Date(until).toLocaleString(locale) : undefined}
    >
      {label}
    </span>
  );
}

/** "Entrar"/"Sair" for a source that signs in, with its session chip. */
export function SigninCell({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const session = useSources((s) => s.sessions[id]);
  const busy = useSources((s) => s.signing[id] === true);
  const login = useSources((s) => s.login);
  const logout = useSources((s) => s.logout);
  const state = session?.state ?? 'not-signed-in';
  const hasProfile = state !== 'not-signed-in' || (session?.cookies.length ?? 0) > 0;
  return (
    <div className="cell-signin">
      <SessionChip id={id} session={session} />
      <div className="cell-actions">
        {state !== 'signed-in' || session?.needs_renewal ? (
          <button
            type="button"
            className="button button-small"
            data-testid={`sources-signin-${id}`}
            disabled={busy || state === 'signing-in'}
            aria-busy={busy}
            title={t('signin.signInTitle', { name })}
            aria-label={t('a11y.named', {
              action:
                state === 'expired' || session?.needs_renewal ? t('signin.signAgain') : t('signin.signIn'),
              name,
            })}
            onClick={() => void login(id)}
          >
            {state === 'expired' || session?.needs_renewal ? t('signin.signAgain') : t('signin.signIn')}
          </button>
        ) : null}
        {hasProfile && state !== 'signing-in' ? (
          <button
            type="button"
            className="button button-ghost button-small"
            data-testid={`sources-signout-${id}`}
            disabled={busy}
            title={t('signin.signOutTitle', { name })}
            onClick={() => void logout(id)}
          >
            {t('signin.signOut')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

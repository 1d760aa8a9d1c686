import { formatAgo, formatDuration, formatFullDateTime, formatRate } from '../../i18n/format-time';
import { SETTINGS_HASH } from '../../store/hash-route';
import { useI18n } from '../../i18n/use-i18n';
import { idLabel } from '../../i18n/messages-labels';
import type { SourceRow as Row, TestOutcome } from '../../store/sources-store';
import { useSources } from '../../store/sources-store-context';
import { SigninCell } from './signin-cell';

/** CSS class of a status badge, reusing the jobs view's colours. */
const BADGE: Record<Row['status'], string> = {
  healthy: 'status-completed',
  unhealthy: 'status-failed',
  unknown: 'status-pending',
  disabled: 'status-cancelled',
  needs_login: 'status-retry',
  needs_setup: 'status-retry',
};

const CIRCUIT: Record<'closed' | 'open' | 'half-open', string> = {
  closed: 'status-completed',
  open: 'status-failed',
  'half-open': 'status-retry',
};

/** What the last manual test said: items and time, or the error's code and message. */
function TestResult({ id, result }: { id: string; result: TestOutcome }) {
  const { t, locale, int } = useI18n();
  const time = formatDuration(result.execution_time, locale);
  const query = result.model
    ? t('sources.resultQuery', { model: result.model, query: result.query })
    : undefined;
  if (result.success) {
    return (
      <div
        className="source-result is-ok"
        data-testid={`sources-result-${id}`}
        data-success="true"
        title={query}
      >
        {t('sources.resultOk', { count: int(result.item_count), time })}
      </div>
    );
  }
  return (
    <div
      className="source-result is-failed"
      data-testid={`sources-result-${id}`}
      data-success="false"
      data-error-code={result.error?.code ?? ''}
      title={query}
    >
      <code className="error-code">{result.error?.code}</code> {result.error?.message}
      {result.model && <div className="muted cell-note">{t('sources.resultFail', { time })}</div>}
    </div>
  );
}

export function SourceRow({ row }: { row: Row }) {
  const { t, locale, int } = useI18n();
  const { entry, health, status } = row;
  const id = entry.id;
  const testing = useSources((s) => s.testing[id] === true);
  const toggling = useSources((s) => s.toggling[id] === true);
  const testingAll = useSources((s) => s.testingAll);
  const result = useSources((s) => s.results[id]);
  const test = useSources((s) => s.test);
  const setEnabled = useSources((s) => s.setEnabled);
  const missingCreds = entry.credentials.filter((c) => !c.optional && !c.configured).map((c) => c.name);
  const circuit = health?.circuit;

  return (
    <tr
      data-testid={`sources-row-${id}`}
      data-status={status}
      data-enabled={entry.enabled}
      className={entry.enabled ? '' : 'is-off'}
    >
      <td>
        <div className="cell-source" title={entry.base_url}>
          {entry.name}
        </div>
        <div className="muted cell-note">
          <code>{id}</code>
          {missingCreds.length > 0 && (
            <> · {t('sources.credentialsMissing', { names: missingCreds.join(', ') })}</>
          )}
        </div>
      </td>
      <td>{idLabel(locale, 'source.category', entry.category)}</td>
      <td className="cell-models">
        {entry.models.map((m) => idLabel(locale, 'source.model', m)).join(', ')}
      </td>
      <td>
        <span className={`badge ${BADGE[status]}`} data-testid={`sources-status-${id}`} data-status={status}>
          {t(`sourceStatus.${status}`)}
        </span>
        {status === 'needs_setup' && (
          <div className="muted cell-note" data-testid={`sources-setup-${id}`}>
            {t('sources.setupHint', { names: (health?.missing_credentials ?? missingCreds).join(', ') })}{' '}
            <a href={SETTINGS_HASH}>{t('sources.openSettings')}</a>
          </div>
        )}
      </td>
      <td data-testid={`sources-freshness-${id}`}>
        {health?.last_success ? (
          <>
            <time dateTime={health.last_success} title={formatFullDateTime(health.last_success, locale)}>
              {health.freshness_seconds !== null ? formatAgo(health.freshness_seconds, locale) : '—'}
            </time>
            {health.last_items !== null && (
              <div
                className="muted cell-note"
                data-testid={`sources-items-${id}`}
                data-items={health.last_items}
                data-via={health.last_via ?? ''}
              >
                {t('sources.items', { count: int(health.last_items) })}
                {health.last_via ? ` · ${t(`sources.via.${health.last_via}`)}` : ''}
              </div>
            )}
          </>
        ) : (
          <span className="muted">{t('sources.never')}</span>
        )}
      </td>
      <td className="cell-error" data-testid={`sources-error-${id}`}>
        {health?.last_error ? (
          <span title={formatFullDateTime(health.last_error.at, locale)}>
            <code className="error-code">{health.last_error.code}</code> {health.last_error.message}
          </span>
        ) : (
          <span className="muted">{t('sources.none')}</span>
        )}
      </td>
      <td
        className="num"
        data-testid={`sources-rate-${id}`}
        title={health ? t('sources.attempts', { count: health.attempts }) : undefined}
      >
        {health && health.success_rate !== null ? formatRate(health.success_rate, locale) : '—'}
      </td>
      <td>
        {circuit ? (
          <span
            className={`badge ${CIRCUIT[circuit.state]}`}
            data-testid={`sources-circuit-${id}`}
            data-state={circuit.state}
            title={[
              t('sources.failures', { count: circuit.consecutive_failures }),
              circuit.opened_at
                ? t('sources.openedAt', { at: formatFullDateTime(circuit.opened_at, locale) })
                : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          >
            {t(`circuit.${circuit.state}`)}
          </span>
        ) : (
          '—'
        )}
      </td>
      <td data-testid={`sources-signin-cell-${id}`}>
        {entry.requires_login ? <SigninCell id={id} name={entry.name} /> : <span className="muted">—</span>}
      </td>
      <td>
        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            data-testid={`sources-toggle-${id}`}
            checked={entry.enabled}
            disabled={toggling}
            aria-label={t('sources.toggle', { name: entry.name })}
            onChange={(e) => void setEnabled(id, e.target.checked)}
          />
          <span className="toggle-track" aria-hidden="true" />
        </label>
      </td>
      <td className="cell-test">
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid={`sources-test-${id}`}
          data-busy={testing}
          aria-busy={testing}
          disabled={testing || testingAll}
          title={t('sources.testTitle')}
          aria-label={t('a11y.named', {
            action: testing ? t('sources.testing') : t('sources.test'),
            name: entry.name,
          })}
          onClick={() => void test(id)}
        >
          {testing ? t('sources.testing') : t('sources.test')}
        </button>
        {result && !testing && <TestResult id={id} result={result} />}
      </td>
    </tr>
  );
}

import { useState } from 'react';
import type { AiModelEntry } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useSettings } from '../../store/settings-store-context';

/**
 * The last connection test of a model: ok or not, how long it took, and what the server said. Only
 * the verdict is a badge: the server's message (an error, or whatever the model answered) wraps.
 */
function TestResult({ id }: { id: string }) {
  const { t, int } = useI18n();
  const entry = useSettings((s) => s.tests[id]);
  if (!entry) return null;
  if (entry.status === 'running') return <p className="muted cell-note">{t('settings.testing')}</p>;
  if (entry.status === 'failed')
    return (
      <p
        className="form-error-inline cell-note"
        data-testid={`provider-test-result-${id}`}
        data-ok="false"
        data-error-code={entry.error.code}
      >
        {entry.error.message} <code className="error-code">{entry.error.code}</code>
      </p>
    );
  const r = entry.result;
  return (
    <p className="cell-note" data-testid={`provider-test-result-${id}`} data-ok={r.ok ? 'true' : 'false'}>
      <span className={r.ok ? 'badge status-completed' : 'badge status-failed'}>
        {r.ok
          ? t('settings.testOk', { ms: int(r.latency_ms) })
          : t('settings.testFail', { ms: int(r.latency_ms) })}
      </span>
      {r.model ? ` · ${r.model}` : ''} ·{' '}
      <span className={r.ok ? 'muted' : 'form-error-inline'}>{r.message}</span>
    </p>
  );
}

const STATE_BADGE: Record<NonNullable<AiModelEntry['chat']>['state'], string> = {
  'signed-in': 'badge status-completed',
  'signing-in': 'badge status-running',
  expired: 'badge status-failed',
  'not-signed-in': 'badge',
};

/** A chat site (browser-chat): its sign-in state beside the API providers; it is set up by signing in. */
function ChatRow({
  m,
  isDefault,
}: {
  m: AiModelEntry & { chat: NonNullable<AiModelEntry['chat']> };
  isDefault: boolean;
}) {
  const { t } = useI18n();
  const c = m.chat;
  return (
    <tr
      data-testid={`chat-row-${m.id}`}
      data-enabled={m.enabled ? 'true' : 'false'}
      data-provider="browser-chat"
    >
      <th scope="row" className="row-head">
        <code>{m.id}</code>{' '}
        {isDefault && (
          <span className="badge status-running" data-testid={`provider-default-${m.id}`}>
            {t('settings.default')}
          </span>
        )}
      </th>
      <td>{t('settings.provider.browser-chat')}</td>
      <td>
        {c.name} · {m.model}
        {m.base_url && <div className="muted cell-note">{m.base_url}</div>}
      </td>
      <td data-testid={`chat-state-${m.id}`} data-state={c.state}>
        <span className={STATE_BADGE[c.state]}>{t(`settings.chat.state.${c.state}`)}</span>
        {c.reason && <div className="muted cell-note">{c.reason}</div>}
      </td>
      <td>
        <span className="muted cell-note">{t('settings.chat.note')}</span>{' '}
        <a href={c.terms_url} target="_blank" rel="noreferrer noopener">
          {t('settings.chat.terms')}
        </a>
      </td>
    </tr>
  );
}

function Row(props: { m: AiModelEntry; isDefault: boolean; onEdit: (id: string) => void }) {
  const { t } = useI18n();
  const { m, isDefault } = props;
  const deleting = useSettings((s) => s.deleting[m.id] === true);
  const testing = useSettings((s) => s.tests[m.id]?.status === 'running');
  const remove = useSettings((s) => s.remove);
  const test = useSettings((s) => s.test);
  const [confirming, setConfirming] = useState(false);
  const builtIn = m.provider === 'rules';
  return (
    <tr data-testid={`provider-row-${m.id}`} data-enabled={m.enabled ? 'true' : 'false'}>
      <th scope="row" className="row-head">
        <code>{m.id}</code>{' '}
        {isDefault && (
          <span className="badge status-running" data-testid={`provider-default-${m.id}`}>
            {t('settings.default')}
          </span>
        )}{' '}
        {!m.enabled && <span className="badge">{t('settings.disabled')}</span>}
      </th>
      <td>{builtIn ? t('settings.builtIn') : t(`settings.provider.${m.provider}`)}</td>
      <td>
        {m.model}
        {m.base_url && <div className="muted cell-note">{m.base_url}</div>}
      </td>
      <td data-testid={`provider-key-${m.id}`} data-has-key={m.has_key ? 'true' : 'false'}>
        {builtIn
          ? '—'
          : m.has_key
            ? `${t('settings.keySaved')} (${t(`settings.keyStorage.${m.key_storage}`)})`
            : t('settings.noKey')}
      </td>
      <td>
        {builtIn ? (
          <span className="muted">{t('settings.rulesNote')}</span>
        ) : (
          <>
            <div className="cell-actions">
              <button
                type="button"
                className="button button-ghost button-small"
                data-testid={`provider-test-${m.id}`}
                disabled={testing}
                onClick={() => void test(m.id)}
              >
                {testing ? t('settings.testing') : t('settings.test')}
              </button>
              <button
                type="button"
                className="button button-ghost button-small"
                data-testid={`provider-edit-${m.id}`}
                onClick={() => props.onEdit(m.id)}
              >
                {t('settings.edit')}
              </button>
              {confirming ? (
                <button
                  type="button"
                  className="button button-small button-danger"
                  data-testid={`provider-delete-confirm-${m.id}`}
                  disabled={deleting}
                  onClick={() => void remove(m.id).then(() => setConfirming(false))}
                >
                  {t('settings.deleteConfirm')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-ghost button-small"
                  data-testid={`provider-delete-${m.id}`}
                  onClick={() => setConfirming(true)}
                >
                  {t('settings.delete')}
                </button>
              )}
            </div>
            <TestResult id={m.id} />
          </>
        )}
      </td>
    </tr>
  );
}

/** Every configured model, the built-in rule-based writer and the chat sites with their sign-in state. */
export function ProviderList({ onEdit }: { onEdit: (id: string) => void }) {
  const { t } = useI18n();
  const models = useSettings((s) => s.models);
  const defaultModel = useSettings((s) => s.defaultModel);
  return (
    <div className="jobs-table-wrap">
      <table className="jobs-table providers-table" data-testid="providers-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.id')}</th>
            <th scope="col">{t('settings.provider')}</th>
            <th scope="col">{t('settings.model')}</th>
            <th scope="col">{t('settings.apiKey')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) =>
            m.chat ? (
              <ChatRow key={m.id} m={{ ...m, chat: m.chat }} isDefault={m.id === defaultModel} />
            ) : (
              <Row key={m.id} m={m} isDefault={m.id === defaultModel} onEdit={onEdit} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { NOTIFICATION_KINDS, type UpdateStatus } from '../../../../services/contract';
import { getClient } from '../../client';
import type { I18n } from '../../i18n/use-i18n';
import { useI18n } from '../../i18n/use-i18n';
import { createDesktopStore, parsePort, type DesktopState } from '../../store/desktop-store';
import { SlotError } from '../analysis/slot-error';
import { WIZARD_REOPEN_EVENT, WIZARD_REOPEN_KEY } from '../first-run-wizard';

/** What `b3ai serve` answers for updates outside the desktop app (services/core/handlers/desktop.ts). */
const HEADLESS_UPDATES = 'updates are offered to the installed desktop app only';

function Switch(props: {
  testId: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="toggle-row">
      <span className="toggle">
        <input
          type="checkbox"
          role="switch"
          data-testid={props.testId}
          checked={props.checked}
          disabled={props.disabled}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <span className="toggle-track" aria-hidden="true" />
      </span>
      <span>{props.label}</span>
    </label>
  );
}

function LocalApiPanel({ s }: { s: DesktopState }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const api = s.localApi;
  if (!api) return null;
  if (api.mode === 'serve')
    return (
      <section className="panel" aria-label={t('desktop.api.title')} data-testid="local-api-panel">
        <h3 className="panel-title">{t('desktop.api.title')}</h3>
        <p className="muted">{t('desktop.api.serveMode', { url: api.url ?? '' })}</p>
        {api.docs_url && (
          <a href={api.docs_url} target="_blank" rel="noreferrer">
            {t('desktop.api.docs')}
          </a>
        )}
      </section>
    );
  const portOk = parsePort(s.portDraft) !== null;
  const copy = (): void => {
    if (!api.token) return;
    void navigator.clipboard.writeText(api.token).then(() => setCopied(true));
  };
  return (
    <section className="panel" aria-label={t('desktop.api.title')} data-testid="local-api-panel">
      <h3 className="panel-title">{t('desktop.api.title')}</h3>
      <p className="muted">{t('desktop.api.intro')}</p>
      <Switch
        testId="local-api-toggle"
        label={t('desktop.api.enable')}
        checked={api.enabled}
        disabled={s.busy || (!api.enabled && !portOk)}
        onChange={(on) => void s.setLocalApi(on)}
      />
      <label className="field">
        <span className="field-label">{t('desktop.api.port')}</span>
        <input
          type="text"
          inputMode="numeric"
          data-testid="local-api-port"
          value={s.portDraft}
          onChange={(e) => s.setPortDraft(e.currentTarget.value)}
        />
        {!portOk && <span className="form-error-inline">{t('desktop.api.portInvalid')}</span>}
      </label>
      {api.enabled && portOk && parsePort(s.portDraft) !== api.port && (
        <button
          type="button"
          className="button button-small"
          disabled={s.busy}
          onClick={() => void s.setLocalApi(true)}
        >
          {t('desktop.api.apply')}
        </button>
      )}
      <p data-testid="local-api-state" data-running={api.running}>
        {api.running && api.url ? t('desktop.api.running', { url: api.url }) : t('desktop.api.off')}
      </p>
      {api.error && <SlotError error={api.error} testId="local-api-error" />}
      {api.docs_url && (
        <p>
          <a href={api.docs_url} target="_blank" rel="noreferrer" data-testid="local-api-docs">
            {t('desktop.api.docs')}
          </a>
        </p>
      )}
      {api.token && (
        <div className="field field-wide">
          <span className="field-label">{t('desktop.api.token')}</span>
          <code data-testid="local-api-token" className="token">
            {api.token}
          </code>
          <div className="button-row">
            <button type="button" className="button button-small" onClick={copy}>
              {copied ? t('desktop.api.copied') : t('desktop.api.copy')}
            </button>
            <button
              type="button"
              className="button button-small"
              data-testid="local-api-regenerate"
              disabled={s.busy}
              onClick={() => {
                setCopied(false);
                void s.regenerateToken();
              }}
            >
              {t('desktop.api.regenerate')}
            </button>
          </div>
          <span className="muted">{t('desktop.api.regenerateNote')}</span>
        </div>
      )}
    </section>
  );
}

function phaseText(u: UpdateStatus, t: I18n['t']): string {
  const version = u.available?.version ?? '';
  const percent = u.progress_percent === null ? '' : `${Math.round(u.progress_percent)}%`;
  if (u.phase === 'error') return t('desktop.updates.phase.error', { message: u.error?.message ?? '' });
  return t(`desktop.updates.phase.${u.phase}`, { version, percent });
}

function UpdatesPanel({ s }: { s: DesktopState }) {
  const { t } = useI18n();
  const u = s.updates;
  const [feed, setFeed] = useState(u?.feed_url ?? '');
  if (!u) return null;
  return (
    <section
      className="panel"
      aria-label={t('desktop.updates.title')}
      data-testid="updates-panel"
      data-phase={u.phase}
    >
      <h3 className="panel-title">{t('desktop.updates.title')}</h3>
      <p>{t('desktop.updates.current', { version: u.current_version })}</p>
      {!u.supported && u.reason && (
        <p className="muted">
          {t('desktop.updates.unsupported', {
            // The server's one known reason, in the user's language; any other as the server says it.
            reason: u.reason === HEADLESS_UPDATES ? t('desktop.updates.headlessOnly') : u.reason,
          })}
        </p>
      )}
      <label className="field">
        <span className="field-label">{t('desktop.updates.channel')}</span>
        <select
          value={u.channel}
          disabled={s.busy}
          onChange={(e) =>
            void s.setUpdateSettings({ channel: e.currentTarget.value === 'beta' ? 'beta' : 'stable' })
          }
        >
          <option value="stable">{t('desktop.updates.channel.stable')}</option>
          <option value="beta">{t('desktop.updates.channel.beta')}</option>
        </select>
      </label>
      <label className="field field-wide">
        <span className="field-label">{t('desktop.updates.feed')}</span>
        <input
          type="url"
          value={feed}
          onChange={(e) => setFeed(e.currentTarget.value)}
          onBlur={() => {
            const next = feed.trim() || null;
            if (next !== u.feed_url) void s.setUpdateSettings({ feed_url: next });
          }}
        />
      </label>
      <Switch
        testId="updates-auto"
        label={t('desktop.updates.autoCheck')}
        checked={u.auto_check}
        disabled={s.busy}
        onChange={(on) => void s.setUpdateSettings({ auto_check: on })}
      />
      {u.supported && (
        <>
          <p data-testid="updates-phase">{phaseText(u, t)}</p>
          {u.last_check_at && (
            <p className="muted">{t('desktop.updates.lastCheck', { at: u.last_check_at })}</p>
          )}
          {u.available?.release_notes && (
            <details open>
              <summary>{t('desktop.updates.notes')}</summary>
              {/* Plain text: release notes are never rendered as HTML. */}
              <pre className="release-notes" data-testid="updates-notes">
                {u.available.release_notes}
              </pre>
            </details>
          )}
          <div className="button-row">
            <button
              type="button"
              className="button button-small"
              data-testid="updates-check"
              disabled={s.busy || u.phase === 'checking'}
              onClick={() => void s.checkUpdates()}
            >
              {t('desktop.updates.check')}
            </button>
            {u.phase === 'downloaded' && (
              <button
                type="button"
                className="button button-small"
                data-testid="updates-install"
                onClick={() => void s.installUpdate()}
              >
                {t('desktop.updates.install')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function AppPanel({ s }: { s: DesktopState }) {
  const { t } = useI18n();
  const p = s.prefs;
  if (!p) return null;
  return (
    <section className="panel" aria-label={t('desktop.app.title')} data-testid="app-prefs-panel">
      <h3 className="panel-title">{t('desktop.app.title')}</h3>
      {p.capabilities.tray && (
        <Switch
          testId="prefs-keep-running"
          label={t('desktop.app.keepRunning')}
          checked={p.keep_running}
          disabled={s.busy}
          onChange={(on) => void s.setPrefs({ keep_running: on })}
        />
      )}
      {p.capabilities.login_item && (
        <Switch
          testId="prefs-login"
          label={t('desktop.app.startAtLogin')}
          checked={p.start_at_login}
          disabled={s.busy}
          onChange={(on) => void s.setPrefs({ start_at_login: on })}
        />
      )}
      <button
        type="button"
        className="button button-small"
        data-testid="prefs-wizard"
        disabled={s.busy}
        onClick={() =>
          void s.setPrefs({ wizard_done: false }).then(() => {
            sessionStorage.setItem(WIZARD_REOPEN_KEY, '1');
            window.dispatchEvent(new Event(WIZARD_REOPEN_EVENT));
          })
        }
      >
        {t('desktop.app.wizard')}
      </button>
      <h4>{t('desktop.app.notifications')}</h4>
      {NOTIFICATION_KINDS.map((k) => (
        <Switch
          key={k}
          testId={`prefs-notify-${k}`}
          label={t(`desktop.notify.${k}`)}
          checked={p.notifications[k]}
          disabled={s.busy}
          onChange={(on) => void s.setNotification(k, on)}
        />
      ))}
    </section>
  );
}

/** Settings → API local, Updates and App (background, login item, notifications). */
export function DesktopPanels() {
  const [store] = useState(() => createDesktopStore(getClient()));
  const s = useStore(store);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  return (
    <>
      {s.error && <SlotError error={s.error} testId="desktop-settings-error" />}
      <LocalApiPanel s={s} />
      <UpdatesPanel key={s.updates?.feed_url ?? ''} s={s} />
      <AppPanel s={s} />
    </>
  );
}

import { z } from 'zod';
import { defineMethod } from '../define';
import { ErrorCode } from '../errors';

/** The default port of the desktop app's optional REST API (the same as `b3ai serve`). */
export const DEFAULT_LOCAL_API_PORT = 4817;

const Problem = z.object({ code: ErrorCode, message: z.string() });

/** A TCP port a user may choose (no privileged ports). */
export const LocalApiPort = z.number().int().min(1024).max(65535);

export const LocalApiStatus = z.object({
  /** `desktop`: the switch is the app's; `serve`: `b3ai serve` is the API itself (always on). */
  mode: z.enum(['desktop', 'serve']),
  enabled: z.boolean(),
  running: z.boolean(),
  port: LocalApiPort,
  /** `http://127.0.0.1:<port>/` while running. */
  url: z.string().nullable(),
  docs_url: z.string().nullable(),
  /** The bearer token (desktop mode only; `b3ai serve` keeps it in `<data-dir>/api-token`). */
  token: z.string().nullable(),
  /** Why the last start failed (a port in use is CONFLICT). */
  error: Problem.nullable(),
});
export type LocalApiStatus = z.infer<typeof LocalApiStatus>;

export const UpdateChannel = z.enum(['stable', 'beta']);
export const UpdatePhase = z.enum([
  'idle',
  'checking',
  'not-available',
  'available',
  'downloading',
  'downloaded',
  'error',
]);

export const UpdateStatus = z.object({
  /** Updates are offered to packaged builds only; `reason` says why not. */
  supported: z.boolean(),
  reason: z.string().nullable(),
  /** Why not, as a code the UI words in its language. */
  reason_code: z.enum(['headless', 'source', 'disabled', 'package-manager']).nullable(),
  current_version: z.string(),
  channel: UpdateChannel,
  feed_url: z.string().nullable(),
  auto_check: z.boolean(),
  phase: UpdatePhase,
  available: z
    .object({
      version: z.string(),
      release_name: z.string().nullable(),
      release_notes: z.string().nullable(),
      release_date: z.string().nullable(),
    })
    .nullable(),
  progress_percent: z.number().min(0).max(100).nullable(),
  last_check_at: z.string().nullable(),
  next_check_at: z.string().nullable(),
  error: Problem.nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const NOTIFICATION_KINDS = ['job-finished', 'signin-expiring', 'portfolio-alert', 'update'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const DesktopPrefs = z.object({
  /** Keep running (tray) when the window closes; null = the platform default. */
  keep_running: z.boolean(),
  start_at_login: z.boolean(),
  notifications: z.record(NotificationKind, z.boolean()),
  wizard_done: z.boolean(),
  /** What this shell can do (a tray, login items): the UI hides what it cannot. */
  capabilities: z.object({ tray: z.boolean(), login_item: z.boolean(), os_notifications: z.boolean() }),
});
export type DesktopPrefs = z.infer<typeof DesktopPrefs>;

export const desktopLocalApiGet = defineMethod({
  name: 'desktop.localApi.get',
  summary: 'The optional localhost REST API of the desktop app: on or off, its port, URL and token.',
  http: { method: 'GET', path: '/api/desktop/local-api' },
  input: z.object({}),
  output: LocalApiStatus,
});

export const desktopLocalApiSet = defineMethod({
  name: 'desktop.localApi.set',
  summary: 'Turn the localhost REST API on or off, or move it to another port (applied live, kept).',
  http: { method: 'POST', path: '/api/desktop/local-api' },
  input: z.object({ enabled: z.boolean(), port: LocalApiPort.optional() }),
  output: LocalApiStatus,
});

export const desktopLocalApiRegenerate = defineMethod({
  name: 'desktop.localApi.regenerateToken',
  summary: 'Replace the API token: the old one stops working at once.',
  http: { method: 'POST', path: '/api/desktop/local-api/token' },
  input: z.object({}),
  output: LocalApiStatus,
});

export const desktopUpdatesGet = defineMethod({
  name: 'desktop.updates.get',
  summary: 'The auto-update state: channel, feed, the update found and its release notes.',
  http: { method: 'GET', path: '/api/desktop/updates' },
  input: z.object({}),
  output: UpdateStatus,
});

export const desktopUpdatesCheck = defineMethod({
  name: 'desktop.updates.check',
  summary: 'Check for an update now (never fails the call: errors are in the state).',
  http: { method: 'POST', path: '/api/desktop/updates/check' },
  input: z.object({}),
  output: UpdateStatus,
});

export const desktopUpdatesSettings = defineMethod({
  name: 'desktop.updates.settings',
  summary: 'Set the update channel, the generic feed URL and the daily automatic check.',
  http: { method: 'POST', path: '/api/desktop/updates/settings' },
  input: z.object({
    channel: UpdateChannel.optional(),
    feed_url: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
      .max(2_000)
      .nullable()
      .optional(),
    auto_check: z.boolean().optional(),
  }),
  output: UpdateStatus,
});

export const desktopUpdatesInstall = defineMethod({
  name: 'desktop.updates.install',
  summary: 'Restart now and install the downloaded update (otherwise it installs on quit).',
  http: { method: 'POST', path: '/api/desktop/updates/install' },
  input: z.object({}),
  output: UpdateStatus,
});

export const desktopPrefsGet = defineMethod({
  name: 'desktop.prefs.get',
  summary: 'Background, login-item, notification and first-run preferences of the desktop app.',
  http: { method: 'GET', path: '/api/desktop/prefs' },
  input: z.object({}),
  output: DesktopPrefs,
});

export const desktopPrefsSet = defineMethod({
  name: 'desktop.prefs.set',
  summary: 'Change desktop preferences (kept across restarts).',
  http: { method: 'POST', path: '/api/desktop/prefs' },
  input: z.object({
    keep_running: z.boolean().optional(),
    start_at_login: z.boolean().optional(),
    notifications: z.partialRecord(NotificationKind, z.boolean()).optional(),
    wizard_done: z.boolean().optional(),
  }),
  output: DesktopPrefs,
});

export const DataDirStatus = z.object({
  /** The folder this run uses. */
  path: z.string(),
  /** Why: `--data-dir`, `B3AI_DATA_DIR`, the wizard's choice, Electron's default, or `b3ai serve`'s. */
  source: z.enum(['argument', 'environment', 'chosen', 'default', 'serve']),
  /** The desktop app can pick another folder (a command-line or environment choice wins over it). */
  can_choose: z.boolean(),
  /** A folder chosen for the next start, when it differs from this run's. */
  next_start: z.string().nullable(),
});
export type DataDirStatus = z.infer<typeof DataDirStatus>;

export const desktopDataDirGet = defineMethod({
  name: 'desktop.dataDir.get',
  summary: 'The data folder this run uses, why, and whether the desktop app can choose another.',
  http: { method: 'GET', path: '/api/desktop/data-dir' },
  input: z.object({}),
  output: DataDirStatus,
});

export const desktopDataDirChoose = defineMethod({
  name: 'desktop.dataDir.choose',
  summary:
    "Desktop app: pick another data folder in the OS's folder dialog (no path is taken from the caller); used from the next start.",
  http: { method: 'POST', path: '/api/desktop/data-dir/choose' },
  input: z.object({ restart: z.boolean().default(false) }),
  output: DataDirStatus.extend({ cancelled: z.boolean() }),
});

export const desktopMethods = {
  'desktop.localApi.get': desktopLocalApiGet,
  'desktop.localApi.set': desktopLocalApiSet,
  'desktop.localApi.regenerateToken': desktopLocalApiRegenerate,
  'desktop.updates.get': desktopUpdatesGet,
  'desktop.updates.check': desktopUpdatesCheck,
  'desktop.updates.settings': desktopUpdatesSettings,
  'desktop.updates.install': desktopUpdatesInstall,
  'desktop.prefs.get': desktopPrefsGet,
  'desktop.prefs.set': desktopPrefsSet,
  'desktop.dataDir.get': desktopDataDirGet,
  'desktop.dataDir.choose': desktopDataDirChoose,
} as const;

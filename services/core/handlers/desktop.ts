import { AppError, type DataDirStatus, type DesktopPrefs, type UpdateStatus } from '../../contract';
import type { Ctx } from '../context';
import { DesktopSettingsStore, notificationSwitches, type DesktopSettings } from '../desktop/settings';
import type { Handler } from './types';

const store = (ctx: Ctx): DesktopSettingsStore => new DesktopSettingsStore(() => ctx.state);

function localApi(ctx: Ctx) {
  const control = ctx.desktop?.localApi;
  if (!control)
    throw new AppError('UNAVAILABLE', 'the local REST API is run by the desktop app or b3ai serve');
  return control;
}

/** Without an updater (headless, or a build from source): the settings, and why nothing is offered. */
export function unsupportedUpdateStatus(s: DesktopSettings, version: string, reason: string): UpdateStatus {
  return {
    supported: false,
    reason,
    reason_code: 'headless',
    current_version: version,
    channel: s.updates.channel,
    feed_url: s.updates.feedUrl,
    auto_check: s.updates.autoCheck,
    phase: 'idle',
    available: null,
    progress_percent: null,
    last_check_at: s.updates.lastCheckAt,
    next_check_at: null,
    error: null,
  };
}

const HEADLESS_UPDATES = 'updates are offered to the installed desktop app only';

function prefsOf(ctx: Ctx, s: DesktopSettings): DesktopPrefs {
  const caps = ctx.desktop?.shell?.capabilities ?? {
    tray: false,
    login_item: false,
    os_notifications: false,
  };
  return {
    keep_running: s.keepRunning ?? caps.tray,
    start_at_login: s.startAtLogin,
    notifications: notificationSwitches(s),
    wizard_done: s.wizardDone,
    capabilities: caps,
  };
}

export const desktopLocalApiGet: Handler<'desktop.localApi.get'> = (_i, ctx) =>
  Promise.resolve().then(() => localApi(ctx).status());

export const desktopLocalApiSet: Handler<'desktop.localApi.set'> = (input, ctx) =>
  Promise.resolve().then(() => localApi(ctx).set(input.enabled, input.port));

export const desktopLocalApiRegenerate: Handler<'desktop.localApi.regenerateToken'> = (_i, ctx) =>
  Promise.resolve().then(() => localApi(ctx).regenerateToken());

export const desktopUpdatesGet: Handler<'desktop.updates.get'> = (_i, ctx) =>
  Promise.resolve().then(
    () =>
      ctx.desktop?.updates?.status() ??
      unsupportedUpdateStatus(store(ctx).get(), ctx.version, HEADLESS_UPDATES),
  );

export const desktopUpdatesCheck: Handler<'desktop.updates.check'> = (_i, ctx) =>
  Promise.resolve().then(
    () =>
      ctx.desktop?.updates?.check() ??
      unsupportedUpdateStatus(store(ctx).get(), ctx.version, HEADLESS_UPDATES),
  );

export const desktopUpdatesSettings: Handler<'desktop.updates.settings'> = (input, ctx) =>
  Promise.resolve().then(() => {
    const patch = {
      ...(input.channel !== undefined ? { channel: input.channel } : {}),
      ...(input.feed_url !== undefined ? { feedUrl: input.feed_url } : {}),
      ...(input.auto_check !== undefined ? { autoCheck: input.auto_check } : {}),
    };
    const control = ctx.desktop?.updates;
    if (control) return control.configure(patch);
    const s = store(ctx).update((cur) => ({ ...cur, updates: { ...cur.updates, ...patch } }));
    return unsupportedUpdateStatus(s, ctx.version, HEADLESS_UPDATES);
  });

export const desktopUpdatesInstall: Handler<'desktop.updates.install'> = (_i, ctx) =>
  Promise.resolve().then(() => {
    const control = ctx.desktop?.updates;
    if (!control) throw new AppError('UNAVAILABLE', HEADLESS_UPDATES);
    return control.install();
  });

export const desktopPrefsGet: Handler<'desktop.prefs.get'> = (_i, ctx) =>
  Promise.resolve().then(() => prefsOf(ctx, store(ctx).get()));

export const desktopPrefsSet: Handler<'desktop.prefs.set'> = (input, ctx) =>
  Promise.resolve().then(() => {
    const s = store(ctx).update((cur) => ({
      ...cur,
      ...(input.keep_running !== undefined ? { keepRunning: input.keep_running } : {}),
      ...(input.start_at_login !== undefined ? { startAtLogin: input.start_at_login } : {}),
      ...(input.wizard_done !== undefined ? { wizardDone: input.wizard_done } : {}),
      notifications: { ...cur.notifications, ...input.notifications },
    }));
    ctx.desktop?.shell?.applyPrefs(s);
    return prefsOf(ctx, s);
  });

/** `b3ai serve` (or a core without the desktop shell): its own data dir, fixed by its command line. */
function headlessDataDir(ctx: Ctx): DataDirStatus {
  return { path: ctx.dataDir, source: 'serve', can_choose: false, next_start: null };
}

export const desktopDataDirGet: Handler<'desktop.dataDir.get'> = (_i, ctx) =>
  Promise.resolve().then(() => ctx.desktop?.dataDir?.status() ?? headlessDataDir(ctx));

export const desktopDataDirChoose: Handler<'desktop.dataDir.choose'> = async (input, ctx) => {
  const control = ctx.desktop?.dataDir;
  if (!control)
    throw new AppError('UNAVAILABLE', 'b3ai serve uses the folder given by --data-dir or B3AI_DATA_DIR');
  const chosen = await control.choose();
  if (!chosen) return { ...control.status(), cancelled: true };
  if (input.restart && chosen.next_start) setTimeout(() => control.restart(), 500);
  return { ...chosen, cancelled: false };
};

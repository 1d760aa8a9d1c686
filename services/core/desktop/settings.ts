import { z } from 'zod';
import {
  DEFAULT_LOCAL_API_PORT,
  LocalApiPort,
  NOTIFICATION_KINDS,
  NotificationKind,
  UpdateChannel,
} from '../../contract';
import { getState, setState, type StateDb } from '../storage/state';

/** Where the desktop app's own settings live: one `app_state` row (state.sqlite), written by the UI. */
export const DESKTOP_SETTINGS_KEY = 'desktop.settings';

const allOn = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<
  NotificationKind,
  boolean
>;

export const DesktopSettings = z.object({
  localApi: z
    .object({ enabled: z.boolean().default(false), port: LocalApiPort.default(DEFAULT_LOCAL_API_PORT) })
    .default({ enabled: false, port: DEFAULT_LOCAL_API_PORT }),
  updates: z
    .object({
      channel: UpdateChannel.default('stable'),
      feedUrl: z.string().nullable().default(null),
      autoCheck: z.boolean().default(true),
      lastCheckAt: z.string().nullable().default(null),
    })
    .default({ channel: 'stable', feedUrl: null, autoCheck: true, lastCheckAt: null }),
  /** null: the platform's default (on where a tray exists). */
  keepRunning: z.boolean().nullable().default(null),
  startAtLogin: z.boolean().default(false),
  notifications: z.partialRecord(NotificationKind, z.boolean()).default({}),
  wizardDone: z.boolean().default(false),
});
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = DesktopSettings.parse({});

/** Every notification kind with its switch (a kind never set is on). */
export function notificationSwitches(s: DesktopSettings): Record<NotificationKind, boolean> {
  return { ...allOn, ...s.notifications };
}

/**
 * Read and write the desktop settings. A row that no longer fits the schema (an older build wrote
 * it, or someone edited the database) is read as the defaults, never as a crash.
 */
export class DesktopSettingsStore {
  constructor(private readonly db: () => StateDb) {}

  get(): DesktopSettings {
    const parsed = DesktopSettings.safeParse(getState(this.db(), DESKTOP_SETTINGS_KEY) ?? {});
    return parsed.success ? parsed.data : DEFAULT_DESKTOP_SETTINGS;
  }

  update(change: (current: DesktopSettings) => DesktopSettings): DesktopSettings {
    const next = DesktopSettings.parse(change(this.get()));
    setState(this.db(), DESKTOP_SETTINGS_KEY, next);
    return next;
  }
}

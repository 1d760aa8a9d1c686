import type { DataDirStatus, LocalApiStatus, UpdateStatus } from '../../contract';
import type { DesktopSettings } from './settings';

/** The desktop app's optional REST port, started and stopped live by the shell's adapter. */
export interface LocalApiControl {
  status(): LocalApiStatus;
  set(enabled: boolean, port?: number): Promise<LocalApiStatus>;
  regenerateToken(): Promise<LocalApiStatus>;
}

export interface UpdateSettingsPatch {
  channel?: 'stable' | 'beta';
  feedUrl?: string | null;
  autoCheck?: boolean;
}

/** The auto-updater (packaged desktop builds). */
export interface UpdateControl {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  configure(patch: UpdateSettingsPatch): Promise<UpdateStatus>;
  install(): Promise<UpdateStatus>;
}

/** What the shell does with the preferences (login item, tray); absent headless. */
export interface ShellControl {
  capabilities: { tray: boolean; login_item: boolean; os_notifications: boolean };
  applyPrefs(settings: DesktopSettings): void;
}

/**
 * What the shell plugs into the core for the `desktop.*` methods. The object is handed to `startCore`
 * and filled by the shell once it has built its parts (they need the core), so handlers read it late.
 */
export interface DesktopHooks {
  /** Set by the core when it runs the schedules (the tray pauses them). */
  schedules?: { setPaused(paused: boolean): void; readonly paused: boolean };
  localApi?: LocalApiControl;
  updates?: UpdateControl;
  shell?: ShellControl;
  /** The data folder: the OS folder dialog, and the choice kept for the next start. */
  dataDir?: DataDirControl;
}

export interface DataDirControl {
  status(): DataDirStatus;
  /** Opens the folder dialog; null when the user cancelled. Throws a typed error on a bad folder. */
  choose(): Promise<DataDirStatus | null>;
  /** Start again on the chosen folder (jobs drained as on quit). */
  restart(): void;
}

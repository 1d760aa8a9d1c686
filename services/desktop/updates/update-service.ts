import { AppError, type UpdateStatus } from '../../contract';
import type { UpdateControl, UpdateSettingsPatch } from '../../core/desktop/hooks';
import type { DesktopSettingsStore } from '../../core/desktop/settings';
import { createLogger, type Logger } from '../../core/logging/logger';
import type { FoundUpdate, UpdateEngine } from './engine';
import {
  CHECK_INTERVAL_MS,
  describeUpdateError,
  nextCheckAt,
  START_DELAY_MS,
  type OfferCode,
} from './policy';

export interface UpdateServiceOptions {
  engine: UpdateEngine;
  settings: DesktopSettingsStore;
  currentVersion: string;
  /** From `updateOffer()`: packaged builds only. */
  offer: { supported: boolean; reason: string | null; code?: OfferCode | null };
  startDelayMs?: number;
  intervalMs?: number;
  now?: () => number;
  /** A newer version was found (the tray and a notification say so). */
  onFound?: (found: FoundUpdate) => void;
  /** The update is downloaded and installs on quit. */
  onDownloaded?: (found: FoundUpdate) => void;
  log?: Logger;
}

/**
 * The auto-update flow, independent of Electron: when to check (a while after start, then daily,
 * or "check now"), what to show (version, notes, progress), and errors as state — a failed check or
 * download (no network, a 404 feed, a bad sha512) never throws to the caller nor blocks the app.
 */
export class UpdateService implements UpdateControl {
  private phase: UpdateStatus['phase'] = 'idle';
  private found: FoundUpdate | null = null;
  private progress: number | null = null;
  private error: UpdateStatus['error'] = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private download: Promise<void> | null = null;
  private startedAt: number;
  private readonly log: Logger;

  constructor(private readonly o: UpdateServiceOptions) {
    this.startedAt = this.now();
    this.log = o.log ?? createLogger('desktop.updates');
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** Start the automatic checks (packaged builds only). */
  start(): void {
    this.startedAt = this.now();
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private nextAt(): number | null {
    if (!this.o.offer.supported) return null;
    const u = this.o.settings.get().updates;
    return nextCheckAt({
      autoCheck: u.autoCheck,
      startedAt: this.startedAt,
      lastCheckAt: u.lastCheckAt ? Date.parse(u.lastCheckAt) : null,
      startDelayMs: this.o.startDelayMs ?? START_DELAY_MS,
      intervalMs: this.o.intervalMs ?? CHECK_INTERVAL_MS,
    });
  }

  private schedule(): void {
    this.stop();
    const at = this.nextAt();
    if (at === null) return;
    const wait = Math.min(Math.max(0, at - this.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.check().finally(() => this.schedule());
    }, wait);
    this.timer.unref();
  }

  status(): UpdateStatus {
    const u = this.o.settings.get().updates;
    const next = this.nextAt();
    return {
      supported: this.o.offer.supported,
      reason: this.o.offer.reason,
      reason_code: this.o.offer.code ?? null,
      current_version: this.o.currentVersion,
      channel: u.channel,
      feed_url: u.feedUrl,
      auto_check: u.autoCheck,
      phase: this.phase,
      available: this.found
        ? {
            version: this.found.version,
            release_name: this.found.releaseName,
            release_notes: this.found.releaseNotes,
            release_date: this.found.releaseDate,
          }
        : null,
      progress_percent: this.progress,
      last_check_at: u.lastCheckAt,
      next_check_at: next === null ? null : new Date(next).toISOString(),
      error: this.error,
    };
  }

  /** Check now; resolves once the check is done (the download goes on in the background). */
  async check(): Promise<UpdateStatus> {
    if (!this.o.offer.supported) return this.status();
    // A download in flight or done: nothing new to ask the feed until it installs.
    if (this.phase === 'downloading' || this.phase === 'downloaded') return this.status();
    this.running ??= this.runCheck().finally(() => (this.running = null));
    await this.running;
    return this.status();
  }

  private async runCheck(): Promise<void> {
    this.phase = 'checking';
    this.error = null;
    const u = this.o.settings.get().updates;
    try {
      const found = await this.o.engine.check({ url: u.feedUrl, channel: u.channel }, this.o.currentVersion);
      this.found = found;
      this.phase = found ? 'available' : 'not-available';
      if (found) {
        this.log.info('update found', { version: found.version });
        this.o.onFound?.(found);
        this.download = this.runDownload(found);
      }
    } catch (e) {
      this.fail(e, 'check');
    } finally {
      this.o.settings.update((s) => ({
        ...s,
        updates: { ...s.updates, lastCheckAt: new Date(this.now()).toISOString() },
      }));
    }
  }

  private async runDownload(found: FoundUpdate): Promise<void> {
    this.phase = 'downloading';
    this.progress = 0;
    try {
      await this.o.engine.download((p) => (this.progress = p));
      this.phase = 'downloaded';
      this.progress = 100;
      this.o.onDownloaded?.(found);
    } catch (e) {
      this.progress = null;
      this.fail(e, 'download');
    }
  }

  private fail(e: unknown, stage: 'check' | 'download'): void {
    this.phase = 'error';
    this.error = describeUpdateError(e);
    this.log.warn(`update ${stage} failed`, { code: this.error.code, message: this.error.message });
  }

  /** Resolves once a background download has ended (tests; the tray's "update now"). */
  async settled(): Promise<UpdateStatus> {
    await this.running;
    await this.download;
    return this.status();
  }

  configure(patch: UpdateSettingsPatch): Promise<UpdateStatus> {
    const before = this.o.settings.get().updates;
    this.o.settings.update((s) => ({ ...s, updates: { ...s.updates, ...patch } }));
    // Another feed or channel: what was found there no longer stands.
    const moved =
      (patch.channel !== undefined && patch.channel !== before.channel) ||
      (patch.feedUrl !== undefined && patch.feedUrl !== before.feedUrl);
    if (moved && this.phase !== 'downloading' && this.phase !== 'downloaded') {
      this.found = null;
      this.phase = 'idle';
      this.error = null;
    }
    this.schedule();
    return Promise.resolve(this.status());
  }

  install(): Promise<UpdateStatus> {
    if (this.phase !== 'downloaded')
      return Promise.reject(new AppError('CONFLICT', 'no update has been downloaded yet'));
    this.o.engine.install();
    return Promise.resolve(this.status());
  }
}

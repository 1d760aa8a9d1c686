import electronUpdater from 'electron-updater';
import type { UpdateEngine } from '../../services/desktop/updates/engine';
import { releaseNotesText } from '../../services/desktop/updates/policy';

/**
 * electron-updater's autoUpdater as the update engine of the packaged app: the generic feed and
 * channel from the settings, no automatic download (the service decides), install on quit or on
 * "restart now". Signature (Windows, macOS) and sha512 are checked by electron-updater itself.
 * Electron-only: not runnable in this repository's tests (the flow's logic is tested in
 * services/desktop/updates against a local feed).
 */
export function electronUpdaterEngine(): UpdateEngine {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = true;
  return {
    async check(feed) {
      if (feed.url) autoUpdater.setFeedURL({ provider: 'generic', url: feed.url });
      autoUpdater.channel = feed.channel === 'beta' ? 'beta' : null;
      // Setting a channel allows downgrades; never go back a version.
      autoUpdater.allowDowngrade = false;
      autoUpdater.allowPrerelease = feed.channel === 'beta';
      const result = await autoUpdater.checkForUpdates();
      if (!result?.isUpdateAvailable) return null;
      const info = result.updateInfo;
      return {
        version: info.version,
        releaseName: info.releaseName ?? null,
        releaseNotes: releaseNotesText(info.releaseNotes),
        releaseDate: info.releaseDate ?? null,
      };
    },
    async download(onProgress) {
      const listener = (p: { percent: number }): void => onProgress(p.percent);
      autoUpdater.on('download-progress', listener);
      try {
        await autoUpdater.downloadUpdate();
      } finally {
        autoUpdater.off('download-progress', listener);
      }
    },
    install() {
      // Quits through before-quit (jobs drained), then installs and relaunches.
      autoUpdater.quitAndInstall(false, true);
    },
  };
}

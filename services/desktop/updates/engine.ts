/** What the feed offers: shown in Settings with its notes. */
export interface FoundUpdate {
  version: string;
  releaseName: string | null;
  releaseNotes: string | null;
  releaseDate: string | null;
}

export interface FeedSettings {
  /** A generic feed (a folder served over HTTP(S) with `latest*.yml` and the files); null: the build's own. */
  url: string | null;
  channel: 'stable' | 'beta';
}

/**
 * How updates are fetched: electron-updater's autoUpdater in the packaged app (electron/main), the
 * same feed format read in plain Node in tests (`node-feed.ts`). Every method may throw; the service
 * turns errors into state.
 */
export interface UpdateEngine {
  /** The newer version the feed offers to `currentVersion` on this channel, or null. */
  check(feed: FeedSettings, currentVersion: string): Promise<FoundUpdate | null>;
  /** Download the update found by the last check; rejects on a bad sha512. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quit and install the downloaded update now. */
  install(): void;
}

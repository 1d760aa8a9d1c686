import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpExecutor, newError, type UpdateInfo } from 'builder-util-runtime';
import type { AppUpdater } from 'electron-updater';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider';
import type { FeedSettings, FoundUpdate, UpdateEngine } from './engine';
import { isOffered, releaseNotesText } from './policy';

/** builder-util-runtime's executor over Node's http/https (electron-updater's uses Electron's net). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'https:' ? httpsRequest : httpRequest)(options, callback);
  }
}

/**
 * The update feed read in plain Node with electron-updater's own GenericProvider (channel file name
 * per platform, `latest.yml` parsing, file resolution), and the file downloaded with its sha512
 * checked here. What the packaged app does through autoUpdater, minus installing.
 */
export class NodeFeedEngine implements UpdateEngine {
  private found: { info: UpdateInfo; url: URL; sha512: string; size: number | null } | null = null;
  private readonly executor = new NodeHttpExecutor();
  /** Where the last good download is. */
  downloaded: string | null = null;

  constructor(
    private readonly o: {
      downloadDir: string;
      platform?: 'linux' | 'darwin' | 'win32';
      onInstall?: () => void;
    },
  ) {}

  async check(feed: FeedSettings, currentVersion: string): Promise<FoundUpdate | null> {
    this.found = null;
    if (!feed.url) throw newError('no update feed URL is set', 'ERR_UPDATER_NO_FEED');
    const runtime = {
      isUseMultipleRangeRequest: false,
      platform: this.o.platform ?? 'linux',
      executor: this.executor,
    } as unknown as ProviderRuntimeOptions;
    const updater = { channel: feed.channel === 'beta' ? 'beta' : null, isAddNoCacheQuery: false };
    const provider = new GenericProvider(
      { provider: 'generic', url: feed.url },
      updater as unknown as AppUpdater,
      runtime,
    );
    const info = await provider.getLatestVersion();
    if (typeof info?.version !== 'string')
      throw newError('no version in the release file', 'ERR_UPDATER_INVALID_UPDATE_INFO');
    const files = provider.resolveFiles(info);
    const file = files[0];
    if (!isOffered(currentVersion, info.version, feed.channel) || !file) return null;
    if (!file.info.sha512) throw newError('no sha512 for the update file', 'ERR_UPDATER_NO_CHECKSUM');
    this.found = { info, url: file.url, sha512: file.info.sha512, size: file.info.size ?? null };
    return {
      version: info.version,
      releaseName: info.releaseName ?? null,
      releaseNotes: releaseNotesText(info.releaseNotes),
      releaseDate: info.releaseDate ?? null,
    };
  }

  async download(onProgress: (percent: number) => void): Promise<void> {
    const found = this.found;
    if (!found) throw newError('no update to download', 'ERR_UPDATER_NOTHING_FOUND');
    const res = await fetch(found.url);
    if (!res.ok || !res.body)
      throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status });
    const total = found.size ?? Number(res.headers.get('content-length') ?? 0);
    const name = decodeURIComponent(found.url.pathname.split('/').pop() ?? 'update').replace(/[^\w.-]/g, '_');
    const target = join(this.o.downloadDir, name);
    const hash = createHash('sha512');
    let got = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        got += chunk.length;
        if (total > 0) onProgress(Math.min(100, (got / total) * 100));
        cb(null, chunk);
      },
    });
    this.downloaded = null;
    await pipeline(Readable.fromWeb(res.body), meter, createWriteStream(target));
    const actual = hash.digest('base64');
    if (actual !== found.sha512) {
      rmSync(target, { force: true });
      throw newError(
        `sha512 checksum mismatch, expected ${found.sha512}, got: ${actual}`,
        'ERR_CHECKSUM_MISMATCH',
      );
    }
    this.downloaded = target;
    onProgress(100);
  }

  install(): void {
    this.o.onInstall?.();
  }
}

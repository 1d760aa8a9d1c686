import { AppError, type LocalApiStatus } from '../contract';
import type { Core } from '../core/app';
import type { LocalApiControl } from '../core/desktop/hooks';
import type { DesktopSettingsStore } from '../core/desktop/settings';
import { createLogger, type Logger } from '../core/logging/logger';
import { startApiServer, type ApiServer } from '../server/http';
import { writeServerFile } from '../server/server-file';
import { ensureApiToken, regenerateApiToken } from '../server/token';

export interface LocalApiOptions {
  core: Core;
  settings: DesktopSettingsStore;
  /** Built renderer served at `/` (the same UI as `b3ai serve`). */
  staticDir: string;
  log?: Logger;
  /**
   * How long a stopping server waits before it drops its connections, so that the answer to the
   * request that turned it off (it may have come through this very port) goes out first.
   */
  stopDelayMs?: number;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function isAddressInUse(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}

/**
 * The desktop app's optional REST port: `b3ai serve`'s HTTP adapter (same routes, Host check, bearer
 * token, 127.0.0.1 only) started and stopped live. While it runs, `<data-dir>/server.json` names it,
 * so `b3ai` commands on the same data dir go through it as they do with `b3ai serve`.
 */
export class LocalApi implements LocalApiControl {
  private server: ApiServer | null = null;
  private removeServerFile: (() => void) | null = null;
  private lastError: LocalApiStatus['error'] = null;
  private token: string;
  private chain: Promise<unknown> = Promise.resolve();
  /** A server being closed in the background; the next operation waits for it. */
  private closing: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly o: LocalApiOptions) {
    this.token = ensureApiToken(o.core.dataDir);
    this.log = o.log ?? createLogger('desktop.local-api');
  }

  /** At app start: the port comes up if the saved setting says so; a failure is shown, not thrown. */
  startFromSettings(): Promise<LocalApiStatus> {
    return this.serial(async () => {
      const { enabled, port } = this.o.settings.get().localApi;
      if (enabled) await this.listen(port).catch(() => undefined);
      return this.status();
    });
  }

  status(): LocalApiStatus {
    const { enabled, port } = this.o.settings.get().localApi;
    const url = this.server?.url ?? null;
    return {
      mode: 'desktop',
      enabled,
      running: this.server !== null,
      port: this.server?.port ?? port,
      url,
      docs_url: url ? `${url}docs` : null,
      token: this.token,
      error: this.lastError,
    };
  }

  set(enabled: boolean, port?: number): Promise<LocalApiStatus> {
    return this.serial(async () => {
      const target = port ?? this.o.settings.get().localApi.port;
      if (!enabled) {
        this.stop();
        this.lastError = null;
      } else if (!this.server || this.server.port !== target) {
        // The new port first: if it is taken, the old one keeps running and nothing is saved.
        const old = this.server;
        const oldFileRemove = this.removeServerFile;
        this.server = null;
        this.removeServerFile = null;
        try {
          await this.listen(target);
        } catch (e) {
          this.server = old;
          this.removeServerFile = oldFileRemove;
          throw e;
        }
        if (old) this.closeInBackground(old);
      }
      this.o.settings.update((s) => ({ ...s, localApi: { enabled, port: target } }));
      return this.status();
    });
  }

  regenerateToken(): Promise<LocalApiStatus> {
    return this.serial(() => {
      this.token = regenerateApiToken(this.o.core.dataDir);
      this.log.info('API token regenerated');
      return Promise.resolve(this.status());
    });
  }

  /** At quit: the port closes and server.json goes. */
  close(): Promise<void> {
    return this.serial(async () => {
      this.stop(0);
      await this.closing;
    });
  }

  private async listen(port: number): Promise<void> {
    try {
      this.server = await startApiServer({
        core: this.o.core,
        token: () => this.token,
        port,
        staticDir: this.o.staticDir,
      });
    } catch (e) {
      const err = isAddressInUse(e)
        ? new AppError('CONFLICT', `port ${port} is in use by another program; choose another port`, {
            port,
          })
        : new AppError('UNAVAILABLE', `the local API did not start on port ${port}`, { port });
      this.lastError = { code: err.code, message: err.message };
      this.log.warn('local API not started', { port, code: err.code });
      throw err;
    }
    this.lastError = null;
    this.removeServerFile = writeServerFile(this.o.core.dataDir, { pid: process.pid, url: this.server.url });
    this.log.info('local API listening', { url: this.server.url });
  }

  /** Stop listening: server.json goes now, the server closes once this turn's answer is out. */
  private stop(wait?: number): void {
    const server = this.server;
    this.server = null;
    this.removeServerFile?.();
    this.removeServerFile = null;
    if (server) this.closeInBackground(server, wait);
  }

  /**
   * The request that turned the port off (or moved it) may have come through it: its answer is
   * written after this operation resolves, so the server closes a timer tick (and `stopDelayMs`) later.
   */
  private closeInBackground(server: ApiServer, wait = this.o.stopDelayMs ?? 100): void {
    const prev = this.closing;
    this.closing = (async () => {
      await prev;
      await delay(wait);
      await server.close();
      this.log.info('local API stopped', { url: server.url });
    })().catch((error: unknown) => this.log.warn('local API close failed', { error }));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    // Each operation starts once the previous one, and any server it is closing, are done.
    const p = this.chain.then(() => this.closing).then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }
}

/**
 * `b3ai serve`'s side of the same methods: it is the API itself (always on, on the port it was
 * started with); the token can be regenerated live, the switch and the port cannot.
 */
export function serveLocalApiControl(o: {
  dataDir: string;
  server: () => ApiServer | undefined;
  setToken: (token: string) => void;
}): LocalApiControl {
  const status = (): LocalApiStatus => {
    const s = o.server();
    return {
      mode: 'serve',
      enabled: true,
      running: s !== undefined,
      port: s?.port && s.port >= 1024 ? s.port : 4817,
      url: s?.url ?? null,
      docs_url: s ? `${s.url}docs` : null,
      token: null,
      error: null,
    };
  };
  return {
    status,
    set: () =>
      Promise.reject(
        new AppError('UNAVAILABLE', 'b3ai serve is the API itself: restart it with --port to move it'),
      ),
    regenerateToken: () => {
      o.setToken(regenerateApiToken(o.dataDir));
      return Promise.resolve(status());
    },
  };
}

import { subscribeAlerts } from './portfolio/alert-triggers';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ComponentHealth, EventPayload, Result } from '../contract';
import { applySourceLimits, liveSourceLimits } from './config/app-config';
import { ConfigService, configContext } from './config/config-service';
import { configApplier, configWatcherComponent } from './config/live-config';
import type { Ctx } from './context';
import { dispatch } from './dispatch';
import { importsOf, type Caller, type ImportsSettings } from './files/file-access';
import { securePrivateDir, securePrivateTree } from './files/private-files';
import { EventBus } from './events/bus';
import { handlers } from './handlers';
import { databaseHealth } from './handlers/health';
import { sessionLookup } from './handlers/sources';
import { JobService } from './jobs/job-service';
import { JobStore } from './jobs/job-store';
import { BUILT_IN_JOB_TYPES, type JobType } from './jobs/job-types';
import { JobRunner } from './jobs/runner';
import { createLogger } from './logging/logger';
import { Orchestrator, type Component } from './orchestrator';
import { lockDataDir } from './storage/lock';
import { defaultResourcesDir } from './storage/migrations';
import { openPg, pgDir } from './storage/pg';
import { openRemotePg } from './storage/pg-remote';
import { serverMode } from './server-mode';
import { ScheduleService } from './scheduler/schedule-service';
import { openState } from './storage/state';
import { APP_VERSION } from './version';
import { workersComponent, type WorkerOptions } from './jobs/workers-component';
import { createRegistry, type SourceRegistry } from '../sources/registry';
import { sourceJobType } from './sources/source-jobs';
import { SourceRunner } from './sources/source-runner';
import { NetworkMonitor } from './sources/network-monitor';
import { probeBaseUrls } from './sources/network-probe';
import { SourceSecrets } from './sources/source-secrets';
import { fileSnapshotsOf } from './analysis/current-loader';
import { AnalysisService } from './analysis/analysis-service';
import { TickerIndex } from './quotes/ticker-index';
import { UniverseService } from './analysis/universe-service';
import { AiModels } from './ai/ai-models';
import { aiJobType } from './ai/ai-job';
import { appChatModels, type ChatTestOptions } from './ai/chat-evidence';
import type { ChatBrowser } from './browser/chat-browser';
import { CHAT_SITES, isChatSite } from '../sources/chat-sites';
import { AiService } from './ai/ai-service';
import { chromiumPdfRenderer, type PdfRenderer } from './ai/pdf';
import { fileKeyCipher, type SecretCipher } from './ai/secrets';
import { aiDir } from './ai/model-config';
import { findBrowser } from './browser/find-browser';
import { SigninService, type SigninOptions } from './browser/signin-service';
import type { DesktopHooks } from './desktop/hooks';

export interface CoreOptions {
  dataDir: string;
  /** Folder with `migrations/{pg,sqlite}` and `schedules/`; defaults to the repo's `resources/`. */
  resourcesDir?: string;
  version?: string;
  /** Who holds the data dir, for the lock file (`b3ai serve`, `electron`, ...). */
  owner?: string;
  /** A PGlite `dumpDataDir` tarball to start from (tests). */
  pgTemplate?: Blob;
  /**
   * Run jobs: worker processes, the dispatcher and the scheduler (the serving process: `b3ai serve`
   * or the desktop app). One-shot CLI commands leave it off and only read and queue.
   */
  run?: boolean;
  workers?: WorkerOptions;
  /** Job types this core can run (default: the built-in ones plus one per data source). */
  jobTypes?: readonly JobType[];
  /** The data sources (default: every source in this build). */
  registry?: SourceRegistry;
  /** Run the schedules (default: when `run`). */
  scheduler?: boolean;
  /** Load and show the schedules but queue nothing when they fire. */
  schedulesPaused?: boolean;
  healthIntervalMs?: number;
  /** How long shutdown waits for running jobs before their workers are stopped. */
  shutdownGraceMs?: number;
  /** How model keys are encrypted: Electron's safeStorage in the app; default the data dir's key file. */
  secretCipher?: SecretCipher;
  /** How reports become PDF: Electron's printToPDF in the app; default the system's Chromium. */
  pdfRenderer?: PdfRenderer;
  /** Reload config.json when it changes on disk (default: when `run`). */
  watchConfig?: boolean;
  /** Test-only: the offline detector's first probe delay (default 15 s, doubling up to 5 min). */
  networkProbeMs?: number;
  /**
   * Sign-in windows: the user's browser (default `B3AI_CHROMIUM` or /usr/bin/chromium until the
   * browser finder is wired), and, for tests only, a window the test can drive (also
   * `B3AI_TEST_SIGNIN=driveable` with `B3AI_TEST_LOGIN_SITE` for a spawned `b3ai serve`).
   */
  signin?: Pick<SigninOptions, 'findBrowser' | 'testDriveable' | 'pollMs' | 'windowTimeoutMs'>;
  /** Model provider HTTP behaviour (tests shorten the retry backoff). */
  aiProviderOptions?: { retries?: number; backoffMs?: number };
  /** The shell's desktop parts for the `desktop.*` methods (filled by the shell after start). */
  desktop?: DesktopHooks;
  /**
   * Server mode: a remote PostgreSQL (`postgres://…`) as the primary store and the job queue
   * (pg-boss); the scheduler runs in whichever process holds the leader lock. See docs/SERVER_MODE.md.
   */
  database?: string;
  /** Run the queue's jobs here (server mode; default: when `run`). `b3ai serve --database --no-jobs` leaves them to workers. */
  runJobs?: boolean;
  /** The chat sites' browser (tests: no pause between prompts, short waits). */
  chat?: ChatTestOptions;
}

export interface Core {
  readonly dataDir: string;
  readonly version: string;
  readonly events: EventBus;
  readonly orchestrator: Orchestrator;
  /** The open databases (tests and maintenance commands read them directly). */
  readonly stores: () => { pg: Ctx['pg']; state: Ctx['state'] };
  /** The `imports` settings in force (import folders, upload cap): config.json, live. */
  imports(): ImportsSettings;
  /**
   * Validate, run and answer one call. `caller` is `local` (default) for this process's own user,
   * `remote` for another process (HTTP clients, the desktop renderer): those may name files only
   * under the configured import folders (`imports.allowedDirs`).
   */
  call(method: string, input: unknown, caller?: Caller): Promise<Result<unknown>>;
  /** Stop every component in reverse order and release the data dir. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Start the core: storage → queue → workers (with the dispatcher) → scheduler, in that order, under
 * the orchestrator; the shell adds its API component last.
 */
export async function startCore(opts: CoreOptions): Promise<Core> {
  // Before anything is written: the data dir and all in it are owner-only (0700/0600).
  securePrivateDir(opts.dataDir);
  const log = createLogger('core');
  const resources = opts.resourcesDir ?? defaultResourcesDir();
  const orchestrator = new Orchestrator(log, opts.healthIntervalMs ?? 60_000);
  const events = new EventBus();
  const registry = opts.registry ?? createRegistry();
  // config.json, live: reloads (API, CLI, file watcher) apply through `settings`.
  const settings = new ConfigService({
    dataDir: opts.dataDir,
    context: configContext(registry, resources),
    log: createLogger('config'),
  });
  let sources: SourceRunner | undefined;
  // The chat sites are sources for their sign-in only; their jobs write AI reports (below).
  const sourceTypes = registry
    .list()
    .filter((s) => !isChatSite(s.info.id))
    .map((s) => sourceJobType(s, () => sources));
  const types = applySourceLimits(
    opts.jobTypes ?? [
      ...BUILT_IN_JOB_TYPES,
      ...sourceTypes,
      aiJobType(() => ctx.ai),
      ...CHAT_SITES.map((c) => aiJobType(() => ctx.ai, { id: c.id, name: c.name })),
    ],
    settings.config,
  );
  const limits = liveSourceLimits(types);
  const ctx = {
    dataDir: opts.dataDir,
    version: opts.version ?? APP_VERSION,
    events,
    log,
    orchestrator,
    config: settings.config,
    settings,
    ...(opts.desktop ? { desktop: opts.desktop } : {}),
  } as Ctx;
  // The same context for other processes' calls, marked remote (a view: later fields show through).
  const remoteCtx = Object.create(ctx, { caller: { value: 'remote', enumerable: true } }) as Ctx;

  // What storage holds right now: released in reverse by a failed start and by stop, which the
  // orchestrator also calls after a failed start (so it must not touch what never opened).
  const held: { unlock?: () => void; state?: Ctx['state']; pg?: Ctx['pg'] } = {};
  let chatBrowserHeld: ChatBrowser | undefined;
  const releaseStorage = async (): Promise<void> => {
    const { unlock, state, pg } = held;
    await ctx.signin?.close().catch((error: unknown) => log.warn('sign-in windows close failed', { error }));
    await chatBrowserHeld
      ?.closeAll()
      .catch((error: unknown) => log.warn('chat browsers close failed', { error }));
    delete held.pg;
    delete held.state;
    delete held.unlock;
    try {
      await pg?.close();
    } finally {
      try {
        state?.close();
      } finally {
        unlock?.();
      }
    }
  };
  const storage: Component = {
    name: 'storage',
    async start() {
      held.unlock = lockDataDir(opts.dataDir, opts.owner ?? 'b3ai');
      try {
        ctx.state = held.state = openState(opts.dataDir, join(resources, 'migrations', 'sqlite'));
        const migrationsDir = join(resources, 'migrations', 'pg');
        if (opts.database) ctx.pg = held.pg = await openRemotePg({ url: opts.database, migrationsDir });
        else {
          ctx.pg = held.pg = await openPg({
            dir: pgDir(opts.dataDir),
            migrationsDir,
            ...(opts.pgTemplate ? { template: opts.pgTemplate } : {}),
          });
          // Postgres sets some of its files' modes itself (0644): owner-only again, as the rest.
          securePrivateTree(pgDir(opts.dataDir));
        }
        const cipher = opts.secretCipher ?? fileKeyCipher(aiDir(opts.dataDir));
        sources = new SourceRunner({
          registry,
          state: ctx.state,
          pg: ctx.pg,
          dataDir: opts.dataDir,
          // A getter: every run reads the settings in force (base URLs, credentials, retries).
          get config() {
            return settings.config;
          },
          log: createLogger('sources'),
          sessionCookie: (id) => ctx.signin?.cookieHeader(id) ?? null,
          secrets: new SourceSecrets(opts.dataDir, cipher),
          onNetwork: (source, outcome) => network.report(source, outcome),
          onStored: (tickers) => {
            ctx.analysis?.invalidate(tickers);
            // Market-wide data (COTAHIST) or a ticker the search list lacks: reload it on next use.
            if (tickers === null || !ctx.tickers?.knows(tickers)) ctx.tickers?.invalidate();
          },
        });
        ctx.analysis = new AnalysisService(ctx.pg, undefined, fileSnapshotsOf(ctx.state));
        ctx.tickers = new TickerIndex(ctx.pg);
        ctx.universe = new UniverseService(ctx.pg, ctx.state, ctx.analysis);
        const runner = sources;
        ctx.signin = new SigninService({
          dataDir: opts.dataDir,
          registry,
          baseUrl: (id) => runner.baseUrl(id),
          cipher,
          events,
          log: createLogger('signin'),
          lastError: (id) => runner.health.report(id, id).last_error,
          // The same browser the headless jobs use: config, B3AI_CHROMIUM, then the standard paths.
          findBrowser: () =>
            findBrowser({ configured: settings.config.browser?.executablePath, env: process.env }).path,
          // Test-only (a DevTools port on the window): honoured only next to the login test site.
          ...(process.env['B3AI_TEST_SIGNIN'] === 'driveable' && process.env['B3AI_TEST_LOGIN_SITE']
            ? { testDriveable: true }
            : {}),
          ...opts.signin,
        });
        const chat = appChatModels({
          dataDir: opts.dataDir,
          executablePath: settings.config.browser?.executablePath,
          runner,
          signin: () => ctx.signin,
          ...(opts.chat ? { test: opts.chat } : {}),
        });
        chatBrowserHeld = chat.browser;
        ctx.aiModels = new AiModels({
          dataDir: opts.dataDir,
          log: createLogger('ai'),
          cipher,
          chat: chat.models,
          ...(opts.aiProviderOptions ? { providerOptions: opts.aiProviderOptions } : {}),
        });
        ctx.pdf = opts.pdfRenderer ?? chromiumPdfRenderer();
        ctx.ai = new AiService({
          pg: ctx.pg,
          analysis: ctx.analysis,
          models: ctx.aiModels,
          events,
          log: createLogger('ai'),
          pdf: ctx.pdf,
        });
        ctx.sources = sources;
        const days = settings.config.vault.retentionDays;
        if (days !== null) {
          const pruned = sources.vault.prune(Date.now() - days * 86_400_000);
          log.info('vault retention applied', { days, ...pruned });
        }
      } catch (e) {
        // The start's own error is the one to report, not a failure to close what it half opened.
        await releaseStorage().catch((error: unknown) => log.warn('storage release failed', { error }));
        throw e;
      }
    },
    stop: releaseStorage,
    health: () => databaseHealth(ctx),
  };

  // Offline detection: fetches report how they ended; a probe reaches the failing sources' hosts.
  let jobRunner: JobRunner | undefined;
  const network = new NetworkMonitor({
    log: createLogger('network'),
    probe: (ids) =>
      probeBaseUrls(ids.flatMap((id) => (sources?.registry.get(id) ? [sources.baseUrl(id)] : []))),
    onChange: (state) => {
      if (state === 'online') jobRunner?.resume();
    },
    ...(opts.networkProbeMs ? { probeBaseMs: opts.networkProbeMs, probeMaxMs: opts.networkProbeMs * 4 } : {}),
  });
  ctx.network = network;

  let store: JobStore | undefined;
  const queue: Component = {
    name: 'queue',
    async start() {
      store = new JobStore(ctx.state);
      ctx.jobs = new JobService(ctx.state, store, types, null, null, events);
      return Promise.resolve();
    },
    async stop() {
      ctx.jobs = undefined;
      return Promise.resolve();
    },
    async health() {
      const q = await ctx.jobs?.queueStatus();
      const errors = settings.errors;
      const h: ComponentHealth = {
        status: errors.length ? 'degraded' : 'healthy',
        pending: q?.total_pending ?? 0,
        running: q?.running ?? 0,
      };
      if (errors.length) h.message = errors.join('; ');
      return h;
    },
  };
  const server = opts.database
    ? serverMode({
        url: opts.database,
        ctx,
        types,
        events,
        dataDir: opts.dataDir,
        configErrors: () => settings.errors,
        sources: () => sources,
      })
    : undefined;

  let started = false;
  try {
    await orchestrator.add(storage);
    await orchestrator.add(server?.queue ?? queue);
    if (server && opts.run && (opts.runJobs ?? true))
      await orchestrator.add(server.workers(opts.workers ?? {}, opts.shutdownGraceMs ?? 10_000));
    if (opts.run) {
      const owner = `${process.pid}:${randomUUID()}`;
      if (!server)
        await orchestrator.add(
          workersComponent(opts.workers ?? {}, (supervisor) => {
            const runner = new JobRunner({
              store: store!,
              types,
              supervisor,
              events,
              log: createLogger('jobs'),
              pg: ctx.pg,
              state: ctx.state,
              dataDir: opts.dataDir,
              owner,
              capacity: supervisor.capacity,
              // At least a few: with one slot, one waiting job would still mean one commit per job.
              lookahead: Math.max(4, supervisor.capacity),
              network,
            });
            jobRunner = runner;
            ctx.jobs = new JobService(ctx.state, store!, types, runner, supervisor, events);
            // A fetch runs in a worker, at most the source's concurrency at once (its jobs may be
            // claimed ahead, see JobType.lookahead), whether a job or a test asked for it.
            sources?.setRunTask((jobId, task, payload, timeoutMs) => {
              const source = (payload as { source?: unknown }).source;
              const type = typeof source === 'string' ? types.find((t) => t.source === source) : undefined;
              return supervisor.run({
                jobId,
                task,
                payload,
                timeoutMs,
                ...(type ? { group: { key: type.source, limit: type.concurrency } } : {}),
              });
            });
            return { runner, graceMs: opts.shutdownGraceMs ?? 10_000 };
          }),
        );
      if (opts.scheduler ?? true) {
        let sessions: { at: number; of: ReturnType<typeof sessionLookup> } | undefined;
        ctx.schedules = new ScheduleService({
          db: ctx.state,
          resourcesDir: resources,
          jobs: () => ctx.jobs,
          available: new Set(types.map((t) => t.source)),
          needsSetup: (source) => {
            const r = ctx.sources;
            const src = r?.registry.get(source);
            if (!r || !src) return null;
            const missing = r.missingCredentials(source);
            if (missing.length) return `needs setup: ${missing.join(', ')} not set (Settings)`;
            // A data source that signs in, with its profile known to hold no live session. (The chat
            // sites have no fetcher: the AI job skips them itself, saying why in its result.)
            if (!src.info.requiresLogin || Object.keys(src.fetchers).length === 0) return null;
            // The profiles' cookie status, read once per firing or listing (not once per source).
            if (!sessions || Date.now() - sessions.at > 2_000)
              sessions = { at: Date.now(), of: sessionLookup(ctx) };
            const session = sessions.of(source);
            if (session && session !== 'valid')
              return `needs setup: sign in to ${src.info.name} in Data sources`;
            return null;
          },
          configured: () => settings.config.schedules,
          log: createLogger('scheduler'),
          ...(opts.schedulesPaused ? { paused: true } : {}),
        });
        // Server mode: one process over all runs the schedules, the one holding the leader lock.
        const scheduler = ctx.schedules.component();
        await orchestrator.add(server ? server.leader(scheduler) : scheduler);
        if (opts.desktop) opts.desktop.schedules = ctx.schedules;
        // The schedules of a site that waited for the user's sign-in start once it is done.
        const schedules = ctx.schedules;
        events.subscribe((name, payload) => {
          const p = payload as { scraper?: string; result?: string };
          if (name !== 'scrapers.login' || p.result !== 'signed-in' || !p.scraper) return;
          schedules
            .enableAfterSignin(p.scraper)
            .catch((error: unknown) => log.warn('schedules not enabled after sign-in', { error }));
        });
      }
    }
    settings.setApplier(configApplier({ ctx, limits }));
    if (opts.run && (opts.watchConfig ?? true))
      await orchestrator.add(configWatcherComponent(settings, createLogger('config')));
    started = true;
  } finally {
    if (!started) await orchestrator.stop();
  }

  // A COTAHIST import (API or job) changes bars of many tickers: drop every cached analysis.
  events.subscribe((name, payload) => {
    const job = name === 'job.updated' ? (payload as EventPayload<'job.updated'>).job : null;
    if (name === 'import.completed' || (job?.status === 'completed' && job.scraper_name === 'cotahist')) {
      ctx.analysis?.invalidate(null);
      ctx.tickers?.invalidate();
    }
  });

  // Alert rules are evaluated after the imports and fetches that change their inputs.
  subscribeAlerts(events, () => ctx.pg, createLogger('alerts'));

  let closing: Promise<void> | undefined;
  log.info('core started', { dataDir: opts.dataDir, version: ctx.version, run: Boolean(opts.run) });
  return {
    dataDir: ctx.dataDir,
    version: ctx.version,
    events,
    orchestrator,
    stores: () => ({ pg: ctx.pg, state: ctx.state }),
    imports: () => importsOf(ctx.config),
    call: (method, input, caller = 'local') =>
      dispatch(handlers, method, input, caller === 'remote' ? remoteCtx : ctx),
    close: () => {
      network.close();
      closing ??= orchestrator.stop().then(() => log.info('core stopped', { dataDir: ctx.dataDir }));
      return closing;
    },
  };
}

import type { EventBus } from './events/bus';
import type { JobQueue } from './jobs/job-service';
import type { Logger } from './logging/logger';
import type { Orchestrator } from './orchestrator';
import type { ScheduleService } from './scheduler/schedule-service';
import type { Pg } from './storage/pg';
import type { StateDb } from './storage/state';
import type { AppConfig } from './config/app-config';
import type { ConfigService } from './config/config-service';
import type { SourceRunner } from './sources/source-runner';
import type { AnalysisService } from './analysis/analysis-service';
import type { TickerIndex } from './quotes/ticker-index';
import type { UniverseService } from './analysis/universe-service';
import type { AiModels } from './ai/ai-models';
import type { AiService } from './ai/ai-service';
import type { Caller } from './files/file-access';
import type { SigninService } from './browser/signin-service';
import type { DesktopHooks } from './desktop/hooks';
import type { PdfRenderer } from './ai/pdf';
import type { NetworkMonitor } from './sources/network-monitor';

/** What every handler gets: the open stores, the event bus and where the data lives. */
export interface Ctx {
  dataDir: string;
  version: string;
  pg: Pg;
  state: StateDb;
  events: EventBus;
  log: Logger;
  /** The job queue, once the orchestrator has started it. */
  jobs?: JobQueue;
  orchestrator?: Orchestrator;
  /** The schedules, in the serving process. */
  schedules?: ScheduleService;
  /** The data sources: runs, vault, health (once storage is open). */
  sources?: SourceRunner;
  config?: AppConfig;
  /** config.json, live: status, validation, reload. */
  settings?: ConfigService;
  /** The securities in memory for tickers.search (reloaded after imports). */
  tickers?: TickerIndex;
  /** The analysis engine (cached answers per ticker). */
  analysis?: AnalysisService;
  universe?: UniverseService;
  /** HTML → PDF bytes: Chromium headless, or Electron's printToPDF in the desktop app. */
  pdf?: PdfRenderer;
  /** The AI analyst and its model providers. */
  ai?: AiService;
  aiModels?: AiModels;
  /** Sign-in windows, session status and the encrypted cookie copy of sources that sign in. */
  signin?: SigninService;
  /**
   * Who called: the process's own user (`local`: the CLI, tests) or another process (`remote`:
   * HTTP clients, the desktop renderer), which may name files only under the import folders.
   */
  caller?: Caller;
  /** Whether the sites are reachable (offline detection for the jobs that fetch). */
  network?: NetworkMonitor;
  /** The shell's desktop parts (local REST port, updater, tray/login item), filled late by the shell. */
  desktop?: DesktopHooks;
}

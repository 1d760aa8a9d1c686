import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../contract';
import type { Logger } from '../logging/logger';
import type { SourceRegistry } from '../../sources/registry';
import { DEFAULT_CONFIG, type AppConfig } from './app-config';
import {
  checkConfigFile,
  describeIssues,
  type ConfigCheck,
  type ConfigContext,
  type ConfigIssue,
} from './config-check';

/** What the checks know: this build's sources (with the credentials they take) and the shipped schedules. */
export function configContext(registry: SourceRegistry, resourcesDir: string | null): ConfigContext {
  let scheduleIds: Set<string> | null = null;
  if (resourcesDir) {
    try {
      const json = JSON.parse(
        readFileSync(join(resourcesDir, 'schedules', 'default.json'), 'utf8'),
      ) as unknown;
      const list = Array.isArray(json) ? json : (json as { schedules?: unknown[] }).schedules;
      if (Array.isArray(list))
        scheduleIds = new Set(
          list.map((s) => (s as { id?: unknown }).id).filter((id) => typeof id === 'string'),
        );
    } catch {
      scheduleIds = null; // the scheduler reports an unreadable schedules file itself
    }
  }
  return {
    sources: registry
      .list()
      .map((s) => ({ id: s.info.id, credentials: s.info.credentials.map((c) => c.name) })),
    scheduleIds,
  };
}

/** Key paths whose values differ (values are never reported: some are secrets). */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  // A section on one side only is compared with an empty one, so its leaves are named.
  if ((isObj(a) || a === undefined) && (isObj(b) || b === undefined) && (isObj(a) || isObj(b))) {
    const x = isObj(a) ? a : {};
    const y = isObj(b) ? b : {};
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
    return keys.flatMap((k) => changedPaths(x[k], y[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix || '(file)'];
}

/** Applies an accepted configuration to the running app; answers what it changed, by area. */
export type ConfigApplier = (next: AppConfig, prev: AppConfig) => Promise<string[]>;

export interface ReloadResult {
  reloaded: boolean;
  /** Key paths whose values changed (never the values). */
  changed: string[];
  /** What the running app did about it (`limits: cotahist`, `vault pruned …`). */
  applied: string[];
  warnings: ConfigIssue[];
  loaded_at: string;
}

export interface ConfigServiceOptions {
  dataDir: string;
  context: ConfigContext;
  log: Logger;
}

/**
 * The live configuration: loaded at start (an invalid file leaves the defaults and says why), reloaded
 * on request or by the file watcher. A reload that finds an invalid file refuses it and keeps what runs.
 */
export class ConfigService {
  private current: AppConfig;
  private check: ConfigCheck;
  private loadedAt: Date;
  private applier: ConfigApplier | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private last: { at: Date; ok: boolean; trigger: string; errors: ConfigIssue[] } | null = null;

  constructor(private readonly o: ConfigServiceOptions) {
    this.check = checkConfigFile(o.dataDir, o.context);
    this.current = this.check.config ?? DEFAULT_CONFIG;
    this.loadedAt = new Date();
    for (const line of describeIssues(this.check.file, this.check.errors))
      o.log.error('configuration error: using the defaults', { message: line });
    for (const line of describeIssues(this.check.file, this.check.warnings))
      o.log.warn('configuration warning', { message: line });
  }

  get config(): AppConfig {
    return this.current;
  }

  get file(): string {
    return this.check.file;
  }

  /** The problems of the file the app runs on (empty when it runs on a valid file or the defaults). */
  get errors(): string[] {
    return describeIssues(this.check.file, this.check.errors);
  }

  /** Set how accepted configurations reach the running app (the core, once its parts exist). */
  setApplier(applier: ConfigApplier): void {
    this.applier = applier;
  }

  /** Check the file as it is on disk now, without applying it. */
  validate(): ConfigCheck {
    return checkConfigFile(this.o.dataDir, this.o.context);
  }

  /** Whether the file on disk differs from what was last read (the watcher skips no-op writes). */
  fileChanged(): boolean {
    return this.validate().hash !== this.check.hash;
  }

  status() {
    return {
      file: this.check.file,
      exists: this.check.exists,
      loaded_at: this.loadedAt.toISOString(),
      valid: this.check.valid,
      errors: this.check.errors,
      warnings: this.check.warnings,
      sources_configured: Object.keys(this.current.sources).sort(),
      schedules_configured: Object.keys(this.current.schedules).sort(),
      last_reload: this.last
        ? {
            at: this.last.at.toISOString(),
            ok: this.last.ok,
            trigger: this.last.trigger,
            errors: this.last.errors,
          }
        : null,
    };
  }

  /** Re-read the file and apply it; an invalid file is refused (INVALID_CONFIG) and the old settings stay. */
  reload(trigger: 'api' | 'watch' | 'start' = 'api'): Promise<ReloadResult> {
    const run = async (): Promise<ReloadResult> => {
      const check = this.validate();
      if (!check.valid || !check.config) {
        this.last = { at: new Date(), ok: false, trigger, errors: check.errors };
        const lines = describeIssues(check.file, check.errors);
        this.o.log.error('configuration refused: the previous settings stay', { trigger, errors: lines });
        throw new AppError('INVALID_CONFIG', `${lines.join('; ')}; the previous configuration stays`, {
          errors: check.errors,
          fields: check.errors.map((e) => e.path),
        });
      }
      const prev = this.current;
      const next = check.config;
      const changed = changedPaths(prev, next).filter((p) => p !== '$schema');
      this.current = next;
      this.check = check;
      this.loadedAt = new Date();
      let applied: string[] = [];
      if (changed.length && this.applier) {
        try {
          applied = await this.applier(next, prev);
        } catch (e) {
          this.o.log.error('configuration applied in part', { trigger, error: e });
          applied = [`not all of it was applied: ${e instanceof Error ? e.message : String(e)}`];
        }
      }
      this.last = { at: this.loadedAt, ok: true, trigger, errors: [] };
      this.o.log.info('configuration reloaded', { trigger, changed, applied });
      return {
        reloaded: true,
        changed,
        applied,
        warnings: check.warnings,
        loaded_at: this.loadedAt.toISOString(),
      };
    };
    const p = this.chain.then(run);
    this.chain = p.catch(() => undefined);
    return p;
  }
}

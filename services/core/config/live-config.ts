import type { ComponentHealth } from '../../contract';
import type { Ctx } from '../context';
import type { Logger } from '../logging/logger';
import type { Component } from '../orchestrator';
import type { AppConfig } from './app-config';
import { changedPaths, type ConfigApplier, type ConfigService } from './config-service';
import { watchConfigFile } from './config-watcher';

/**
 * How an accepted config.json reaches the running app. Base URLs, credentials and retries are read
 * by the source runner on every run (nothing to do); job limits are set on the job types the queue and
 * the runner hold; a new vault retention prunes now; schedules are rescheduled.
 */
export function configApplier(deps: {
  ctx: Ctx;
  limits: { apply(config: AppConfig): string[] };
}): ConfigApplier {
  return async (next, prev) => {
    const { ctx } = deps;
    ctx.config = next;
    const applied: string[] = [];
    const sources = [
      ...new Set(
        changedPaths(prev.sources, next.sources)
          .map((p) => p.split('.')[0]!)
          .filter(Boolean),
      ),
    ];
    if (sources.length) applied.push(`sources: ${sources.join(', ')} (from their next request)`);
    const limited = deps.limits.apply(next);
    if (limited.length) applied.push(`job limits: ${limited.join(', ')}`);
    const days = next.vault.retentionDays;
    if (days !== prev.vault.retentionDays && days !== null && ctx.sources) {
      const pruned = ctx.sources.vault.prune(Date.now() - days * 86_400_000);
      applied.push(
        `vault retention ${days} days: ${pruned.snapshots} snapshot(s), ${pruned.files} file(s) pruned`,
      );
    }
    if (ctx.schedules) {
      const rescheduled = await ctx.schedules.applyConfig();
      if (rescheduled.length) applied.push(`schedules: ${rescheduled.join(', ')}`);
    }
    return applied;
  };
}

/** The serving process's watcher of config.json, as a component (it stops before the stores close). */
export function configWatcherComponent(settings: ConfigService, log: Logger, debounceMs?: number): Component {
  let watcher: { close(): void } | undefined;
  return {
    name: 'config',
    start() {
      watcher = watchConfigFile({
        file: settings.file,
        changed: () => settings.fileChanged(),
        reload: () => settings.reload('watch'),
        log,
        ...(debounceMs !== undefined ? { debounceMs } : {}),
      });
      return Promise.resolve();
    },
    stop() {
      watcher?.close();
      return Promise.resolve();
    },
    health(): Promise<ComponentHealth> {
      const s = settings.status();
      const h: ComponentHealth = {
        status: s.valid ? 'healthy' : 'degraded',
        file: s.file,
        loadedAt: s.loaded_at,
      };
      if (!s.valid) h.message = settings.errors.join('; ');
      return Promise.resolve(h);
    },
  };
}

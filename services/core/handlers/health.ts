import type { ComponentHealth, Health } from '../../contract';
import type { Ctx } from '../context';
import { countBars } from '../quotes/repository';
import { scrapersHealth } from '../sources/scrapers-service';
import { sessionLookup } from './sources';
import type { Handler } from './types';

/**
 * The periodic check: both databases answer a trivial query. Cheap on purpose — it runs every
 * minute; counting rows is left to an explicit /health request.
 */
export async function databaseHealth(ctx: Ctx): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await ctx.pg.query('SELECT 1');
    ctx.state.prepare('SELECT 1').get();
    return {
      status: 'healthy',
      engine: 'pglite',
      state: 'sqlite-wal',
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    return { status: 'unhealthy', message: (e as Error).message };
  }
}

/** Overall status from the components that exist; `not_started` ones are reported, never counted as healthy. */
export function overallStatus(components: ComponentHealth[]): Health['status'] {
  const started = components.filter((c) => c.status !== 'not_started');
  if (started.length === 0 || started.some((c) => c.status === 'unhealthy')) return 'unhealthy';
  return started.every((c) => c.status === 'healthy') ? 'healthy' : 'degraded';
}

export const healthGet: Handler<'health.get'> = async (_input, ctx) => {
  const o = ctx.orchestrator;
  if (o) await o.checkAll();
  const checked = o ? o.health('storage') : await databaseHealth(ctx);
  const database: ComponentHealth =
    checked.status === 'healthy' ? { ...checked, dailyBars: await countBars(ctx.pg) } : checked;
  const queue: ComponentHealth = o ? o.health('queue') : { status: 'not_started' };
  const scrapers: ComponentHealth = o?.health('workers') ?? { status: 'not_started' };
  if (scrapers.status === 'not_started') {
    scrapers.message ??=
      'no worker processes here: jobs run in the serving process (b3ai serve or the desktop app)';
  }
  const running = new Set(o?.status().map((c) => c.name));
  const extra: {
    scheduler?: ComponentHealth;
    api?: ComponentHealth;
    sources?: ComponentHealth;
    network?: ComponentHealth;
  } = {};
  if (o && running.has('scheduler')) extra.scheduler = o.health('scheduler');
  if (o && running.has('api')) extra.api = o.health('api');
  const net = ctx.network?.status();
  if (net) {
    extra.network = {
      status: net.state === 'offline' ? 'unhealthy' : 'healthy',
      state: net.state,
      since: net.since,
      next_probe_at: net.next_probe_at,
      ...(net.state === 'offline' ? { message: `offline (${net.last_code ?? 'network error'})` } : {}),
    };
  }
  if (ctx.sources) {
    // The same summary as the data sources view, so the header and that view say the same.
    const s = scrapersHealth(ctx.sources, sessionLookup(ctx), net);
    extra.sources = {
      status:
        s.overall_health === 'unhealthy' || s.overall_health === 'degraded'
          ? s.overall_health
          : s.overall_health === 'offline'
            ? 'unhealthy'
            : 'healthy',
      overall: s.overall_health,
      healthy: s.healthy,
      unhealthy: s.unhealthy,
      needs_setup: s.needs_setup,
      needs_login: s.needs_login,
    };
  }
  const components = [database, queue, scrapers, ...Object.values(extra)];
  return {
    status: net?.state === 'offline' ? 'offline' : overallStatus(components),
    version: ctx.version,
    timestamp: new Date().toISOString(),
    components: { database, queue, scrapers, ...extra },
  };
};

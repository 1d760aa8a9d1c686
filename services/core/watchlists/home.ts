import type { Output } from '../../contract';
import type { ResolvedValue } from '../../contract/current-value';
import { macroContext, type MacroCode, type MacroValue } from '../../analysis/macro';
import { fileSnapshotsOf, loadCurrent } from '../analysis/current-loader';
import { loadMacroSeries } from '../analysis/loaders';
import { todayInSaoPaulo } from '../analysis/current-value';
import { scrapersHealthHandler } from '../handlers/sources';
import type { Ctx } from '../context';
import { breadthOf, mostTraded, namesOf, sparklines, type Spark } from './market';
import { listWatchlists } from './store';

type Home = Output<'home.get'>;

/** Days after which the local quotes count as old on the home page ("data older than N days"). */
export const STALE_QUOTES_DAYS = 7;

const MACRO: ReadonlyArray<{
  key: Home['macro'][number]['key'];
  wants: MacroCode[];
  pick: (c: ReturnType<typeof macroContext>) => MacroValue | null;
}> = [
  { key: 'selic', wants: [432, 4189], pick: (c) => c.selic_target ?? c.selic_effective },
  { key: 'ipca_12m', wants: [13522, 433], pick: (c) => c.ipca_12m },
  { key: 'cdi_12m', wants: [4391], pick: (c) => c.cdi_12m },
  { key: 'usd_brl', wants: [10813, 1], pick: (c) => c.usd_brl },
];

async function macroStrip(ctx: Ctx): Promise<Home['macro']> {
  const codes = [...new Set(MACRO.flatMap((m) => m.wants))];
  const series = await Promise.all(codes.map((c) => loadMacroSeries(ctx.pg, c)));
  const context = macroContext(Object.fromEntries(codes.map((c, i) => [c, series[i] ?? []])));
  return MACRO.map((m) => {
    const v = m.pick(context);
    return {
      key: m.key,
      wants: m.wants,
      value: v ? { value: v.value, date: v.date, series: v.series, unit: v.unit } : null,
    };
  });
}

/** % change of the last bar when the current price is that bar's close; else the site's own day change of that date. */
export function dayChange(
  price: ResolvedValue | undefined,
  spark: Spark | undefined,
  changeDay: ResolvedValue | undefined,
): number | null {
  if (!price) return null;
  const n = spark?.closes.length ?? 0;
  if (spark && n >= 2 && price.source === 'b3-cotahist' && spark.dates[n - 1] === price.as_of) {
    const prev = spark.closes[n - 2]!;
    return prev > 0 ? (spark.closes[n - 1]! / prev - 1) * 100 : null;
  }
  if (changeDay && changeDay.as_of !== null && changeDay.as_of === price.as_of) return changeDay.value;
  return null;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

async function attentionOf(
  ctx: Ctx,
  today: string,
  lastSession: string | null,
  macro: Home['macro'],
): Promise<{ attention: Home['attention']; jobs: Home['jobs'] }> {
  const attention: Home['attention'] = [];
  if (ctx.sources) {
    const health = await scrapersHealthHandler({}, ctx).catch(() => null);
    for (const s of health?.scrapers ?? []) {
      if (!s.enabled) continue;
      if (s.status === 'needs_login')
        attention.push({ kind: 'signin', subject: s.id, detail: s.name, since: null });
      else if (s.status === 'unhealthy')
        attention.push({
          kind: 'source_failing',
          subject: s.id,
          detail: s.last_error?.code ?? null,
          since: s.last_error?.at ?? null,
        });
    }
  }
  if (lastSession && daysBetween(lastSession, today) > STALE_QUOTES_DAYS)
    attention.push({
      kind: 'stale_data',
      subject: 'b3-cotahist',
      detail: String(daysBetween(lastSession, today)),
      since: lastSession,
    });
  const missing = macro.filter((m) => m.value === null);
  if (missing.length)
    attention.push({
      kind: 'no_macro',
      subject: missing.map((m) => m.key).join(','),
      detail: missing.flatMap((m) => m.wants).join(', '),
      since: null,
    });
  let jobs: Home['jobs'] = { failed_24h: 0, pending: 0, running: 0 };
  if (ctx.jobs) {
    const q = await ctx.jobs.queueStatus();
    const s = await ctx.jobs.statsSummary('24h');
    jobs = { failed_24h: s.failed_jobs, pending: q.total_pending, running: q.running };
    if (s.failed_jobs > 0)
      attention.push({ kind: 'jobs_failed', subject: 'jobs', detail: String(s.failed_jobs), since: null });
  }
  return { attention, jobs };
}

/** The home page in one call (see `home.get`). */
export async function homeOf(ctx: Ctx, watchlistId: string | undefined): Promise<Home> {
  const today = todayInSaoPaulo();
  const watchlists = await listWatchlists(ctx.pg);
  const shown = (watchlistId ? watchlists.find((w) => w.id === watchlistId) : undefined) ?? watchlists[0];
  const defaults = await mostTraded(ctx.pg);
  const tickers = shown ? shown.tickers : defaults;
  const [currents, sparks, names, breadth, macro, news, reports] = await Promise.all([
    loadCurrent(ctx.pg, tickers, fileSnapshotsOf(ctx.state), today),
    sparklines(ctx.pg, tickers),
    namesOf(ctx.pg, tickers),
    breadthOf(ctx.pg),
    macroStrip(ctx),
    ctx.pg.query<Home['news'][number]>(
      `SELECT id::int AS id, title, url, publisher,
              to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published_at,
              tickers, sentiment_label, sentiment_score
       FROM news ORDER BY published_at DESC NULLS LAST, first_seen_at DESC, id DESC LIMIT 6`,
    ),
    ctx.pg.query<Home['reports'][number]>(
      `SELECT id::int AS id, ticker, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
              kind, model_name, report->>'recommendation' AS recommendation
       FROM ai_reports ORDER BY created_at DESC, id DESC LIMIT 5`,
    ),
  ]);
  const items = tickers.map((t) => {
    const current = currents.get(t) ?? {};
    const spark = sparks.get(t);
    return {
      ticker: t,
      name: names.get(t) ?? null,
      price: current['price'] ?? null,
      change_pct: dayChange(current['price'], spark, current['change_day']),
      spark: spark?.closes ?? [],
    };
  });
  const { attention, jobs } = await attentionOf(ctx, today, breadth.date, macro);
  return {
    today,
    watchlists,
    watchlist_id: shown?.id ?? null,
    default_tickers: defaults,
    items,
    breadth,
    macro,
    news: news.rows,
    reports: reports.rows,
    attention,
    jobs,
    timestamp: new Date().toISOString(),
  };
}

import { AppError } from '../../contract/errors';
import { hostAllowed, hostKey } from '../../sources/http';
import b3Cotahist from '../../sources/b3-cotahist';
import type { Ctx } from '../context';
import { resolveSourceId } from '../jobs/source-catalogue';
import { checkUserPath, importsOf } from './file-access';

const B3_COTAHIST_BASE_URL = b3Cotahist.info.baseUrl;

/** The file a handler may read for its caller at `path` (see checkUserPath), as a real path. */
export function userFile(ctx: Ctx, path: string, field: string): string {
  return checkUserPath(path, field, {
    caller: ctx.caller ?? 'local',
    dataDir: ctx.dataDir,
    allowedDirs: importsOf(ctx.config).allowedDirs,
  });
}

/**
 * A new job's query as the queue may keep it: a `cotahist` job names a file (checked for the
 * caller now, kept as its real path) or a URL (checked again by the worker that downloads it).
 */
export function checkedJobQuery<J extends { scraper_name: string; query?: string | null | undefined }>(
  ctx: Ctx,
  job: J,
  field = 'query',
): J {
  if (resolveSourceId(job.scraper_name) !== 'cotahist' || !job.query) return job;
  if (/^[a-z][a-z0-9+.-]*:/i.test(job.query) && !/^[a-z]:[\\/]/i.test(job.query)) {
    const allowed = cotahistHosts(ctx);
    if (!hostAllowed(job.query, allowed))
      throw new AppError(
        'FORBIDDEN',
        `${field}: a COTAHIST download goes only to B3 (${allowed.join(', ')}), or to sources.cotahist.baseUrl in config.json`,
        { fields: [field] },
      );
    return job;
  }
  return { ...job, query: userFile(ctx, job.query, field) };
}

/** B3's host for COTAHIST files, and the configured base URLs of the cotahist and b3-cotahist sources. */
export function cotahistHosts(ctx: Ctx): string[] {
  const sources = (ctx.config?.sources ?? {}) as Record<string, { baseUrl?: string } | undefined>;
  const urls = [B3_COTAHIST_BASE_URL, sources['cotahist']?.baseUrl, sources['b3-cotahist']?.baseUrl];
  return [...new Set(urls.map((u) => (u ? hostKey(u) : null)).filter((h): h is string => h !== null))];
}

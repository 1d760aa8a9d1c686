import type { Ctx } from '../context';
import { resolveSourceId } from '../jobs/source-catalogue';
import { checkUserPath, importsOf } from './file-access';

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
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(job.query)) return job;
  return { ...job, query: userFile(ctx, job.query, field) };
}

import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importCotahist } from '../cotahist/importer';
import { findUpload, removeUpload, uploadsDir } from '../files/uploads';
import { userFile } from '../files/user-files';
import { COTAHIST_SOURCE } from '../jobs/job-types';
import { SourceHealth } from '../sources/source-health';
import { setState } from '../storage/state';
import type { Handler } from './types';

export const importCotahistHandler: Handler<'import.cotahist'> = async (input, ctx) => {
  // Files named by path: the caller's to choose (the CLI), else only under the import folders.
  const paths = input.paths.map((p, i) => userFile(ctx, p, `paths.${i}`));
  const names: (string | undefined)[] = input.paths.map(() => undefined);
  const spool = join(uploadsDir(ctx.dataDir), randomUUID());
  // Streamed uploads: looked up by id (NOT_FOUND before anything is imported), used once.
  for (const id of input.upload_ids) {
    const up = await findUpload(ctx.dataDir, id);
    paths.push(up.path);
    names.push(up.name);
  }
  try {
    if (input.uploads.length > 0) {
      await mkdir(spool, { recursive: true, mode: 0o700 });
      for (const [i, u] of input.uploads.entries()) {
        const path = join(spool, `${i}-${u.name}`);
        await writeFile(path, Buffer.from(u.dataBase64, 'base64'), { mode: 0o600 });
        paths.push(path);
        names.push(u.name);
      }
    }
    const summary = await importCotahist(ctx.pg, paths, {
      ...(input.markets ? { markets: input.markets } : {}),
      displayNames: names,
      onProgress: (p) => ctx.events.emit('import.progressed', p),
    });
    setState(ctx.state, 'import.last', { at: new Date().toISOString(), ...summary });
    (ctx.sources?.health ?? new SourceHealth(ctx.state)).recordSuccess(
      COTAHIST_SOURCE,
      summary.imported,
      'import',
    );
    ctx.events.emit('import.completed', summary);
    return summary;
  } finally {
    await rm(spool, { recursive: true, force: true });
    for (const id of input.upload_ids) await removeUpload(ctx.dataDir, id);
  }
};

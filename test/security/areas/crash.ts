import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDaysFile } from '../../../services/core/cotahist/test-support';
import { COTAHIST_DAILY } from '../../helpers/fixtures';
import { Tally } from '../tally';
import { json, ok, startTarget, type Target } from '../target';

/** Rows the daily file keeps per day with the default markets. */
const ROWS_PER_DAY = 989;

async function dailyBars(t: Target): Promise<number> {
  return (
    json<{ components: { database: { dailyBars?: number } } }>(await t.send({ path: '/health' })).components
      .database.dailyBars ?? -1
  );
}

/**
 * Area 8: kill -9 the server in the middle of a COTAHIST import (streamed upload, then the import),
 * restart, and check the file is in whole or not at all. Each trial imports new days, so a partial
 * commit would show as a count between the two. Returns the last (running) server.
 */
export async function crashDuringImport(
  dataDir: string,
  importsDir: string,
  trials = Number(process.env.B3AI_ATTACK_KILLS ?? 3),
): Promise<{ tally: Tally; target: Target }> {
  const tally = new Tally('crash during import');
  let target = await startTarget(dataDir, importsDir);
  for (let trial = 0; trial < trials; trial++) {
    const days = Array.from(
      { length: 4 },
      (_, d) => `2020${String(trial + 1).padStart(2, '0')}${String(d + 10)}`,
    );
    const file = writeDaysFile(COTAHIST_DAILY(), days, join(importsDir, `COTAHIST_K${trial}.TXT`));
    const up = await target.send({
      method: 'POST',
      path: `/api/uploads?name=COTAHIST_K${trial}.TXT`,
      headers: { authorization: `Bearer ${target.token}` },
      body: readFileSync(file),
    });
    const uploadId = json<{ upload_id: string }>(up).upload_id;
    const before = await dailyBars(target);
    const expected = [before, before + days.length * ROWS_PER_DAY];
    const importing = target.api('POST', '/api/import/cotahist', { upload_ids: [uploadId] });
    await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 900)));
    target.serve.child.kill('SIGKILL');
    await target.serve.exited;
    const answer = await importing;
    target = await startTarget(dataDir, importsDir);
    const after = await dailyBars(target);
    const whole = after === expected[1];
    console.log(
      `crash: kill -9 ${answer.kind === 'answer' ? `after the import answered ${answer.status}` : 'during the import'}; ${before} → ${after} bars (${whole ? 'all' : after === before ? 'nothing' : 'PART'} of ${days.length * ROWS_PER_DAY})`,
    );
    tally.record(
      `trial ${trial}: ${before} → ${after}`,
      answer.kind === 'answer' ? answer : null,
      !expected.includes(after),
    );
    // What the kill interrupted can be imported again, and then it is all there.
    if (!whole) {
      const again = await target.send({
        method: 'POST',
        path: `/api/uploads?name=COTAHIST_K${trial}.TXT`,
        headers: { authorization: `Bearer ${target.token}` },
        body: readFileSync(file),
      });
      const redo = await target.api('POST', '/api/import/cotahist', {
        upload_ids: [json<{ upload_id: string }>(again).upload_id],
      });
      tally.record(
        `trial ${trial}: import again`,
        redo,
        !ok(redo) || (await dailyBars(target)) !== expected[1],
      );
    }
  }
  return { tally, target };
}

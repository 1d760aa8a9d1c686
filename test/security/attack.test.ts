import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { authTricks } from './areas/auth';
import { crashDuringImport } from './areas/crash';
import { filesAndUrls } from './areas/files-urls';
import { hostOrigin } from './areas/host-origin';
import { inputs } from './areas/inputs';
import { load } from './areas/load';
import { traversal } from './areas/paths';
import { secretsAtRest } from './areas/secrets';
import { printTallies, type Tally } from './tally';
import { json, ok, prepareDataDir, stopTarget, type Target } from './target';

/**
 * The attack run of issue 12, repeated against a real `b3ai serve` on loopback: auth tricks,
 * Host/Origin, path traversal, inputs over every route of /openapi.json, local files and URLs,
 * secrets at rest, 10 s of load, kill -9 during an import. Every area must end with 0 successful
 * attacks and 0 answers of 500; the counts (and the load figures) are printed, timings never asserted.
 * Alone: `npx vitest run test/security`.
 */
const MODEL_KEY = `sk-attack-${Date.now().toString(36)}-Zq8Wx4Lp0`;
const tallies: Tally[] = [];
let target: Target | undefined;
let dataDir = '';
let importsDir = '';

function expectClean(t: Tally): void {
  tallies.push(t);
  expect(t.failures.slice(0, 5), `${t.area}: ${t.failures.length} problem(s)`).toEqual([]);
  expect(t.successes).toBe(0);
  expect(t.errors500).toBe(0);
}

beforeAll(() => {
  ({ dataDir, importsDir } = prepareDataDir());
});

afterAll(async () => {
  printTallies(tallies);
  const code = await stopTarget(target);
  if (target) expect(code, `b3ai serve did not stop cleanly:\n${target.serve.stderr()}`).toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(importsDir, { recursive: true, force: true });
});

describe('security: attacks on a running b3ai serve', () => {
  it('8. crash during import: kill -9 mid-import is all or nothing', async () => {
    const r = await crashDuringImport(dataDir, importsDir);
    target = r.target;
    target.secrets.push(MODEL_KEY);
    expectClean(r.tally);
    // Data for the rest of the run: the real daily file, and a model whose key must never show.
    const up = await target.send({
      method: 'POST',
      path: '/api/uploads?name=COTAHIST_D25062021.TXT',
      headers: { authorization: `Bearer ${target.token}` },
      body: readFileSync(COTAHIST_DAILY()),
    });
    expect(
      ok(
        await target.api('POST', '/api/import/cotahist', {
          upload_ids: [json<{ upload_id: string }>(up).upload_id],
        }),
      ),
    ).toBe(true);
    const model = await target.api('POST', '/api/analysis/ai/models/keyed', {
      provider: 'openai',
      base_url: 'http://127.0.0.1:9/v1',
      model: 'x',
      api_key: MODEL_KEY,
    });
    expect(json<{ has_key: boolean }>(model).has_key).toBe(true);
  });

  it('1. auth tricks get nothing', async () => {
    expectClean(await authTricks(target!));
  });

  it('2. Host and Origin checks hold; no CORS header anywhere', async () => {
    expectClean(await hostOrigin(target!));
  });

  it('3. path traversal reads nothing', async () => {
    expectClean(await traversal(target!));
  });

  it('4. malformed, huge, deep and prototype-key inputs over every route: no 500', async () => {
    expectClean(await inputs(target!));
  });

  it('5. local files and URLs: only what the user chose, only configured hosts', async () => {
    expectClean(await filesAndUrls(target!));
  });

  it("7. load: 50 clients (the first attack run's mix) for 10 s, no failures (figures printed)", async () => {
    const tickers = ['PETR4', 'VALE3', 'ITUB4', 'BBDC4', 'WEGE3', 'ABEV3'];
    const r = await load(target!, tickers);
    expectClean(r.tally);
    for (const f of r.figures) expect(f.errors, f.route).toBe(0);
  });

  it('6. secrets at rest: modes 0700/0600, no token or key in any answer, log or file in clear', () => {
    expectClean(secretsAtRest(target!, MODEL_KEY));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../services/core/app';
import { fixture } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';
import { cliEnv, runCli } from './cli-runner';

const DRE_CSV = fixture('cvm', 'dfp_cia_aberta_DRE_con_2022.csv');
const SELIC = fixture('bcb', 'sgs11_selic_diaria_1986-2018.json');

describe('b3ai parse cvm statements takes the CSV as CVM publishes it', () => {
  it('reads the DRE CSV with series and year from its name', async () => {
    const r = await runCli(['parse', 'cvm', 'statements', DRE_CSV, '--json'], cliEnv());
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { items: Array<{ document: string; statement: string }> };
    expect(out.items).toHaveLength(844);
    expect(new Set(out.items.map((i) => `${i.document} ${i.statement}`))).toEqual(new Set(['DFP DRE']));
    const wrong = await runCli(
      ['parse', 'cvm', 'statements', DRE_CSV, '--query', 'year=2021', '--json'],
      cliEnv(),
    );
    expect(wrong.code).toBe(3);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('a missing required query names the flag to use', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-required-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('parse, ingest and scrape say what to add, before any work', async () => {
    const parse = await runCli(['parse', 'bcb', 'macro-series', SELIC, '--json'], cliEnv());
    expect(parse.code).toBe(3);
    expect(JSON.parse(parse.stdout)).toEqual({
      error: { code: 'INVALID_INPUT', message: 'series is required: --query series=432' },
    });
    const ingest = await runCli(['ingest', 'bcb', 'macro-series', SELIC, '--data-dir', dataDir], cliEnv());
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toMatch(/^b3ai ingest: series is required: --query series=432$/m);
    const scrape = await runCli(['scrape', 'cvm', 'statements', '--data-dir', dataDir], cliEnv());
    expect(scrape.code).toBe(2);
    expect(scrape.stderr).toMatch(
      /^b3ai scrape: year is required: b3ai scrape cvm statements "year=\d{4}"$/m,
    );
  });
});

describe('sources.ingest (API): the same check, and a CVM CSV stored', () => {
  let dataDir: string;
  let core: Core;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-required-api-'));
    core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  });
  afterAll(async () => {
    await core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the CSV; a missing series is INVALID_INPUT naming the query to send', async () => {
    const ok = await core.call('sources.ingest', { source: 'cvm', model: 'statements', file: DRE_CSV });
    expect(ok).toMatchObject({ ok: true, data: { items: 844, query: 'series=DFP&year=2022' } });
    const bad = await core.call('sources.ingest', { source: 'bcb', model: 'macro-series', file: SELIC });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'series is required: query "series=432"' },
    });
  });
});

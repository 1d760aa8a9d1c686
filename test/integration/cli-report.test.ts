import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../services/contract';
import { fixture } from '../helpers/fixtures';
import { runCli } from './cli-runner';

// `b3ai report` as a user runs it, over the real Fundamentus WEGE3 capture ingested by `b3ai ingest`.

let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-cli-report-'));
  const r = await runCli([
    'ingest',
    'fundamentus',
    'fundamentals',
    fixture('fundamentus', 'wege3_details.html'),
    '--ticker',
    'WEGE3',
    '--data-dir',
    dataDir,
  ]);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('b3ai report', () => {
  it('--json prints the rule-based report (no model configured: the default)', async () => {
    const r = await runCli(['report', 'WEGE3', '--json', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Output<'ai.generate'>;
    expect(out.reports).toHaveLength(1);
    expect(out.reports[0]?.kind).toBe('rule-based');
    expect(out.reports[0]?.input.price).toBe(46.48);
    expect(['COMPRA', 'MANTER', 'VENDA']).toContain(out.reports[0]?.report.recommendation);
  }, 60_000);

  it('prints a readable report and exports Markdown; --model none is the rule-based writer', async () => {
    const file = join(dataDir, 'wege3.md');
    const r = await runCli([
      'report',
      'WEGE3',
      '--model',
      'none',
      '--language',
      'en',
      '--export',
      'md',
      '--out',
      file,
      '--data-dir',
      dataDir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^WEGE3 — report \d+ \(rule-based/);
    expect(r.stdout).toContain('targets: R$ ');
    expect(r.stdout).toContain(`written ${file}`);
    const md = readFileSync(file, 'utf8');
    expect(md).toContain('WEGE3');
    expect(md).toContain('Rule-based report');
  }, 60_000);

  it('an unknown model is refused with the known ones named, exit 1', async () => {
    const r = await runCli(['report', 'WEGE3', '--model', 'gpt-x', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    // Known: the rule writer, then the chat sites (usable once signed in).
    expect(r.stderr).toContain(
      'no model "gpt-x" is configured (known: rules, chatgpt, gemini, deepseek, claude, grok)',
    );
  }, 60_000);

  it('usage errors exit 2', async () => {
    const r = await runCli(['report', 'WEGE3', '--export', 'docx', '--out', 'x', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--export: md or pdf');
  });
});

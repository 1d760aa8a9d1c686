import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from './cli-runner';
import { json, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

interface SentimentAnswer {
  results: Array<{
    text: string;
    score: number;
    label: string;
    terms: Array<{ term: string; negated: boolean }>;
  }>;
  average: number;
  label: string;
  counts: Record<string, number>;
}

const HEADLINES = [
  'Petrobras tem lucro recorde no trimestre',
  'Ações da Vale despencam após queda do minério',
  'Lucro da WEG não cresce',
  'Itaú divulga balanço',
];

describe('POST /api/analysis/sentiment', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('scores each text with the news scorer: label, score, the terms that counted', async () => {
    const r = await t.postJson('/api/analysis/sentiment', { texts: HEADLINES });
    expect(r.status).toBe(200);
    const body = json<SentimentAnswer>(r);
    expect(body.results.map((x) => x.label)).toEqual(['positive', 'negative', 'negative', 'neutral']);
    expect(body.results[0]!.score).toBeGreaterThan(0.15);
    expect(body.results[2]!.terms[0]).toMatchObject({ negated: true });
    expect(body.counts).toEqual({ positive: 1, negative: 2, neutral: 1 });
    expect(body.label).toBe(
      body.average <= -0.15 ? 'negative' : body.average >= 0.15 ? 'positive' : 'neutral',
    );
  });

  it('refuses an empty batch, too many texts and texts over the length cap, naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ texts: [] }, /texts: give at least one text/],
      [{ texts: Array.from({ length: 101 }, () => 'alta') }, /texts: at most 100 texts per call/],
      [{ texts: ['x'.repeat(1001)] }, /texts\.0: at most 1000 characters per text/],
      [{ texts: ['  '] }, /texts\.0: an empty text/],
    ];
    for (const [body, message] of cases) {
      const r = await t.postJson('/api/analysis/sentiment', body);
      expect(r.status).toBe(400);
      expect(json<ErrorBody>(r).error.message).toMatch(message);
    }
  });
});

describe('b3ai sentiment', () => {
  it('prints the labels, and the same answer as the API with --json', async () => {
    const r = await runCli(['sentiment', ...HEADLINES.slice(0, 2)], cliEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^positive +0\.\d\d +Petrobras tem lucro recorde/m);
    expect(r.stdout).toMatch(/^negative +-0\.\d\d +Ações da Vale despencam/m);
    const js = await runCli(['sentiment', '--json', 'Lucro da WEG não cresce'], cliEnv());
    expect(JSON.parse(js.stdout)).toMatchObject({
      results: [{ label: 'negative' }],
      counts: { negative: 1 },
    });
    const none = await runCli(['sentiment'], cliEnv());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give one or more texts/);
  });
});

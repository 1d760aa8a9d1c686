import { describe, expect, it } from 'vitest';
import { extractJsonObject, parseModelAnswer } from './answer';
import { reportBody } from './test-support';

const good = reportBody();
const json = JSON.stringify(good);

describe('extractJsonObject', () => {
  it('finds the object inside a ```json fence with prose around it', () => {
    const text = `Claro! Segue a análise:\n\n\`\`\`json\n${JSON.stringify(good, null, 2)}\n\`\`\`\n\nEspero ter ajudado {:)`;
    expect(extractJsonObject(text)).toEqual({ ok: true, value: good });
  });

  it('ignores braces inside strings and skips a first {…} that is not JSON', () => {
    const body = { ...good, summary: 'Chaves } e { dentro de "aspas" não contam' };
    const text = `Formato {resumo, sentimento}: ${JSON.stringify(body)}`;
    expect(extractJsonObject(text)).toEqual({ ok: true, value: body });
  });

  it('says when there is no object, when it does not parse, and when it is cut off', () => {
    expect(extractJsonObject('Não sei.')).toEqual({ ok: false, error: 'no JSON object found in the answer' });
    const bad = extractJsonObject('{"summary": "x",}');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^the JSON object does not parse: /);
    expect(extractJsonObject(json.slice(0, 80))).toEqual({
      ok: false,
      error: 'the JSON object is not closed (is the answer cut off?)',
    });
  });
});

describe('parseModelAnswer', () => {
  it('accepts a valid answer and upper-cases the enum values, nothing else', () => {
    const r = parseModelAnswer(JSON.stringify({ ...good, recommendation: 'compra', sentiment: 'Positivo' }));
    expect(r).toEqual({ ok: true, body: { ...good, recommendation: 'COMPRA', sentiment: 'POSITIVO' } });
    const spaced = parseModelAnswer(JSON.stringify({ ...good, recommendation: ' compra' }));
    expect(spaced).toEqual({
      ok: false,
      error: 'recommendation: Invalid option: expected one of "COMPRA"|"MANTER"|"VENDA" (got " compra")',
    });
  });

  it('names every problem by path, with what it got', () => {
    const broken = {
      ...good,
      strengths: good.strengths.slice(0, 2),
      risks: [...good.risks.slice(0, 2), { text: 'sem citação', citations: [] }],
      target_prices: { conservative: 50, moderate: 45, optimistic: 52 },
      extra: true,
    };
    delete (broken as Partial<typeof broken>).summary;
    const r = parseModelAnswer(JSON.stringify(broken));
    expect(r).toEqual({
      ok: false,
      error: [
        'summary: required (missing)',
        'strengths: exactly 3 strengths (got 2)',
        'risks[2].citations: every claim cites at least one data point id (got 0)',
        'target_prices: target prices must satisfy conservative <= moderate <= optimistic (got conservative=50, moderate=45, optimistic=52)',
        'answer: unexpected key "extra"',
      ].join('; '),
    });
  });

  it('reports the target-price order and wrong types with their values', () => {
    const order = parseModelAnswer(
      JSON.stringify({ ...good, target_prices: { conservative: 50, moderate: 45, optimistic: 52 } }),
    );
    expect(order).toEqual({
      ok: false,
      error:
        'target_prices: target prices must satisfy conservative <= moderate <= optimistic (got conservative=50, moderate=45, optimistic=52)',
    });
    const typed = parseModelAnswer(
      JSON.stringify({
        ...good,
        summary: '',
        target_prices: { conservative: 40, moderate: '45,00', optimistic: -1 },
      }),
    );
    expect(typed).toEqual({
      ok: false,
      error: [
        'summary: must not be empty',
        'target_prices.moderate: Invalid input: expected number, received string (got "45,00")',
        'target_prices.optimistic: Too small: expected number to be >0 (got -1)',
      ].join('; '),
    });
  });

  it('passes on the extraction error', () => {
    expect(parseModelAnswer('Desculpe, não posso ajudar.')).toEqual({
      ok: false,
      error: 'no JSON object found in the answer',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { AiReport } from '../../contract';
import { dp, fullInput, sampleReport } from './prompt-fixtures';
import { mdEscape, reportToMarkdown } from './render-markdown';

/** A model's report in English with hostile text, a flag and an unknown citation. */
function modelReport(): AiReport {
  const input = fullInput();
  input.data_points.push(dp('fund.weird', 1, 'ratio', { label: 'A|B *x*', source: null, snapshot_id: null }));
  const base = sampleReport({ input, language: 'en' });
  return AiReport.parse({
    ...base,
    kind: 'model',
    model: { id: 'local', provider: 'openai', name: 'llama3.1:8b' },
    params: { temperature: 0.2, max_tokens: 1200 },
    usage: { input_tokens: 2100, output_tokens: 480 },
    attempts: 2,
    report: {
      ...base.report,
      strengths: [
        { text: 'Pipes | and *stars* and <b>tags</b>\nacross lines', citations: ['fund.weird'] },
        { text: 'Cites an unknown id', citations: ['fund.nope', 'fund.pl'] },
        { text: 'Plain', citations: ['fund.roe'] },
      ],
    },
    flags: [
      { kind: 'unknown_citation', citation: 'fund.nope', where: 'strengths[1]', message: 'not in the input' },
    ],
  });
}

describe('reportToMarkdown', () => {
  it('writes the header, targets against the price and the rule-based label (pt-BR)', () => {
    const md = reportToMarkdown(sampleReport());
    expect(md.startsWith('# Relatório de análise — WEGE3\n\n**WEGE SA** · Setor de teste\n')).toBe(true);
    expect(md).toContain('- Data: 2026-07-04 12:30 UTC');
    expect(md).toContain('- Tipo: Relatório por regras (sem modelo de IA)');
    expect(md).toContain('- Recomendação: **MANTER**');
    expect(md).toContain('- Sentimento: **POSITIVO**');
    // 35.30 / 46.48 − 1 = −24.05 %; 41.39 → −10.95 %; 45.34 → −2.45 %.
    expect(md).toContain('| Conservador | R$ 35,30 | -24,1% |');
    expect(md).toContain('| Moderado | R$ 41,39 | -11,0% |');
    expect(md).toContain('| Otimista | R$ 45,34 | -2,5% |');
    expect(md).toContain('Cotação: R$ 46,48 (2026-07-03)');
  });

  it('follows each claim with its citations and lists the cited data with provenance', () => {
    const r = sampleReport();
    const md = reportToMarkdown(r);
    expect(md).toContain(
      '1. Rentabilidade alta: ROE de 35,40%, ROIC de 26,00% e margem líquida de 16,70%. [fund.roe] [fund.roic] [fund.net_margin]',
    );
    expect(md).toContain('## Pontos fortes');
    expect(md).toContain('## Riscos');
    expect(md).toContain('Dados: [price.last] ');
    expect(md).toContain('| `price.last` | Cotação | R$ 46,48 | fundamentus | 2026-07-03 | 1 |');
    expect(md).toContain('| `fund.roe` | ROE | 35,40% | fundamentus, statusinvest | 2026-07-03 | 1 |');
    expect(md).toContain(
      '| `val.graham_number` | Preço justo (graham_number) | R$ 11,95 | computed | 2026-07-03 | n/d |',
    );
    // One row per cited data point, none for the others.
    const cited = new Set([
      ...r.report.citations,
      ...r.report.strengths.flatMap((c) => c.citations),
      ...r.report.risks.flatMap((c) => c.citations),
    ]);
    const rows = md.split('\n').filter((l) => /^\| `[a-z]+\./.test(l));
    expect(rows).toHaveLength(cited.size);
    expect(md).not.toContain('`fund.market_cap`');
    expect(md).not.toContain('## Alertas');
  });

  it('says there are no target prices when the data was too thin (issue 15)', () => {
    const r = sampleReport();
    const thin = { ...r, report: { ...r.report, target_prices: null } };
    const md = reportToMarkdown(thin);
    expect(md).toContain('## Preços-alvo\n\nSem preços-alvo: dados insuficientes.');
    expect(md).not.toContain('| Conservador |');
    expect(AiReport.parse(thin).report.target_prices).toBeNull();
  });

  it('ends with what makes the report reproducible', () => {
    const md = reportToMarkdown(sampleReport());
    expect(md).toContain(`- Hash dos dados de entrada: \`${'a'.repeat(64)}\``);
    expect(md).toContain(`- Hash do prompt: \`${'b'.repeat(64)}\``);
    expect(md).toContain('- Modelo: rules-v2 (rules, rules)');
    expect(md).toContain('- Parâmetros: `{"version":"rules-v2"}`');
    expect(md).toContain('- Tokens (entrada/saída): n/d');
  });

  it('renders a model report in English, escaping its text and flagging unknown citations', () => {
    const md = reportToMarkdown(modelReport());
    expect(md).toContain('# Analysis report — WEGE3');
    expect(md).toContain('- Kind: AI model: llama3.1:8b (openai)');
    expect(md).not.toContain('Rule-based');
    expect(md).toContain('- Recommendation: **MANTER (hold)**');
    expect(md).toContain('| Conservative | R$ 35.30 | -24.1% |');
    expect(md).toContain('1. Pipes \\| and \\*stars\\* and \\<b\\>tags\\</b\\> across lines [fund.weird]');
    expect(md).toContain('2. Cites an unknown id [fund.nope]⚠ [fund.pl]');
    expect(md).toContain('## Flags\n\n- Unknown citation fund.nope in strengths\\[1\\]: not in the input');
    expect(md).toContain('| `fund.weird` | A\\|B \\*x\\* | 1.00x | n/a | 2026-07-03 | n/a |');
    expect(md).toContain('- Parameters: `{"max_tokens":1200,"temperature":0.2}`');
    expect(md).toContain('- Attempts: 2');
    expect(md).toContain('- Tokens (input/output): 2100/480');
  });

  it('escapes Markdown punctuation but keeps underscores inside words', () => {
    expect(mdEscape('net_margin _x_ a|b [c](d) `e` #f\n\ng')).toBe(
      'net_margin \\_x\\_ a\\|b \\[c\\](d) \\`e\\` \\#f g',
    );
  });
});

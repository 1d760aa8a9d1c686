import { describe, expect, it } from 'vitest';
import { buildPrompt, PROMPT_VERSION, promptText, repairMessage } from './prompt';
import { dataLine } from './prompt-data';
import { dp, fullInput, thinInput } from './prompt-fixtures';

describe('buildPrompt', () => {
  it('matches the snapshot of an input with every group (pt-BR)', async () => {
    await expect(promptText(buildPrompt(fullInput(), 'pt-BR'))).toMatchFileSnapshot(
      './__snapshots__/prompt-full.txt',
    );
  });

  it('matches the snapshot of a thin input answered in English', async () => {
    await expect(promptText(buildPrompt(thinInput(), 'en'))).toMatchFileSnapshot(
      './__snapshots__/prompt-thin-en.txt',
    );
  });

  it('lists the asset and every data point with its id, formatted value and provenance', () => {
    const input = fullInput();
    const { user } = buildPrompt(input, 'pt-BR');
    expect(user).toContain('Ticker: WEGE3');
    expect(user).toContain('Preço: R$ 46,48 em 2026-07-03');
    expect(user).toContain('[fund.pl] P/L: 31,03x (fundamentus, 2026-07-03)');
    expect(user).toContain('[fund.dy] Dividend yield: 4,70% (fundamentus, 2026-07-03)');
    expect(user).toContain('[price.last] Cotação: R$ 46,48 (fundamentus, 2026-07-03)');
    expect(user).toContain('[fund.market_cap] Valor de mercado: R$ 195,09 bi');
    expect(user).toContain(
      '[val.graham_number] Preço justo (graham_number): R$ 11,95 — potencial -74,3% (computed, 2026-07-03)',
    );
    expect(user).toContain('[div.years_paid_5y] Anos com proventos (2021–2025): 5 (fundamentus, 2026-07-03)');
    expect(user).toContain(
      '[news.1] 2026-07-01 InfoMoney — "WEG eleva lucro e supera "expectativas"" (sentimento +0,45)',
    );
    // A newline inside a headline does not start a new line of the list.
    expect(user).toContain('[news.2] 2026-06-28 Valor — "Exportações caem no trimestre" (sentimento -0,30)');
    for (const p of input.data_points) expect(user).toContain(`[${p.id}] `);
    // Groups in a fixed order.
    const order = [
      '### Preço',
      '### Indicadores fundamentalistas',
      '### Indicadores calculados',
      '### Valuation',
      '### Análise técnica',
      '### Proventos',
      '### Notícias',
      '### Macroeconomia',
    ];
    const at = order.map((h) => user.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('states the schema, the enums and the rules', () => {
    const { user, system } = buildPrompt(fullInput(), 'pt-BR');
    for (const key of [
      '"summary"',
      '"sentiment"',
      '"recommendation"',
      '"strengths"',
      '"risks"',
      '"target_prices"',
      '"citations"',
      '"conservative"',
      '"moderate"',
      '"optimistic"',
    ])
      expect(user).toContain(key);
    expect(user).toContain('"COMPRA" | "MANTER" | "VENDA"');
    expect(user).toContain('"POSITIVO" | "NEUTRO" | "NEGATIVO"');
    expect(user).toContain('Exatamente 3 itens em "strengths" e exatamente 3 em "risks"');
    expect(user).toContain('conservative <= moderate <= optimistic');
    expect(user).toContain('Cite apenas ids da lista');
    expect(user).toContain('Toda afirmação cita pelo menos um id');
    expect(user).toContain('Não use fatos');
    expect(user).toContain('Responda somente com o objeto JSON');
    expect(system).toContain('português do Brasil');
    expect(system).not.toContain('inglês');
  });

  it('lists what is missing and the groups without data', () => {
    const { user } = buildPrompt(thinInput(), 'pt-BR');
    expect(user).toContain('- daily_bars: cotações diárias (sem análise técnica)');
    expect(user).toContain('- statements: demonstrações financeiras da CVM');
    expect(user).toMatch(/- Grupos sem dados: .*Análise técnica.*Notícias/);
    expect(buildPrompt(fullInput(), 'pt-BR').user).toContain('- Nada: todos os grupos têm dados.');
  });

  it('keeps the instructions in Portuguese and asks for English texts when language is en', () => {
    const pt = buildPrompt(fullInput(), 'pt-BR');
    const en = buildPrompt(fullInput(), 'en');
    expect(en.system).toContain('Você é um analista');
    expect(en.system).toContain('em inglês (English)');
    expect(en.user).toContain('em inglês (English)');
    expect(en.user).toContain('ficam exatamente como especificados');
    // Only the language line differs: the data is the same.
    expect(en.user.split('## Regras')[0]).toBe(pt.user.split('## Regras')[0]);
  });

  it('is deterministic', () => {
    expect(buildPrompt(fullInput(), 'pt-BR')).toEqual(buildPrompt(fullInput(), 'pt-BR'));
    expect(PROMPT_VERSION).toBe('prompt-v1');
  });

  it('writes a data line without provenance or detail when absent', () => {
    const p = dp('fund.pl', 9.5, 'ratio', { label: 'P/L', source: null, as_of: null, detail: null });
    expect(dataLine(p)).toBe('[fund.pl] P/L: 9,50x');
    const avg = dp('news.average', -0.125, 'ratio', {
      label: 'Sentimento médio de 4 notícias',
      source: 'computed',
      as_of: null,
    });
    expect(dataLine(avg)).toBe('[news.average] Sentimento médio de 4 notícias: -0,13 (computed)');
  });
});

describe('repairMessage', () => {
  it('says what was wrong and asks for the corrected JSON only', () => {
    const m = repairMessage('strengths: exactly 3 strengths', 'pt-BR');
    expect(m).toContain('strengths: exactly 3 strengths');
    expect(m).toContain('somente com o objeto JSON completo');
    expect(m).toContain('português do Brasil');
    expect(repairMessage('x', 'en')).toContain('em inglês (English)');
  });

  it('cuts a long error and copes with an empty one', () => {
    const m = repairMessage('e'.repeat(5000), 'pt-BR');
    expect(m).toContain(`${'e'.repeat(2000)}…`);
    expect(m).not.toContain('e'.repeat(2001));
    expect(repairMessage('  ', 'pt-BR')).toContain('(sem detalhes)');
  });
});

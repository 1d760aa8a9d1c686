import { describe, expect, it } from 'vitest';
import type { AiReport } from '../../contract';
import { fullInput, sampleReport } from './prompt-fixtures';
import { escapeHtml, reportToHtml } from './render-html';

function hostile(): AiReport {
  const input = fullInput();
  input.company = 'Evil & Co <script>alert(1)</script>';
  const base = sampleReport({ input, language: 'en' });
  return {
    ...base,
    kind: 'model',
    model: { id: 'm', provider: 'anthropic', name: 'claude "x"' },
    report: {
      ...base.report,
      summary: '<img src=x onerror=alert(1)> & "quotes"',
      risks: [{ text: "it's <b>bold</b>", citations: ['fund.nope'] }, ...base.report.risks.slice(1)],
    },
    flags: [{ kind: 'unknown_citation', citation: 'fund.nope', where: 'risks[0]', message: '<unknown>' }],
  };
}

describe('reportToHtml', () => {
  it('is one self-contained page: inline CSS, no scripts, no external resources', () => {
    for (const r of [sampleReport(), hostile()]) {
      const html = reportToHtml(r);
      expect(html.startsWith('<!DOCTYPE html>\n<html lang=')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<style>');
      expect(html.toLowerCase()).not.toContain('<script');
      expect(html).not.toMatch(/<(img|link|iframe)\b/i);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    }
  });

  it('has the same content as the Markdown (pt-BR, rule-based)', () => {
    const html = reportToHtml(sampleReport());
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('<h1>Relatório de análise — WEGE3</h1>');
    expect(html).toContain('Tipo: Relatório por regras (sem modelo de IA)');
    expect(html).toContain('<span class="badge rec-MANTER">MANTER</span>');
    expect(html).toContain('<td>Conservador</td><td class="num">R$ 35,30</td><td class="num">-24,1%</td>');
    expect(html).toContain('<h2>Pontos fortes</h2>');
    expect(html).toContain(
      '<li>Rentabilidade alta: ROE de 35,40%, ROIC de 26,00% e margem líquida de 16,70%. <a class="cite" href="#dp-fund.roe">fund.roe</a>',
    );
    expect(html).toContain(
      '<tr id="dp-fund.roe"><td><code>fund.roe</code></td><td>ROE</td><td class="num">35,40%</td><td>fundamentus, statusinvest</td><td>2026-07-03</td><td>1</td></tr>',
    );
    expect(html).toContain(`Hash dos dados de entrada: <code>${'a'.repeat(64)}</code>`);
    // Every citation link has its row.
    const links = [...html.matchAll(/href="#(dp-[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    for (const l of links) expect(html).toContain(`<tr id="${l}">`);
  });

  it('escapes every text and marks unknown citations (en, model)', () => {
    const html = reportToHtml(hostile());
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Evil &amp; Co &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>');
    expect(html).toContain(
      '<li>it&#39;s &lt;b&gt;bold&lt;/b&gt; <span class="cite unknown" title="?">fund.nope ⚠</span></li>',
    );
    expect(html).toContain('Kind: AI model: claude &quot;x&quot; (anthropic)');
    expect(html).toContain('<h2>Flags</h2>');
    expect(html).toContain('Unknown citation fund.nope in risks[0]: &lt;unknown&gt;');
    expect(html).not.toContain('<tr id="dp-fund.nope">');
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

import { writeFileSync } from 'node:fs';
import type { AiReport } from '../../contract';
import { withApi } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError } from './args';

export const reportHelp = `Usage: b3ai report TICKER [--model ID|rules|all] [--language pt-BR|en] [--json]
                    [--export md|pdf --out FILE] [--data-dir DIR]

Write an AI report of a ticker from the local data: by a configured model (see Settings or
POST /api/analysis/ai/models/{id}), by every enabled model, signed-in chat site (ChatGPT, Gemini, DeepSeek, Claude, Grok) and the
rule-based writer (--model all, with their consensus; a chat site not signed in is skipped, with why), or
by the offline rule-based writer (--model rules; the default until a model is configured). Every
claim cites the data points it rests on. --export writes the (first) report as Markdown or PDF.`;

const brl = (n: number): string => `R$ ${n.toFixed(2).replace('.', ',')}`;

function printReport(r: AiReport): void {
  const b = r.report;
  const kind = r.kind === 'rule-based' ? 'rule-based' : `${r.model.provider} ${r.model.name}`;
  console.log(`${r.ticker} — report ${r.id} (${kind}, ${r.created_at})`);
  console.log(
    `  ${b.recommendation} · ${b.sentiment} · price ${r.input.price === null ? '-' : brl(r.input.price)}`,
  );
  const tp = b.target_prices;
  console.log(
    tp
      ? `  targets: ${brl(tp.conservative)} / ${brl(tp.moderate)} / ${brl(tp.optimistic)}`
      : '  targets: none (insufficient data)',
  );
  console.log(`  ${b.summary}`);
  for (const s of b.strengths) console.log(`  + ${s.text} [${s.citations.join(', ')}]`);
  for (const s of b.risks) console.log(`  - ${s.text} [${s.citations.join(', ')}]`);
  for (const f of r.flags) console.log(`  ! ${f.message}`);
  console.log(`  input ${r.input_hash.slice(0, 12)} · prompt ${r.prompt_hash.slice(0, 12)}`);
}

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    model: { type: 'string' },
    language: { type: 'string' },
    json: { type: 'boolean' },
    export: { type: 'string' },
    out: { type: 'string' },
    ...DATA_DIR_OPTION,
  });
  if (values.help) {
    console.log(reportHelp);
    return 0;
  }
  const [ticker] = positionals;
  if (!ticker || positionals.length !== 1) throw new UsageError('give one TICKER');
  const language = (values.language as string | undefined) ?? 'pt-BR';
  if (language !== 'pt-BR' && language !== 'en') throw new UsageError('--language: pt-BR or en');
  const format = values.export as string | undefined;
  if (format !== undefined && format !== 'md' && format !== 'pdf')
    throw new UsageError('--export: md or pdf');
  if (format && !values.out) throw new UsageError('--export needs --out FILE');
  const model = values.model as string | undefined;
  const out = await withApi(values['data-dir'] as string | undefined, async (call) => {
    const generated = await call('ai.generate', { ticker, language, ...(model ? { model } : {}) });
    const first = generated.reports[0];
    const exported = format && first ? await call('ai.export', { id: first.id, format }) : null;
    return { generated, exported };
  });
  if (out.exported) {
    const e = out.exported;
    writeFileSync(
      values.out as string,
      e.encoding === 'base64' ? Buffer.from(e.content, 'base64') : e.content,
    );
  }
  if (values.json) {
    console.log(JSON.stringify(out.generated));
  } else {
    for (const r of out.generated.reports) printReport(r);
    for (const e of out.generated.errors) console.log(`${e.model}: ${e.code} ${e.message}`);
    for (const s of out.generated.skipped ?? []) console.log(`${s.model}: skipped: ${s.reason}`);
    const c = out.generated.consensus;
    if (c)
      console.log(
        `consensus: ${c.recommendation ?? '-'} (${c.strength}, confidence ${(c.confidence * 100).toFixed(0)}%)`,
      );
    if (out.exported) console.log(`written ${values.out as string}`);
  }
  return out.generated.reports.length > 0 ? 0 : 1;
}

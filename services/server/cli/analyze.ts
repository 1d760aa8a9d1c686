import { withApi } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError } from './args';

export const analyzeHelp = `Usage: b3ai analyze TICKER [--json] [--series] [--prices raw|split|total_return] [--data-dir DIR]

The analysis of a ticker from the local database: fundamentals cross-checked across sources and
computed from CVM filings, technical indicators, valuation models and the macro context, with
what is missing and the job that would fetch it.`;

type Metric = { value: number; confidence: number; source_count: number };

const fmt = (n: unknown): string =>
  typeof n === 'number' ? n.toLocaleString('pt-BR', { maximumFractionDigits: 2 }) : '-';

export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    series: { type: 'boolean' },
    prices: { type: 'string' },
    ...DATA_DIR_OPTION,
  });
  if (values.help) {
    console.log(analyzeHelp);
    return 0;
  }
  const [ticker] = positionals;
  if (!ticker || positionals.length !== 1) throw new UsageError('give one TICKER');
  const prices = values.prices as string | undefined;
  if (prices && !['raw', 'split', 'total_return'].includes(prices))
    throw new UsageError('--prices: raw, split or total_return');
  const out = await withApi(values['data-dir'] as string | undefined, (call) =>
    call('analysis.stock', {
      ticker,
      series: values.series === true,
      ...(prices ? { prices: prices as 'raw' | 'split' | 'total_return' } : {}),
    }),
  );
  if (values.json) {
    console.log(JSON.stringify(out));
    return 0;
  }
  console.log(
    `${out.ticker} — sources: ${out.sources.names.join(', ') || 'none'}; confidence ${fmt(out.confidence)}`,
  );
  const metrics = (out.fundamental?.['metrics'] ?? {}) as Record<string, Metric>;
  for (const key of ['price', 'pl', 'pvp', 'dy', 'roe', 'roic', 'net_margin', 'net_debt_to_ebitda']) {
    const m = metrics[key];
    if (m)
      console.log(
        `  ${key.padEnd(20)} ${fmt(m.value).padStart(14)}  (${m.source_count} source(s), confidence ${fmt(m.confidence)})`,
      );
  }
  const tech = out.technical as {
    indicators?: Record<string, unknown>;
    trend?: { direction: string; strength: number };
  } | null;
  if (tech?.indicators) {
    console.log(
      `  trend ${tech.trend?.direction ?? '-'} (${fmt(tech.trend?.strength)}); RSI 14 ${fmt(tech.indicators['rsi_14'])}; SMA 200 ${fmt(tech.indicators['sma_200'])}`,
    );
  }
  const models = (
    (out.valuation?.['models'] ?? []) as { model: string; value: number | null; upside_pct: number | null }[]
  ).filter((m) => m.value !== null);
  for (const m of models)
    console.log(`  ${m.model.padEnd(20)} R$ ${fmt(m.value)}  upside ${fmt(m.upside_pct)}%`);
  for (const m of out.missing)
    console.log(
      `  missing ${m.what}: ${m.message}${m.job ? ` (job: ${m.job.scraper_name} ${m.job.ticker ?? ''} ${m.job.query ?? ''})` : ''}`,
    );
  return 0;
}

import { z } from 'zod';
import { IsoDate, Ticker } from '../../contract';
import { callOnPg } from '../../core/pg-only';
import { resolveDataDir } from '../../core/config/paths';
import { DATA_DIR_OPTION, parse, UsageError, validate } from './args';

export const quotesHelp = `Usage: b3ai quotes TICKER [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--data-dir DIR] [--json]

Print the daily bars of one ticker, oldest first.

Options:
  --from DATE       first day (inclusive)
  --to DATE         last day (inclusive)
  --data-dir DIR    where the databases live
  --json            print {ticker, security, bars: [...]} as JSON
  -h, --help        show this help`;

const Options = z.object({ ticker: Ticker, from: IsoDate.optional(), to: IsoDate.optional() });

export async function quotesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATA_DIR_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(quotesHelp);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('give exactly one ticker, e.g. b3ai quotes PETR4 --json');
  const input = validate(Options, { ticker: positionals[0], from: values.from, to: values.to });
  // Bars only: the data dir's PostgreSQL, not the whole core (a cold process loads far less).
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined);
  const out = await callOnPg(dataDir, 'b3ai quotes', 'quotes.list', input);
  if (values.json) {
    console.log(JSON.stringify(out));
    return 0;
  }
  console.log(`${out.ticker}  ${out.security.name} ${out.security.specification}  (${out.security.isin})`);
  console.log('date        open      high      low       close     volume (R$)');
  for (const b of out.bars) {
    const n = (x: number): string => x.toFixed(2).padStart(9);
    console.log(
      `${b.date}  ${n(b.open)} ${n(b.high)} ${n(b.low)} ${n(b.close)} ${b.volume.toFixed(2).padStart(18)}`,
    );
  }
  return 0;
}

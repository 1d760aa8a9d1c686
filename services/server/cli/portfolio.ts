import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Output } from '../../contract';
import { yearlyReportCsv } from '../../analysis/portfolio/report-export';
import { withApi } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError } from './args';

export const portfolioHelp = `Usage: b3ai portfolio import FILE... [--portfolio ID] [--json]
       b3ai portfolio positions [--date YYYY-MM-DD] [--portfolio ID] [--json]
       b3ai portfolio tax --month YYYY-MM [--portfolio ID] [--json]
       b3ai portfolio report --year YYYY [--portfolio ID] [--json | --csv | --pdf FILE [--lang en]]
       b3ai portfolio income --year YYYY [--portfolio ID] [--json]
       b3ai portfolio performance --from YYYY-MM --to YYYY-MM [--portfolio ID] [--json]

Your portfolio, from B3's Área do Investidor exports (movimentação, negociação; XLSX or CSV) or the
generic CSV template (docs/B3_EXPORTS.md). Positions are computed from the transactions at weighted
average cost; "tax" is one month's income tax per category and its DARF (code, due date, amount).
Portfolio data stays on this machine. Goes through "b3ai serve" when it runs on the data dir.
  --portfolio ID   which portfolio (default: the first, "Principal", made on first import)
  --json           the answer as JSON
  --csv            (report) the yearly report as CSV lines: section, code, item, quantity, value
  --pdf FILE       (report) the yearly report as a PDF file (printed with Chromium; --lang pt-BR or en)`;

const brl = (x: number | null) =>
  x === null ? '—' : x.toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function printPositions(p: Output<'portfolios.positions'>): void {
  console.log(`Positions on ${p.date} (portfolio ${p.portfolio_id})`);
  for (const x of p.positions)
    console.log(
      `${x.ticker.padEnd(8)} ${x.asset_class.padEnd(5)} ${String(x.quantity).padStart(8)}  avg ${brl(x.average_cost).padStart(10)}  cost ${brl(x.total_cost).padStart(12)}  value ${brl(x.market_value).padStart(12)}${x.weight !== null ? `  ${(x.weight * 100).toFixed(1)}%` : ''}`,
    );
  console.log(`Total cost ${brl(p.total_cost)}; market value ${brl(p.market_value)}`);
  for (const pr of p.problems) console.error(`note: ${pr}`);
}

function printTax(t: Output<'portfolios.tax'>): void {
  console.log(
    `Income tax ${t.month} (rules ${t.rules_version}); stock sales ${brl(t.stock_sales)}${t.exempt ? ' (exempt: ≤ R$ 20.000)' : ''}`,
  );
  for (const c of t.categories)
    console.log(
      `${c.category.padEnd(9)} sales ${brl(c.sales)}  result ${brl(c.net_result)}  exempt ${brl(c.exempt_gain)}  loss carried ${brl(c.loss_before)} → ${brl(c.loss_after)}  taxable ${brl(c.taxable)}  tax ${brl(c.tax)}  IRRF ${brl(c.irrf)}`,
    );
  const d = t.darf;
  console.log(
    d.amount === 0
      ? 'No DARF this month.'
      : `DARF ${d.code}: R$ ${brl(d.amount)}, due ${d.due_date}${d.rolled_over ? ' — below R$ 10,00: not paid now, added to next month' : ''}`,
  );
}

function printReport(r: Output<'portfolios.report'>): void {
  console.log(`Yearly report ${r.year}\nBens e Direitos (31/12/${r.year}):`);
  for (const a of r.assets)
    console.log(`  ${a.group ?? '??'}-${a.code ?? '??'} ${a.description}: R$ ${brl(a.cost)}`);
  console.log(
    `Rendimentos isentos: ações até R$ 20 mil/mês ${brl(r.exempt.stock_gains_under_limit)}; dividendos ${brl(r.exempt.dividends)}; FII ${brl(r.exempt.fii_income)}`,
  );
  console.log(
    `Tributação exclusiva: JCP ${brl(r.exclusive.jcp_net)} (IRRF ${brl(r.exclusive.jcp_withheld)})`,
  );
  console.log(`DARFs (6015) in the year: R$ ${brl(r.darf_total)}`);
}

export async function portfolioCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATA_DIR_OPTION,
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    pdf: { type: 'string' },
    lang: { type: 'string' },
    portfolio: { type: 'string' },
    month: { type: 'string' },
    year: { type: 'string' },
    date: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  });
  if (values.help) {
    console.log(portfolioHelp);
    return 0;
  }
  const [sub, ...rest] = positionals;
  const pid = values.portfolio === undefined ? {} : { portfolio_id: Number(values.portfolio) };
  const json = Boolean(values.json);
  const dataDir = values['data-dir'] as string | undefined;
  const out = (x: unknown, human: () => void) => (json ? console.log(JSON.stringify(x)) : human());
  switch (sub) {
    case 'import': {
      if (rest.length === 0) throw new UsageError('give at least one file: b3ai portfolio import FILE...');
      const r = await withApi(dataDir, async (call, _where, upload) =>
        upload
          ? call('portfolios.import', {
              ...pid,
              upload_ids: await Promise.all(rest.map((f) => upload(resolve(f)))),
            })
          : call('portfolios.import', { ...pid, paths: rest.map((f) => resolve(f)) }),
      );
      out(r, () => {
        for (const f of r.files) {
          console.log(
            `${f.file} (${f.format}): ${f.rows} rows, ${f.added} added, ${f.duplicates} already there`,
          );
          for (const i of f.ignored) console.log(`  line ${i.line}: ${i.reason}`);
        }
      });
      return 0;
    }
    case 'positions': {
      const r = await withApi(dataDir, (call) =>
        call('portfolios.positions', { ...pid, ...(values.date ? { date: values.date as string } : {}) }),
      );
      out(r, () => printPositions(r));
      return 0;
    }
    case 'tax': {
      if (!values.month) throw new UsageError('--month YYYY-MM');
      const r = await withApi(dataDir, (call) =>
        call('portfolios.tax', { ...pid, month: values.month as string }),
      );
      out(r, () => printTax(r));
      return 0;
    }
    case 'report':
    case 'income': {
      if (!values.year) throw new UsageError('--year YYYY');
      const year = Number(values.year);
      if (sub === 'report') {
        if (values.pdf) {
          // A file made on request, readable by its owner only (private data).
          const file = resolve(values.pdf as string);
          const lang = values.lang === 'en' ? 'en' : 'pt-BR';
          const x = await withApi(dataDir, (call) =>
            call('portfolios.reportExport', { ...pid, year, format: 'pdf', lang }),
          );
          writeFileSync(file, Buffer.from(x.content, 'base64'), { mode: 0o600 });
          out({ file, bytes: Buffer.byteLength(x.content, 'base64') }, () =>
            console.log(`PDF written: ${file}`),
          );
          return 0;
        }
        const r = await withApi(dataDir, (call) => call('portfolios.report', { ...pid, year }));
        if (values.csv) process.stdout.write(yearlyReportCsv(r));
        else out(r, () => printReport(r));
      } else {
        const r = await withApi(dataDir, (call) => call('portfolios.income', { ...pid, year }));
        out(r, () => {
          for (const i of r.items)
            console.log(
              `${i.ticker} ${i.kind} paid ${i.payment_date ?? '?'}: expected ${brl(i.expected)} received ${brl(i.received)} difference ${brl(i.difference)} (${i.source})`,
            );
        });
      }
      return 0;
    }
    default:
      throw new UsageError(
        sub
          ? `unknown portfolio command "${sub}"`
          : 'say what to do: import, positions, tax, report, income or performance',
      );
  }
}

export const alertsHelp = `Usage: b3ai alerts [list] [--json]
       b3ai alerts rules [--json]
       b3ai alerts add KIND [--ticker T] [--level N] [--portfolio ID]
       b3ai alerts delete ID
       b3ai alerts evaluate [--json]

KIND: price_above, price_below, below_bazin, below_graham, rsi_below, rsi_above, new_filing,
dividend_announced, negative_news, weight_above, stale_data. Rules are evaluated after each import
or fetch that changes their inputs; each fires once per crossing.`;

export async function alertsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATA_DIR_OPTION,
    json: { type: 'boolean' },
    ticker: { type: 'string' },
    level: { type: 'string' },
    portfolio: { type: 'string' },
  });
  if (values.help) {
    console.log(alertsHelp);
    return 0;
  }
  const dataDir = values['data-dir'] as string | undefined;
  const [sub = 'list', arg] = positionals;
  const print = (x: unknown, human: () => void) => (values.json ? console.log(JSON.stringify(x)) : human());
  if (sub === 'list') {
    const r = await withApi(dataDir, (call) => call('alerts.list', {}));
    print(r, () => r.items.forEach((e) => console.log(`${e.fired_at}  ${e.message}`)));
  } else if (sub === 'rules') {
    const r = await withApi(dataDir, (call) => call('alerts.rules', {}));
    print(r, () =>
      r.items.forEach((x) =>
        console.log(
          `${x.id}  ${x.kind} ${x.ticker ?? ''} ${x.threshold ?? ''}${x.active ? '  (holding)' : ''}`,
        ),
      ),
    );
  } else if (sub === 'add') {
    if (!arg)
      throw new UsageError('give the rule kind: b3ai alerts add price_above --ticker PETR4 --level 40');
    const r = await withApi(dataDir, (call) =>
      call('alerts.create', {
        kind: arg as never,
        ...(values.ticker ? { ticker: values.ticker as string } : {}),
        ...(values.level ? { threshold: Number(values.level) } : {}),
        ...(values.portfolio ? { portfolio_id: Number(values.portfolio) } : {}),
      }),
    );
    print(r, () => console.log(`rule ${r.id} added`));
  } else if (sub === 'delete') {
    await withApi(dataDir, (call) => call('alerts.delete', { id: Number(arg) }));
  } else if (sub === 'evaluate') {
    const r = await withApi(dataDir, (call) => call('alerts.evaluate', {}));
    print(r, () => console.log(`${r.evaluated} rules evaluated, ${r.fired.length} fired`));
  } else throw new UsageError(`unknown alerts command "${sub}"`);
  return 0;
}

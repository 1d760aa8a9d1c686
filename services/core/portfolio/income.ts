import { runLedger, type Income } from '../../analysis/portfolio/ledger';
import { round2 } from '../../analysis/portfolio/tax';
import type { Pg } from '../storage/pg';
import { portfolioTransactions } from './service';

const KIND: Record<string, Income['kind'] | undefined> = {
  DIVIDENDO: 'dividend',
  JCP: 'jcp',
  RENDIMENTO: 'fii_income',
};

const dayBefore = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const near = (a: string, b: string, days: number) =>
  Math.abs(Date.parse(a) - Date.parse(b)) <= days * 86_400_000;

/**
 * Income expected from the positions held on the record date (the day before the ex-date, by trade
 * date) and the local dividend data, against what the imported files say was received (gross).
 * Each announcement is matched to a receipt of the same ticker and kind paid within 5 days of its
 * payment date; what matches nothing is listed alone.
 */
export async function incomeCheck(pg: Pg, portfolioId: number, year: number) {
  const { txs } = await portfolioTransactions(pg, portfolioId);
  const tickers = [...new Set(txs.map((t) => t.ticker))];
  const received = runLedger(txs, { onProblem: () => {} }).income.filter((i) =>
    i.date.startsWith(`${year}-`),
  );
  const ann = tickers.length
    ? (
        await pg.query<{
          ticker: string;
          type: string;
          ex: string;
          pay: string | null;
          value: number;
          per: number;
          source: string;
        }>(
          `SELECT DISTINCT ON (ticker, ex_date, type, value) ticker, type, to_char(ex_date,'YYYY-MM-DD') AS ex, to_char(payment_date,'YYYY-MM-DD') AS pay,
                  value::float8 AS value, per_shares AS per, source
           FROM dividends WHERE ticker = ANY($1::text[]) AND extract(year FROM coalesce(payment_date, ex_date)) = $2
           ORDER BY ticker, ex_date, type, value, source`,
          [tickers, year],
        )
      ).rows
    : [];
  const used = new Set<Income>();
  const items = [];
  for (const a of ann) {
    const kind = KIND[a.type];
    if (!kind) continue;
    const shares =
      runLedger(txs, { until: dayBefore(a.ex), onProblem: () => {} }).holdings.get(a.ticker)?.quantity ?? 0;
    const expected = shares > 0 ? round2((shares * a.value) / (a.per || 1)) : 0;
    const got = received.find(
      (r) =>
        !used.has(r) &&
        r.ticker === a.ticker &&
        r.kind === kind &&
        (a.pay ? near(r.date, a.pay, 5) : near(r.date, a.ex, 60)),
    );
    if (got) used.add(got);
    if (!got && expected === 0) continue;
    items.push({
      ticker: a.ticker,
      kind,
      ex_date: a.ex,
      payment_date: a.pay,
      shares,
      expected,
      received: got ? round2(got.gross) : null,
      difference: got ? round2(got.gross - expected) : null,
      source: a.source,
    });
  }
  for (const r of received)
    if (!used.has(r))
      items.push({
        ticker: r.ticker,
        kind: r.kind,
        ex_date: null,
        payment_date: r.date,
        shares: null,
        expected: null,
        received: round2(r.gross),
        difference: null,
        source: 'imported file',
      });
  return items;
}

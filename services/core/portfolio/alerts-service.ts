import { AppError } from '../../contract/errors';
import type { AlertEvent, AlertKind, AlertRule } from '../../contract/portfolio';
import {
  compare,
  DEFAULT_THRESHOLD,
  transition,
  type DataPoint,
  type Evaluation,
} from '../../analysis/portfolio/alerts';
import { rsi } from '../../analysis/technical/oscillators';
import { cvmCodeOf } from '../analysis/loaders';
import type { Pg } from '../storage/pg';
import { positionsOf } from './service';

type RuleRow = AlertRule & {
  last_seen: string | null;
  portfolio_id?: number;
  ticker?: string;
  threshold?: number;
};

const RULE_COLS = `id::int AS id, kind, ticker, portfolio_id::int AS portfolio_id, threshold, enabled, active, last_seen, created_at::text AS created_at`;
const NEW_ITEM_KINDS: ReadonlySet<AlertKind> = new Set(['new_filing', 'dividend_announced', 'negative_news']);
const PRICE_KINDS: readonly AlertKind[] = [
  'price_above',
  'price_below',
  'below_bazin',
  'below_graham',
  'rsi_below',
  'rsi_above',
  'stale_data',
  'weight_above',
];

function clean(r: RuleRow): AlertRule {
  const out: Record<string, unknown> = {
    id: r.id,
    kind: r.kind,
    enabled: r.enabled,
    active: r.active,
    created_at: r.created_at,
  };
  if (r.ticker) out['ticker'] = r.ticker;
  if (r.portfolio_id) out['portfolio_id'] = r.portfolio_id;
  if (r.threshold !== null && r.threshold !== undefined) out['threshold'] = r.threshold;
  return out as AlertRule;
}

const NEEDS_TICKER: ReadonlySet<AlertKind> = new Set([
  'price_above',
  'price_below',
  'below_bazin',
  'below_graham',
  'rsi_below',
  'rsi_above',
  'dividend_announced',
  'negative_news',
  'stale_data',
]);
const NEEDS_LEVEL: ReadonlySet<AlertKind> = new Set(['price_above', 'price_below', 'weight_above']);

export async function createRule(
  pg: Pg,
  input: {
    kind: AlertKind;
    ticker?: string | undefined;
    portfolio_id?: number | undefined;
    threshold?: number | undefined;
    enabled: boolean;
  },
): Promise<AlertRule> {
  if (NEEDS_TICKER.has(input.kind) && !input.ticker)
    throw new AppError('INVALID_INPUT', `ticker: a ${input.kind} rule names a ticker`, {
      fields: ['ticker'],
    });
  if (NEEDS_LEVEL.has(input.kind) && input.threshold === undefined)
    throw new AppError('INVALID_INPUT', `threshold: a ${input.kind} rule needs a level`, {
      fields: ['threshold'],
    });
  if (
    input.portfolio_id !== undefined &&
    !(await pg.query(`SELECT 1 FROM portfolios WHERE id = $1`, [input.portfolio_id])).rows.length
  )
    throw new AppError('NOT_FOUND', `no portfolio ${input.portfolio_id}`, { fields: ['portfolio_id'] });
  const r = await pg.query<RuleRow>(
    `INSERT INTO alert_rules (kind, ticker, portfolio_id, threshold, enabled) VALUES ($1,$2,$3,$4,$5) RETURNING ${RULE_COLS}`,
    [input.kind, input.ticker ?? null, input.portfolio_id ?? null, input.threshold ?? null, input.enabled],
  );
  const rule = r.rows[0]!;
  // "New item" rules start from what is already there: only what arrives later fires.
  if (NEW_ITEM_KINDS.has(rule.kind)) {
    const key = (await newestItem(pg, rule)).key;
    await pg.query(`UPDATE alert_rules SET last_seen = $2 WHERE id = $1`, [rule.id, key]);
  }
  return clean(rule);
}

export async function listRules(pg: Pg): Promise<AlertRule[]> {
  return (await pg.query<RuleRow>(`SELECT ${RULE_COLS} FROM alert_rules ORDER BY id`)).rows.map(clean);
}

export async function deleteRule(pg: Pg, id: number): Promise<void> {
  const r = await pg.query(`DELETE FROM alert_rules WHERE id = $1`, [id]);
  if (!r.affectedRows) throw new AppError('NOT_FOUND', `no alert rule ${id}`, { fields: ['id'] });
}

export async function listEvents(pg: Pg, limit: number): Promise<AlertEvent[]> {
  const r = await pg.query<AlertEvent>(
    `SELECT id::int AS id, rule_id::int AS rule_id, kind, ticker, fired_at::text AS fired_at, message, data FROM alert_events ORDER BY fired_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return r.rows;
}

async function lastClose(pg: Pg, ticker: string): Promise<DataPoint | null> {
  const r = await pg.query<{ close: number; date: string }>(
    `SELECT close::float8 AS close, to_char(date,'YYYY-MM-DD') AS date FROM daily_bars WHERE ticker = $1 ORDER BY date DESC LIMIT 1`,
    [ticker],
  );
  const x = r.rows[0];
  return x
    ? { label: `close ${x.date}`, value: x.close, source: `COTAHIST daily_bars ${ticker} ${x.date}` }
    : null;
}

async function newestItem(
  pg: Pg,
  rule: RuleRow,
): Promise<{ key: string | null; data: DataPoint[]; message: string }> {
  if (rule.kind === 'dividend_announced') {
    const r = await pg.query<{ key: string; source: string; value: number; pay: string; ex: string }>(
      `SELECT to_char(payment_date,'YYYY-MM-DD') || '|' || to_char(ex_date,'YYYY-MM-DD') || '|' || type AS key, source, value::float8 AS value,
              to_char(payment_date,'YYYY-MM-DD') AS pay, to_char(ex_date,'YYYY-MM-DD') AS ex
       FROM dividends WHERE ticker = $1 AND payment_date > current_date ORDER BY key DESC LIMIT 1`,
      [rule.ticker],
    );
    const x = r.rows[0];
    return x
      ? {
          key: x.key,
          data: [
            { label: 'value per share', value: x.value, source: x.source },
            { label: 'ex-date', value: x.ex, source: x.source },
            { label: 'payment', value: x.pay, source: x.source },
          ],
          message: `${rule.ticker}: dividend announced, paid ${x.pay}`,
        }
      : { key: null, data: [], message: '' };
  }
  if (rule.kind === 'negative_news') {
    const level = rule.threshold ?? DEFAULT_THRESHOLD.negative_news!;
    const r = await pg.query<{ id: string; title: string; score: number; sources: string[] }>(
      `SELECT lpad(id::text, 20, '0') AS id, title, sentiment_score AS score, sources FROM news WHERE $1 = ANY(tickers) AND sentiment_score <= $2 ORDER BY id DESC LIMIT 1`,
      [rule.ticker, level],
    );
    const x = r.rows[0];
    return x
      ? {
          key: x.id,
          data: [
            { label: 'sentiment', value: x.score, source: x.sources.join(', ') },
            { label: 'title', value: x.title.slice(0, 200), source: x.sources.join(', ') },
          ],
          message: `${rule.ticker}: strongly negative news`,
        }
      : { key: null, data: [], message: '' };
  }
  // new_filing: a CVM filing of the ticker's company (its CVM code from B3's profile or the register);
  // a rule without a ticker watches every company's filings.
  let code: string | null = null;
  if (rule.ticker) {
    code = await cvmCodeOf(pg, rule.ticker);
    if (!code) return { key: null, data: [], message: '' };
  }
  const r = await pg.query<{ key: string; company: string; doc: string; ref: string; code: string }>(
    `SELECT lpad(snapshot_id::text, 20, '0') AS key, company, document AS doc, to_char(ref_date,'YYYY-MM-DD') AS ref, cvm_code AS code
     FROM statements ${code ? 'WHERE cvm_code = $1' : ''} ORDER BY snapshot_id DESC LIMIT 1`,
    code ? [code] : [],
  );
  const x = r.rows[0];
  const who = rule.ticker ? `${rule.ticker}: ` : '';
  return x
    ? {
        key: x.key,
        data: [
          {
            label: 'filing',
            value: `${x.doc} ${x.ref} ${x.company}`,
            source: `CVM ${x.doc} (cvm_code ${x.code})`,
          },
        ],
        message: `${who}new CVM filing: ${x.doc} ${x.ref} ${x.company}`,
      }
    : { key: null, data: [], message: '' };
}

async function evaluateLevel(pg: Pg, rule: RuleRow): Promise<Evaluation> {
  const t = rule.ticker ?? '';
  const lvl = (v: number | undefined, label: string): DataPoint | null =>
    v === undefined ? null : { label, value: v, source: `alert rule ${rule.id}` };
  switch (rule.kind) {
    case 'price_above':
    case 'price_below':
      return compare(rule.kind, t, await lastClose(pg, t), lvl(rule.threshold, 'level'));
    case 'rsi_below':
    case 'rsi_above': {
      const r = await pg.query<{ close: number; date: string }>(
        `SELECT close::float8 AS close, to_char(date,'YYYY-MM-DD') AS date FROM (SELECT close, date FROM daily_bars WHERE ticker = $1 ORDER BY date DESC LIMIT 250) b ORDER BY date`,
        [t],
      );
      const series = rsi(Float64Array.from(r.rows.map((x) => x.close)), 14);
      const last = series[series.length - 1];
      const day = r.rows[r.rows.length - 1]?.date;
      const point =
        last !== undefined && Number.isFinite(last)
          ? { label: 'RSI 14', value: last, source: `COTAHIST daily_bars ${t} to ${day}` }
          : null;
      return compare(rule.kind, t, point, lvl(rule.threshold ?? DEFAULT_THRESHOLD[rule.kind], 'level'));
    }
    case 'below_graham': {
      const f = await pg.query<{ metric: string; v: number; source: string }>(
        `SELECT DISTINCT ON (metric) metric, value_num::float8 AS v, source FROM fundamentals WHERE ticker = $1 AND metric IN ('lpa','vpa') AND value_num IS NOT NULL ORDER BY metric, fetched_at DESC`,
        [t],
      );
      const lpa = f.rows.find((x) => x.metric === 'lpa');
      const vpa = f.rows.find((x) => x.metric === 'vpa');
      const ceiling =
        lpa && vpa && lpa.v > 0 && vpa.v > 0
          ? {
              label: 'Graham number',
              value: Math.sqrt(22.5 * lpa.v * vpa.v),
              source: `LPA ${lpa.source}, VPA ${vpa.source}`,
            }
          : null;
      return compare(rule.kind, t, await lastClose(pg, t), ceiling);
    }
    case 'below_bazin': {
      const yieldPct = rule.threshold ?? DEFAULT_THRESHOLD.below_bazin!;
      const d = await pg.query<{ total: number | null; source: string | null }>(
        `SELECT sum(value / per_shares)::float8 AS total, min(source) AS source FROM (SELECT DISTINCT ON (ex_date, type, value) value, per_shares, source FROM dividends WHERE ticker = $1 AND ex_date > current_date - 365 AND ex_date <= current_date) x`,
        [t],
      );
      const x = d.rows[0];
      const ceiling = x?.total
        ? {
            label: `Bazin ceiling (${yieldPct}%)`,
            value: x.total / (yieldPct / 100),
            source: `dividends (${x.source}), last 12 months`,
          }
        : null;
      return compare(rule.kind, t, await lastClose(pg, t), ceiling);
    }
    case 'stale_data': {
      const r = await pg.query<{ days: number | null; date: string | null }>(
        `SELECT (current_date - max(date))::int AS days, to_char(max(date),'YYYY-MM-DD') AS date FROM daily_bars WHERE ticker = $1`,
        [t],
      );
      const x = r.rows[0];
      const age =
        x?.days !== null && x?.days !== undefined
          ? { label: `days since ${x.date}`, value: x.days, source: `COTAHIST daily_bars ${t}` }
          : null;
      return compare(rule.kind, t, age, lvl(rule.threshold ?? DEFAULT_THRESHOLD.stale_data, 'days'));
    }
    case 'weight_above': {
      const pid =
        rule.portfolio_id ??
        (await pg.query<{ id: number }>(`SELECT id::int AS id FROM portfolios ORDER BY id LIMIT 1`)).rows[0]
          ?.id;
      if (!pid) return { holds: null, data: [], message: 'no portfolio' };
      const pos = await positionsOf(pg, pid);
      const over = pos.positions.filter(
        (p) => (!rule.ticker || p.ticker === rule.ticker) && p.weight !== null,
      );
      const top = over.sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))[0];
      const point = top
        ? {
            label: `${top.ticker} weight %`,
            value: (top.weight ?? 0) * 100,
            source: `portfolio ${pid} at closes to ${top.last_price_date}`,
          }
        : null;
      return compare(rule.kind, top?.ticker ?? t, point, lvl(rule.threshold, '%'));
    }
    default:
      return { holds: null, data: [], message: '' };
  }
}

export interface EvaluateScope {
  kinds?: readonly AlertKind[];
  tickers?: readonly string[];
}

/** Evaluate the enabled rules in scope; store and return what fired. */
export async function evaluateRules(
  pg: Pg,
  scope: EvaluateScope = {},
): Promise<{ evaluated: number; fired: AlertEvent[] }> {
  const rules = (
    await pg.query<RuleRow>(`SELECT ${RULE_COLS} FROM alert_rules WHERE enabled ORDER BY id`)
  ).rows.filter(
    (r) =>
      (!scope.kinds || scope.kinds.includes(r.kind)) &&
      (!scope.tickers || !r.ticker || scope.tickers.includes(r.ticker)),
  );
  const fired: AlertEvent[] = [];
  const store = async (rule: RuleRow, message: string, data: DataPoint[]) => {
    const r = await pg.query<AlertEvent>(
      `INSERT INTO alert_events (rule_id, kind, ticker, message, data) VALUES ($1,$2,$3,$4,$5::jsonb)
       RETURNING id::int AS id, rule_id::int AS rule_id, kind, ticker, fired_at::text AS fired_at, message, data`,
      [rule.id, rule.kind, rule.ticker ?? null, message, JSON.stringify(data)],
    );
    fired.push(r.rows[0]!);
  };
  for (const rule of rules) {
    if (NEW_ITEM_KINDS.has(rule.kind)) {
      const item = await newestItem(pg, rule);
      if (item.key && (!rule.last_seen || item.key > rule.last_seen)) {
        await pg.query(`UPDATE alert_rules SET last_seen = $2 WHERE id = $1`, [rule.id, item.key]);
        await store(rule, item.message, item.data);
      }
      continue;
    }
    const ev = await evaluateLevel(pg, rule);
    const t = transition(rule.active, ev.holds);
    if (t.active !== rule.active)
      await pg.query(`UPDATE alert_rules SET active = $2 WHERE id = $1`, [rule.id, t.active]);
    if (t.fire) await store(rule, ev.message, ev.data);
  }
  return { evaluated: rules.length, fired };
}

export const PRICE_DRIVEN_KINDS = PRICE_KINDS;

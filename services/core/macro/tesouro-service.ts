import { AppError, type Output } from '../../contract';
import type { Pg } from '../storage/pg';

const NUM = (c: string): string => `${c}::float8 AS ${c}`;
const VALUES = ['buy_rate', 'sell_rate', 'buy_price', 'sell_price', 'base_price'].map(NUM).join(', ');

/** Each bond's latest row (rates and prices of its last base date) and how much history is stored. */
export async function tesouroBonds(pg: Pg): Promise<Output<'tesouro.bonds'>> {
  const r = await pg.query<Output<'tesouro.bonds'>['bonds'][number]>(
    `SELECT DISTINCT ON (t.bond_type, t.maturity)
            t.bond_type, to_char(t.maturity, 'YYYY-MM-DD') AS maturity,
            to_char(t.base_date, 'YYYY-MM-DD') AS base_date, ${VALUES.replace(/(\w+)::/g, 't.$1::')},
            to_char(h.first, 'YYYY-MM-DD') AS first_date, h.points::int AS points
       FROM treasury_bonds t
       JOIN (SELECT bond_type, maturity, min(base_date) AS first, count(*) AS points
               FROM treasury_bonds GROUP BY bond_type, maturity) h
         ON h.bond_type = t.bond_type AND h.maturity = t.maturity
      ORDER BY t.bond_type, t.maturity, t.base_date DESC`,
  );
  const totals = await pg.query<{ rows: number; last: string | null }>(
    `SELECT count(*)::int AS rows, to_char(max(base_date), 'YYYY-MM-DD') AS last FROM treasury_bonds`,
  );
  return {
    source: 'tesouro',
    last_date: totals.rows[0]?.last ?? null,
    rows: totals.rows[0]?.rows ?? 0,
    bonds: r.rows,
  };
}

export async function tesouroHistory(
  pg: Pg,
  input: { bond_type: string; maturity: string; from?: string | undefined; to?: string | undefined },
): Promise<Output<'tesouro.history'>> {
  const r = await pg.query<Output<'tesouro.history'>['points'][number]>(
    `SELECT to_char(base_date, 'YYYY-MM-DD') AS date, ${VALUES} FROM treasury_bonds
      WHERE bond_type = $1 AND maturity = $2::date AND ($3::date IS NULL OR base_date >= $3::date)
        AND ($4::date IS NULL OR base_date <= $4::date)
      ORDER BY base_date`,
    [input.bond_type, input.maturity, input.from ?? null, input.to ?? null],
  );
  if (r.rows.length === 0) {
    const any = await pg.query(
      `SELECT 1 FROM treasury_bonds WHERE bond_type = $1 AND maturity = $2::date LIMIT 1`,
      [input.bond_type, input.maturity],
    );
    if (any.rows.length === 0)
      throw new AppError(
        'NOT_FOUND',
        `no Tesouro Direto bond "${input.bond_type}" maturing ${input.maturity} is stored`,
      );
  }
  return { bond_type: input.bond_type, maturity: input.maturity, points: r.rows };
}

/**
 * Income-tax rules for individuals trading on B3, as a table by date: a change of law is a new
 * row with the date it takes effect (docs/PORTFOLIO_TAX.md lists each figure with its legal source).
 * A month is computed with the row in force on its first day.
 */
export interface TaxRules {
  /** The row's id, reported with every computed month. */
  version: string;
  /** First day (inclusive) the row applies to. */
  from: string;
  /** Common operations (stocks, ETFs, BDRs): Lei 11.033/2004 art. 2, II. */
  rateCommon: number;
  /** Day trade: Lei 8.981/1995 art. 72 (as amended); IN RFB 1.585/2015. */
  rateDaytrade: number;
  /** FII units sold: Lei 8.668/1993 art. 18 (as amended by Lei 9.779/1999). */
  rateFii: number;
  /** Monthly sales of stocks (common operations, spot market) up to this are exempt: Lei 11.033/2004 art. 3, I. */
  stockSalesExemption: number;
  /** IRRF on sales of common operations: Lei 11.033/2004 art. 2, §1. */
  irrfCommon: number;
  /** IRRF on a day's positive day-trade result: Lei 9.959/2000 art. 8 (consolidated in IN RFB 1.585/2015). */
  irrfDaytrade: number;
  /** The 0,005% IRRF is not withheld when it would be at most this (IN RFB 1.585/2015, dispensa de retenção). */
  irrfMinimum: number;
  /** JCP withheld at source (exclusive taxation): Lei 9.249/1995 art. 9, §2. */
  jcpWithholding: number;
  /** DARF code for net gains on exchange operations by individuals. */
  darfCode: string;
  /** No DARF under this; the amount is added to the next month's: Lei 9.430/1996 art. 68. */
  darfMinimum: number;
}

export const TAX_RULES: readonly TaxRules[] = [
  {
    version: 'br-2005-01',
    from: '2005-01-01',
    rateCommon: 0.15,
    rateDaytrade: 0.2,
    rateFii: 0.2,
    stockSalesExemption: 20_000,
    irrfCommon: 0.00005,
    irrfDaytrade: 0.01,
    irrfMinimum: 1,
    jcpWithholding: 0.15,
    darfCode: '6015',
    darfMinimum: 10,
  },
];

/** The row in force on `date` (YYYY-MM-DD). */
export function rulesFor(date: string, table: readonly TaxRules[] = TAX_RULES): TaxRules {
  let found: TaxRules | undefined;
  for (const r of table) if (r.from <= date && (!found || r.from > found.from)) found = r;
  if (!found) throw new RangeError(`no tax rules in force on ${date} (the table starts ${table[0]?.from})`);
  return found;
}

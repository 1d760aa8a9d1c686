// The real CVM capture dfp_cia_aberta_DRE_con_2022.csv (shared fixtures), parsed with the sources'
// parser (allowed in tests only). Camil (CVM 24228) closes its fiscal year in February: the 2022
// file holds the year 2021-03-01..2022-02-28 (version 2) with the year before as PENÚLTIMO.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { parseStatementCsv } from '../../sources/cvm/statement-csv';
import { computeFundamentals } from './computed';

const NAME = 'dfp_cia_aberta_DRE_con_2022.csv';
const text = new TextDecoder('windows-1252').decode(readFileSync(fixture('cvm', NAME)));
const camil = parseStatementCsv(text, NAME).filter((l) => l.cvm_code === '24228');

describe('computeFundamentals on the real DRE of Camil (CVM 24228)', () => {
  const r = computeFundamentals({
    statements: camil,
    deliveries: [{ document: 'DFP', ref_date: '2022-02-28', version: 2, delivered_at: '2022-05-10' }],
    asOf: '2022-06-01',
    price: 8,
    shares: 350_000_000,
  });
  const value = (key: string): number | null | undefined => r.values[key];

  it('reads the fiscal year March–February from the ÚLTIMO lines of version 2', () => {
    expect(camil.length).toBeGreaterThan(0);
    expect(r.filings).toEqual([
      expect.objectContaining({
        document: 'DFP',
        ref_date: '2022-02-28',
        version: 2,
        delivery_estimated: false,
      }),
    ]);
    expect(r.ttm_end).toBe('2022-02-28');
    expect(value('revenue_12m')).toBe(9_015_855_000);
    expect(value('ebit_12m')).toBe(636_929_000);
    expect(value('net_income_12m')).toBe(478_721_000);
  });

  it('computes the margins from the DRE lines', () => {
    expect(value('net_margin')).toBeCloseTo((478_721_000 / 9_015_855_000) * 100, 10); // 5.3098%
    expect(value('net_margin')).toBeCloseTo(5.3098, 4);
    expect(value('gross_margin')).toBeCloseTo((1_778_153_000 / 9_015_855_000) * 100, 10); // 19.72%
    expect(value('ebit_margin')).toBeCloseTo((636_929_000 / 9_015_855_000) * 100, 10); // 7.06%
  });

  it('takes LPA from the income attributable to the controlling shareholders (3.11.01)', () => {
    expect(value('lpa')).toBeCloseTo(477_784_000 / 350_000_000, 12);
    expect(value('pl')).toBeCloseTo(8 / (477_784_000 / 350_000_000), 10);
  });

  it('has no balance sheet in a DRE-only input, so balance metrics are null with a reason', () => {
    expect(r.balance_date).toBeNull();
    expect(r.metrics.find((m) => m.key === 'roe')).toMatchObject({
      value: null,
      reason: 'missing: equity_parent',
    });
  });

  it('does not see the filing before the day it was delivered', () => {
    const early = computeFundamentals({
      statements: camil,
      asOf: '2022-05-09',
      price: 8,
      shares: 1,
      deliveries: [{ document: 'DFP', ref_date: '2022-02-28', version: 2, delivered_at: '2022-05-10' }],
    });
    expect(early.filings).toEqual([]);
    expect(early.values.revenue_12m).toBeNull();
  });
});

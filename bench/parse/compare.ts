import type { FundamentalsItem } from '../../services/sources/models';

/** Values both sides must have read from the WEGE3 page, whatever else they read. */
const MUST = [
  'price',
  'price_date',
  'pl',
  'pvp',
  'dy',
  'market_cap',
  'shares_outstanding',
  'net_income_12m',
  'net_income_3m',
  'revenue_12m',
  'revenue_3m',
  'change_day',
] as const;

type Values = Record<string, unknown>;

const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v));

/** Every `values` and `extra` entry of either side, compared exactly (numbers as parsed doubles). */
export function compareItems(
  ours: FundamentalsItem,
  theirs: FundamentalsItem,
): { agreed: number; differences: string[] } {
  const differences: string[] = [];
  let agreed = 0;
  if (ours.layout !== theirs.layout) differences.push(`layout: ours ${ours.layout}, theirs ${theirs.layout}`);
  if (ours.as_of !== theirs.as_of) differences.push(`as_of: ours ${ours.as_of}, theirs ${theirs.as_of}`);
  const groups: [string, Values, Values][] = [
    ['values', ours.values, theirs.values],
    ['extra', ours.extra, theirs.extra],
  ];
  for (const [group, a, b] of groups) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b), ...(group === 'values' ? MUST : [])]);
    for (const k of keys) {
      const x = a[k];
      const y = b[k];
      if (x !== undefined && x === y) agreed++;
      else differences.push(`${group}.${k}: ours ${show(x)}, theirs ${show(y)}`);
    }
  }
  return { agreed, differences };
}

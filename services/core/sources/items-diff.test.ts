import { describe, expect, it } from 'vitest';
import { diffItems } from './items-diff';

describe('diffItems', () => {
  it('compares items with values per ticker field by field', () => {
    const before = [{ ticker: 'WEGE3', values: { price: 46.4, pl: 31 }, extra: {} }];
    const after = [{ ticker: 'WEGE3', values: { price: 46.48, pl: 31, pvp: 10.99 }, extra: {} }];
    const d = diffItems(before, after);
    expect(d).toMatchObject({ added: 0, removed: 0, changed_fields: 2 });
    expect(d.examples).toContainEqual({ item: 'WEGE3', field: 'values.price', before: 46.4, after: 46.48 });
    expect(d.examples).toContainEqual({
      item: 'WEGE3',
      field: 'values.pvp',
      before: undefined,
      after: 10.99,
    });
  });

  it('counts other items as added and removed', () => {
    const a = { ticker: 'WEGE3', ex_date: '2026-06-19', value: 0.1044 };
    const b = { ticker: 'WEGE3', ex_date: '2026-03-19', value: 0.2 };
    const c = { ticker: 'WEGE3', ex_date: '2025-12-19', value: 0.4128 };
    expect(diffItems([a, b], [a, c])).toMatchObject({ added: 1, removed: 1, changed_fields: 0 });
    expect(diffItems([a, b], [b, a])).toMatchObject({ added: 0, removed: 0, changed_fields: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { yearlyHistory, type HistoryObservation } from './yearly-history';

const obs = (
  o: Partial<HistoryObservation> & Pick<HistoryObservation, 'key' | 'value'>,
): HistoryObservation => ({
  source: 'fundamentus',
  as_of: null,
  as_of_basis: 'source',
  rank: 0,
  ...o,
});

describe('yearlyHistory', () => {
  it('keeps per year the latest dated value across sources, oldest year first', () => {
    const h = yearlyHistory([
      obs({ key: 'pl', value: 35, as_of: '2024-12-30' }),
      obs({ key: 'pl', value: 30, as_of: '2024-03-01', source: 'status-invest' }),
      obs({ key: 'pl', value: 28, as_of: '2022-06-10', source: 'status-invest', as_of_basis: 'fetched' }),
      obs({ key: 'pl', value: 31.03, as_of: '2026-07-03' }),
    ]);
    expect(h).toEqual([
      {
        key: 'pl',
        undated: 0,
        years: [
          {
            year: 2022,
            value: 28,
            source: 'status-invest',
            as_of: '2022-06-10',
            as_of_basis: 'fetched',
            sources: 1,
          },
          {
            year: 2024,
            value: 35,
            source: 'fundamentus',
            as_of: '2024-12-30',
            as_of_basis: 'source',
            sources: 2,
          },
          {
            year: 2026,
            value: 31.03,
            source: 'fundamentus',
            as_of: '2026-07-03',
            as_of_basis: 'source',
            sources: 1,
          },
        ],
      },
    ]);
  });

  it('breaks a tie on the date by rank (detail page over export), then by source name', () => {
    const [pl] = yearlyHistory([
      obs({ key: 'pl', value: 2, as_of: '2025-05-05', source: 'a-export', rank: 1 }),
      obs({ key: 'pl', value: 1, as_of: '2025-05-05', source: 'z-page', rank: 0 }),
    ]);
    expect(pl?.years.map((y) => y.value)).toEqual([1]);
    const [dy] = yearlyHistory([
      obs({ key: 'dy', value: 9, as_of: '2025-05-05', source: 'zeta' }),
      obs({ key: 'dy', value: 8, as_of: '2025-05-05', source: 'alpha' }),
    ]);
    expect(dy?.years[0]).toMatchObject({ value: 8, source: 'alpha', sources: 2 });
  });

  it('never places an undated value (a loaded file with no date of its own) on a year', () => {
    const h = yearlyHistory([
      obs({ key: 'pl', value: 2.72, as_of: '2026-12-07', as_of_basis: 'unknown', source: 'status-invest' }),
      obs({ key: 'pl', value: 3, as_of: null }),
      obs({ key: 'pvp', value: Number.NaN, as_of: '2026-01-01' }),
    ]);
    expect(h).toEqual([{ key: 'pl', undated: 2, years: [] }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import type { Pg } from '../storage/pg';
import { loadFundamentalHistory } from './history-loader';

let pg: Pg;

beforeAll(async () => {
  pg = await freshPg();
  // Stored rows as the parsers store them: two Fundamentus detail pages a year apart (each with its
  // own "Data últ cot"), a web fetch with no date of its own, and a loaded export file (snapshot 4).
  await pg.exec(`
    INSERT INTO fundamentals (source, ticker, snapshot_id, metric, value_num, value_text, as_of, layout, fetched_at) VALUES
      ('fundamentus', 'WEGE3', 1, 'pl', 35.2, NULL, '2025-06-30', 'company', '2025-07-01T12:00:00Z'),
      ('fundamentus', 'WEGE3', 1, 'sector', NULL, 'Máquinas', '2025-06-30', 'company', '2025-07-01T12:00:00Z'),
      ('fundamentus', 'WEGE3', 2, 'pl', 31.03, NULL, '2026-07-03', 'company', '2026-07-04T12:00:00Z'),
      ('fundamentus', 'WEGE3', 2, 'extra:Foo', 1, NULL, '2026-07-03', 'company', '2026-07-04T12:00:00Z'),
      ('investsite', 'WEGE3', 3, 'pl', 33.0, NULL, NULL, 'company', '2024-03-10T15:00:00Z');
    INSERT INTO screener_rows (source, ticker, snapshot_id, data, fetched_at) VALUES
      ('status-invest', 'WEGE3', 4, '{"pl": 39.5, "dy": 1.48}', '2026-12-07T10:00:00Z'),
      ('status-invest', 'PETR4', 4, '{"pl": 2.72}', '2026-12-07T10:00:00Z');
  `);
}, 120_000);

afterAll(async () => {
  await pg?.close();
});

describe('loadFundamentalHistory', () => {
  it('places every stored snapshot on its year, the file export apart, texts and extras left out', async () => {
    const h = await loadFundamentalHistory(pg, 'WEGE3', (ids) => new Set(ids.filter((id) => id === 4)));
    const pl = h.metrics.find((m) => m.key === 'pl');
    expect(pl).toEqual({
      key: 'pl',
      undated: 1,
      years: [
        {
          year: 2024,
          value: 33,
          source: 'investsite',
          as_of: '2024-03-10',
          as_of_basis: 'fetched',
          sources: 1,
        },
        {
          year: 2025,
          value: 35.2,
          source: 'fundamentus',
          as_of: '2025-06-30',
          as_of_basis: 'source',
          sources: 1,
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
    });
    expect(h.metrics.find((m) => m.key === 'dy')).toEqual({ key: 'dy', undated: 1, years: [] });
    expect(h.metrics.map((m) => m.key).sort()).toEqual(['dy', 'pl']);
  });

  it('dates a web-fetched export by its fetch day (not a file)', async () => {
    const h = await loadFundamentalHistory(pg, 'PETR4');
    expect(h.metrics).toEqual([
      {
        key: 'pl',
        undated: 0,
        years: [
          {
            year: 2026,
            value: 2.72,
            source: 'status-invest',
            as_of: '2026-12-07',
            as_of_basis: 'fetched',
            sources: 1,
          },
        ],
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { isAppError } from '../contract';
import { fileQuery, missingFieldsMessage } from './file-query';
import { createRegistry } from './registry';

const registry = createRegistry();
const source = (id: string) => registry.get(id)!;

describe('missing required query fields name what to add', () => {
  it('as b3ai parse|ingest flags, as scrape QUERY, as the API query', () => {
    const bcb = source('bcb');
    expect(missingFieldsMessage(bcb, ['series'], { kind: 'flags' })).toBe(
      'series is required: --query series=432',
    );
    expect(missingFieldsMessage(source('fundamentus'), ['ticker'], { kind: 'flags' })).toBe(
      'ticker is required: --ticker PETR4',
    );
    expect(missingFieldsMessage(bcb, ['series', 'from'], { kind: 'flags' })).toMatch(
      /^series, from are required: --query series=432&from=\d{4}-01-01$/,
    );
    expect(
      missingFieldsMessage(source('cvm'), ['year'], { kind: 'scrape', source: 'cvm', model: 'statements' }),
    ).toMatch(/^year is required: b3ai scrape cvm statements "year=\d{4}"$/);
    expect(missingFieldsMessage(bcb, ['series'], { kind: 'api', model: 'macro-series' })).toBe(
      'series is required: query "macro-series:series=432"',
    );
  });

  it("fills what a CVM CSV's published name tells; refuses the rest with INVALID_INPUT naming the field", () => {
    const cvm = source('cvm');
    const statements = cvm.fetchers.statements!;
    expect(fileQuery(cvm, statements, 'itr_cia_aberta_BPA_ind_2023.csv', {}, { kind: 'flags' })).toEqual({
      series: 'ITR',
      year: 2023,
    });
    expect(fileQuery(cvm, statements, 'x.csv', { year: 2022 }, { kind: 'flags' })).toEqual({ year: 2022 });
    try {
      fileQuery(cvm, statements, 'minha.csv', {}, { kind: 'flags' });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('INVALID_INPUT');
      expect(isAppError(e) && e.message).toMatch(/^year is required: --query year=\d{4}$/);
      expect(isAppError(e) && e.details?.['fields']).toEqual(['query.year']);
    }
  });
});

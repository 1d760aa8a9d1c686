import { describe, expect, it } from 'vitest';
import shipped from '../../../resources/schedules/default.json';
import { scheduleName } from './schedule-names';

describe('schedule names', () => {
  it('translates every shipped schedule to Portuguese and keeps English as shipped', () => {
    for (const s of shipped.schedules) {
      expect(scheduleName(s, 'pt-BR'), s.id).not.toBe(s.name);
      expect(scheduleName(s, 'en')).toBe(s.name);
    }
  });

  it('keeps a name the user changed', () => {
    expect(scheduleName({ id: 'fundamentus-daily', name: 'Meu Fundamentus' }, 'pt-BR')).toBe(
      'Meu Fundamentus',
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCE_CATALOGUE } from '../jobs/source-catalogue';
import { loadSchedules, type ScheduleConfigInput } from './schedules';

const DEFAULTS: unknown = JSON.parse(
  readFileSync(new URL('../../../resources/schedules/default.json', import.meta.url), 'utf8'),
);
const KNOWN = new Set([
  'b3',
  'status-invest',
  'fundamentus',
  'coinmarketcap',
  'google-news',
  'valor',
  'bcb',
  'opcoes-net',
  'ai-analysis',
  'bloomberg-linea',
  'market-scan',
  'tradingview',
  'investidor10',
  'investing',
  'investsite',
  'google-finance',
  'griffin',
  'fundamentei',
  'advfn',
  'infomoney',
  'exame',
  'investing-news',
  'e-investidor',
  'mais-retorno',
  // The chat sites (issue 14), named by the weekly AI schedules.
  'chatgpt',
  'gemini',
  'deepseek',
  'claude',
  'grok',
]);

const entry = (over: Partial<ScheduleConfigInput> = {}): ScheduleConfigInput => ({
  id: 'bcb-daily',
  name: 'BCB',
  cron: '30 10 * * *',
  sources: ['bcb'],
  tickers: [],
  ...over,
});

describe('default schedules', () => {
  it('all 21 load with the known sources (the original 15, the news feeds, the sites of issue 13)', () => {
    const { schedules, errors } = loadSchedules(DEFAULTS, KNOWN);
    expect(errors).toEqual([]);
    expect(schedules).toHaveLength(21);
    expect(schedules.every((s) => s.runMissedOnStart && s.timezone === 'America/Sao_Paulo')).toBe(true);
  });

  it('ship the sign-in sources disabled, each with its reason; every other schedule enabled', () => {
    const { schedules } = loadSchedules(DEFAULTS, KNOWN);
    const login = new Set(['opcoes-net', 'investing', 'fundamentei', 'advfn']);
    const disabled = schedules.filter((s) => !s.enabled);
    expect(disabled.map((s) => s.id).sort()).toEqual(
      ['advfn-daily', 'fundamentei-weekly', 'investing-com-daily', 'opcoes-net-daily'].sort(),
    );
    for (const s of disabled) {
      expect(s.sources.every((id) => login.has(id))).toBe(true);
      expect(s.disabledReason).toMatch(/sign in/i);
    }
    for (const s of schedules.filter((x) => x.enabled)) {
      expect(s.sources.some((id) => login.has(id))).toBe(false);
      expect(s.disabledReason).toBeUndefined();
    }
  });

  it('also load against the app’s source catalogue', () => {
    const { errors } = loadSchedules(DEFAULTS, new Set(SOURCE_CATALOGUE.map((e) => e.id)));
    expect(errors).toEqual([]);
  });

  it('carry the original platform’s timing and priorities', () => {
    const byId = new Map(loadSchedules(DEFAULTS, KNOWN).schedules.map((s) => [s.id, s]));
    expect(byId.get('b3-market-data-hourly')).toMatchObject({
      cron: '0 9-17 * * 1-5',
      priority: 'high',
      tradingDaysOnly: true,
    });
    expect(byId.get('bcb-daily')).toMatchObject({ cron: '30 10 * * *', priority: 'high' });
    expect(byId.get('google-news-30min')).toMatchObject({ cron: '*/30 * * * *', priority: 'normal' });
    expect(byId.get('ai-analysis-weekly-1')).toMatchObject({
      cron: '0 2 * * 0',
      priority: 'low',
      tradingDaysOnly: false,
    });
    expect(byId.get('ai-analysis-weekly-2')).toMatchObject({ cron: '0 3 * * 0', priority: 'low' });
    // The weekly AI runs ask the chat sites too (each skipped, with why, until signed in).
    expect(byId.get('ai-analysis-weekly-1')?.sources).toEqual([
      'ai-analysis',
      'chatgpt',
      'gemini',
      'deepseek',
      'claude',
      'grok',
    ]);
    expect(byId.get('market-scan-weekly')).toMatchObject({ cron: '0 1 * * 6', priority: 'low' });
    expect(byId.get('coinmarketcap-15min')?.cron).toBe('*/15 * * * *');
  });
});

describe('loadSchedules', () => {
  it('applies the defaults', () => {
    const { schedules } = loadSchedules([entry()], KNOWN);
    expect(schedules[0]).toMatchObject({
      timezone: 'America/Sao_Paulo',
      priority: 'normal',
      tradingDaysOnly: false,
      enabled: true,
      runMissedOnStart: true,
    });
  });

  it('reports an unknown source id with the schedule id, never skipping silently', () => {
    const { schedules, errors } = loadSchedules(
      [entry(), entry({ id: 'typo', sources: ['bcb', 'statusinvst'] })],
      KNOWN,
    );
    expect(schedules.map((s) => s.id)).toEqual(['bcb-daily']);
    expect(errors).toEqual([{ scheduleId: 'typo', message: 'unknown source id "statusinvst"' }]);
  });

  it('reports a duplicate id', () => {
    const { schedules, errors } = loadSchedules([entry(), entry({ name: 'again' })], KNOWN);
    expect(schedules).toHaveLength(1);
    expect(errors).toEqual([{ scheduleId: 'bcb-daily', message: 'duplicate schedule id "bcb-daily"' }]);
  });

  it('reports a bad cron, six fields and day-of-week 7', () => {
    const { errors } = loadSchedules(
      [
        entry({ id: 'a', cron: '61 * * * *' }),
        entry({ id: 'b', cron: '0 * * * * *' }),
        entry({ id: 'c', cron: '0 0 * * 7' }),
      ],
      KNOWN,
    );
    expect(errors.map((e) => e.scheduleId)).toEqual(['a', 'b', 'c']);
    expect(errors[0]?.message).toMatch(/invalid cron "61 \* \* \* \*"/);
  });

  it('reports schema problems with the path', () => {
    const { errors } = loadSchedules(
      [
        entry({ id: 'Not_Kebab' }),
        entry({ id: 'no-sources', sources: [] }),
        entry({ id: 'bad-tz', timezone: 'Mars/Olympus' }),
        { ...entry({ id: 'typo-key' }), tradingDayOnly: true },
        42,
      ],
      KNOWN,
    );
    expect(errors.map((e) => e.scheduleId)).toEqual(['Not_Kebab', 'no-sources', 'bad-tz', 'typo-key', '#5']);
    expect(errors[1]?.message).toMatch(/^sources:/);
  });

  it('accepts { schedules: [...] } and rejects anything else', () => {
    expect(loadSchedules({ schedules: [entry()] }, KNOWN).schedules).toHaveLength(1);
    expect(loadSchedules({ nope: true }, KNOWN).errors).toEqual([
      { scheduleId: '(file)', message: 'expected an array of schedules' },
    ]);
  });
});

/**
 * B3 trading calendar: pure functions, no I/O.
 *
 * Scope: the days on which B3 holds no trading session because of a *national* holiday or its own
 * year-end rule. Since 2022 B3 trades on São Paulo's municipal and state holidays (25 Jan, 9 Jul),
 * so those are not listed. Ash Wednesday (Easter −46) is a trading day with a late open (13:00), so
 * it is not listed either. Extraordinary closures announced by B3 are out of scope.
 */

import { easter } from '../../analysis/calendar/easter';

export type IsoDate = `${number}-${number}-${number}`;

export interface B3Holiday {
  date: IsoDate;
  name: string;
}

export const SAO_PAULO_TZ = 'America/Sao_Paulo';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Easter Sunday (services/analysis/calendar/easter.ts). */
export function easterSunday(year: number): IsoDate {
  return easter(year) as IsoDate;
}

const holidayCache = new Map<number, B3Holiday[]>();

/** The national holidays (and year-end no-session days) on which B3 does not trade, sorted by date. */
export function b3Holidays(year: number): B3Holiday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached.map((h) => ({ ...h }));
  const easter = parseIso(easterSunday(year));
  const fromEaster = (days: number): IsoDate => toIso(easter + days * DAY_MS);
  const list: B3Holiday[] = [
    // Lei 662/1949: Confraternização Universal (New Year's Day).
    { date: isoDate(year, 1, 1), name: 'Confraternização Universal' },
    // Carnival Monday and Tuesday (Easter −48, −47): not legal holidays, but B3 does not trade.
    { date: fromEaster(-48), name: 'Carnaval (segunda-feira)' },
    { date: fromEaster(-47), name: 'Carnaval (terça-feira)' },
    // Good Friday (Easter −2): Paixão de Cristo, national religious holiday.
    { date: fromEaster(-2), name: 'Sexta-feira Santa (Paixão de Cristo)' },
    // Lei 662/1949: Tiradentes.
    { date: isoDate(year, 4, 21), name: 'Tiradentes' },
    // Lei 662/1949: Dia do Trabalho (Labour Day).
    { date: isoDate(year, 5, 1), name: 'Dia do Trabalho' },
    // Corpus Christi (Easter +60): optional public-service day, but B3 does not trade.
    { date: fromEaster(60), name: 'Corpus Christi' },
    // Lei 662/1949: Independência do Brasil.
    { date: isoDate(year, 9, 7), name: 'Independência do Brasil' },
    // Lei 6.802/1980: Nossa Senhora Aparecida.
    { date: isoDate(year, 10, 12), name: 'Nossa Senhora Aparecida' },
    // Lei 662/1949: Finados (All Souls' Day).
    { date: isoDate(year, 11, 2), name: 'Finados' },
    // Lei 662/1949: Proclamação da República.
    { date: isoDate(year, 11, 15), name: 'Proclamação da República' },
    // Lei 662/1949: Natal (Christmas Day).
    { date: isoDate(year, 12, 25), name: 'Natal' },
    // B3 rule: no trading session on Christmas Eve.
    { date: isoDate(year, 12, 24), name: 'Véspera de Natal (sem pregão)' },
    // B3 rule: no trading session on the last day of the year.
    { date: isoDate(year, 12, 31), name: 'Último dia do ano (sem pregão)' },
  ];
  // Lei 14.759/2023: Dia Nacional de Zumbi e da Consciência Negra, a national holiday from 2024 on.
  if (year >= 2024)
    list.push({ date: isoDate(year, 11, 20), name: 'Dia Nacional de Zumbi e da Consciência Negra' });
  list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  holidayCache.set(year, list);
  return list.map((h) => ({ ...h }));
}

/** The calendar date in São Paulo of an instant, as 'YYYY-MM-DD'. */
export function saoPauloDate(d: Date): IsoDate {
  const parts = spDateFormat.formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return isoDate(get('year'), get('month'), get('day'));
}

/**
 * Why B3 does not trade on a date — the holiday's name, or 'fim de semana' — or null on a trading
 * day. A Date is read as its calendar date in São Paulo.
 */
export function b3NonTradingReason(date: string | Date): string | null {
  const iso = typeof date === 'string' ? checkIso(date) : saoPauloDate(date);
  const weekday = new Date(parseIso(iso)).getUTCDay();
  if (weekday === 0 || weekday === 6) return 'fim de semana';
  const year = Number(iso.slice(0, 4));
  return b3Holidays(year).find((h) => h.date === iso)?.name ?? null;
}

/** A weekday that is not a B3 holiday. A Date is read as its calendar date in São Paulo. */
export function isB3TradingDay(date: string | Date): boolean {
  return b3NonTradingReason(date) === null;
}

const spDateFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: SAO_PAULO_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

function checkIso(s: string): IsoDate {
  if (!ISO_DATE.test(s)) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  const iso = toIso(parseIso(s as IsoDate));
  if (iso !== s) throw new RangeError(`not a calendar date: ${s}`);
  return iso;
}

/** Midnight UTC of an ISO date, in ms. */
function parseIso(s: IsoDate): number {
  const [y, m, d] = s.split('-').map(Number);
  return Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN);
}

function toIso(ms: number): IsoDate {
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

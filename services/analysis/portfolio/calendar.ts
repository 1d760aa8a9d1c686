/**
 * Bank business days in Brazil (a DARF falls due on one): weekdays that are not national holidays
 * nor the bank holidays of Carnival (Monday and Tuesday) and Corpus Christi. Municipal holidays are
 * not known here.
 */

import { easter } from '../calendar/easter';

export { easter };

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function shift(date: string, days: number): string {
  return iso(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}

export function holidays(year: number): Set<string> {
  const fixed = ['01-01', '04-21', '05-01', '09-07', '10-12', '11-02', '11-15', '12-25'];
  // Black Consciousness Day, national since Lei 14.759/2023.
  if (year >= 2024) fixed.push('11-20');
  const e = easter(year);
  return new Set([
    ...fixed.map((md) => `${year}-${md}`),
    shift(e, -48), // Carnival Monday
    shift(e, -47), // Carnival Tuesday
    shift(e, -2), // Good Friday
    shift(e, 60), // Corpus Christi
  ]);
}

export function isBusinessDay(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !holidays(Number(date.slice(0, 4))).has(date);
}

/** The last business day of the month after `month` (YYYY-MM): when a month's DARF falls due. */
export function darfDueDate(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // Day 0 of the month after next = the last day of the next month.
  let d = iso(Date.UTC(y, m + 1, 0));
  while (!isBusinessDay(d)) d = shift(d, -1);
  return d;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

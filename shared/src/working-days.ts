/**
 * Working days (工作日) for deadlines: Monday to Friday, except the public holidays, plus the
 * weekend days the State Council's yearly notice makes working days (调休上班). The calendar is
 * data — each year's notice is published in the autumn before — never worked out from the date.
 * Dates are 'YYYY-MM-DD', counted in UTC date arithmetic so no time zone moves a day.
 */
import * as z from 'zod/mini';
import { CalendarDate } from './schemas/common';

export interface WorkingCalendar {
  /** Days off that would otherwise be working days (法定节假日 and the days joined to them). */
  holidays: readonly string[];
  /** Saturdays and Sundays that are working days (调休上班). */
  workingWeekends: readonly string[];
}

const MS_PER_DAY = 86_400_000;

function parse(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms;
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const weekday = new Date(parse(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return calendar.workingWeekends.includes(date);
  return !calendar.holidays.includes(date);
}

/**
 * The day a deadline of `days` working days falls on, counted from the day after `from` (a case
 * opened on Friday with 5 working days is due the next Friday; one opened on a holiday counts from
 * the first working day after it).
 */
export function addWorkingDays(from: string, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new RangeError('a deadline is 1 to 365 working days');
  let ms = parse(from);
  let left = days;
  while (left > 0) {
    ms += MS_PER_DAY;
    if (isWorkingDay(format(ms), calendar)) left -= 1;
  }
  return format(ms);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`): how late a case is. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let count = 0;
  for (let ms = parse(from) + MS_PER_DAY; ms <= parse(to); ms += MS_PER_DAY) if (isWorkingDay(format(ms), calendar)) count += 1;
  return count;
}

/** The calendar as policy data (POLICY_JSON may replace it with each year's State Council notice). */
export const WorkingCalendarSchema = z.object({
  holidays: z.array(CalendarDate),
  workingWeekends: z.array(CalendarDate),
});

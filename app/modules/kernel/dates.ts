import { TZDate } from "@date-fns/tz";
import { addDays as addDaysToDate, addMonths as addMonthsToDate, formatISO, parseISO, startOfISOWeek } from "date-fns";
import { TIME_ZONE } from "~/utils/format";

/**
 * Calendar days and Warsaw wall-clock time. A day is an ISO date string ("2026-03-02"); an instant is a Date.
 * "Today" is always Warsaw's today (never UTC's), and a day typed by a person means that day in Warsaw.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date: 2026-02-31, 2026-13-01 or 0000-01-01 are not. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const warsawDay = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const warsawClock = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The Warsaw calendar day an instant falls on. */
export function warsawDate(instant: Date): IsoDate {
  return warsawDay.format(instant);
}

/** "HH:MM" on a Warsaw clock. */
export function wallClock(instant: Date): string {
  return warsawClock.format(instant);
}

/** A wall-clock time (minutes after midnight) on a day in Warsaw, as an instant; DST-safe. */
export function warsawInstant(day: IsoDate, minutes = 0): Date {
  const [y, mo, d] = day.split("-").map(Number);
  return new Date(new TZDate(y!, mo! - 1, d!, Math.floor(minutes / 60), minutes % 60, TIME_ZONE).getTime());
}

/** The instants a Warsaw day starts and ends at (23, 24 or 25 hours apart). */
export function warsawDayRange(day: IsoDate): { from: Date; to: Date } {
  return { from: warsawInstant(day), to: warsawInstant(addDays(day, 1)) };
}

export function addDays(day: IsoDate, days: number): IsoDate {
  return formatISO(addDaysToDate(parseISO(day), days), { representation: "date" });
}

export function addMonths(day: IsoDate, months: number): IsoDate {
  return formatISO(addMonthsToDate(parseISO(day), months), { representation: "date" });
}

/** The Monday of the ISO week a day is in. */
export function mondayOf(day: IsoDate): IsoDate {
  return formatISO(startOfISOWeek(parseISO(day)), { representation: "date" });
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: IsoDate): number {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

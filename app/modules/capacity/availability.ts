import { addDays, differenceInCalendarDays, formatISO, getISODay, parseISO } from "date-fns";
import { warsawInstant } from "~/modules/kernel/dates";
import { isPolishPublicHoliday } from "./holidays";

/*
 * Pure expansion of availability into slots. Rules are weekly windows in Europe/Warsaw wall-clock time;
 * each day is expanded in local time and only then turned into an instant, so a 9:00 slot is 9:00 in
 * Warsaw in both March and November, whatever the UTC offset.
 */

export type Rule = {
  id: string;
  offerId: string;
  providerId: string | null;
  locationId: string | null;
  staffUserId: string | null;
  weekdays: number[];
  startTime: string;
  endTime: string;
  validFrom: string;
  validTo: string | null;
  kind: "slots" | "day";
  slotMinutes: number | null;
  bufferMinutes: number;
  seats: number;
  minNoticeHours: number;
  horizonDays: number;
  openOnHolidays: boolean;
};

export type Exception = {
  id: string;
  providerId: string | null;
  offerId: string | null;
  locationId: string | null;
  staffUserId: string | null;
  kind: "closure" | "opening";
  startsOn: string;
  endsOn: string;
  startTime: string | null;
  endTime: string | null;
  seats: number | null;
  slotMinutes: number | null;
};

export type PlannedSlot = {
  sourceKey: string;
  offerId: string;
  providerId: string | null;
  locationId: string | null;
  staffUserId: string | null;
  startsAt: Date;
  endsAt: Date;
  wholeDay: boolean;
  capacity: number;
  minNoticeMinutes: number;
};

/** "09:30" or "09:30:00" → minutes after midnight. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h! * 60 + m!;
}

function eachDate(from: string, to: string): string[] {
  const start = parseISO(from);
  const days = differenceInCalendarDays(parseISO(to), start);
  return Array.from({ length: Math.max(0, days + 1) }, (_, i) => formatISO(addDays(start, i), { representation: "date" }));
}

function covers(e: Exception, date: string) {
  return e.startsOn <= date && date <= e.endsOn;
}

/** Whether an exception is about this rule: same provider, and offer/place/person when it names them. */
function appliesTo(e: Exception, rule: Rule) {
  return (
    (e.offerId === null ? e.providerId === rule.providerId : e.offerId === rule.offerId) &&
    (e.locationId === null || e.locationId === rule.locationId) &&
    (e.staffUserId === null || e.staffUserId === rule.staffUserId)
  );
}

/** Start/end minutes of the slots a window holds: back to back with a buffer, or one whole-day slot. */
export function windowSlots(start: number, end: number, slotMinutes: number | null, bufferMinutes: number): [number, number][] {
  if (slotMinutes === null) return [[start, end]];
  const result: [number, number][] = [];
  for (let t = start; t + slotMinutes <= end; t += slotMinutes + bufferMinutes) result.push([t, t + slotMinutes]);
  return result;
}

/**
 * The slots that rules and exceptions give for the days `from`…`to` (ISO dates, inclusive). Public holidays
 * close a day unless the rule is open on holidays or an opening covers that day; a closure without times
 * closes the whole day, with times only the slots that overlap it.
 */
export function expandAvailability(input: { rules: Rule[]; exceptions: Exception[]; from: string; to: string }): PlannedSlot[] {
  const planned: PlannedSlot[] = [];
  const closures = input.exceptions.filter((e) => e.kind === "closure");
  const openings = input.exceptions.filter((e) => e.kind === "opening");
  for (const date of eachDate(input.from, input.to)) {
    const weekday = getISODay(parseISO(date));
    const holiday = isPolishPublicHoliday(date);
    for (const rule of input.rules) {
      if (date < rule.validFrom || (rule.validTo !== null && date > rule.validTo) || !rule.weekdays.includes(weekday)) continue;
      if (holiday && !rule.openOnHolidays && !openings.some((o) => covers(o, date) && appliesTo(o, rule))) continue;
      const dayClosures = closures.filter((c) => covers(c, date) && appliesTo(c, rule));
      if (dayClosures.some((c) => c.startTime === null)) continue;
      const wholeDay = rule.kind === "day";
      for (const [start, end] of windowSlots(minutesOfDay(rule.startTime), minutesOfDay(rule.endTime), wholeDay ? null : rule.slotMinutes, rule.bufferMinutes)) {
        const blocked = dayClosures.some((c) => start < minutesOfDay(c.endTime!) && minutesOfDay(c.startTime!) < end);
        if (blocked) continue;
        planned.push({
          sourceKey: `rule:${rule.id}`,
          offerId: rule.offerId,
          providerId: rule.providerId,
          locationId: rule.locationId,
          staffUserId: rule.staffUserId,
          startsAt: warsawInstant(date, start),
          endsAt: warsawInstant(date, end),
          wholeDay,
          capacity: rule.seats,
          minNoticeMinutes: rule.minNoticeHours * 60,
        });
      }
    }
    for (const opening of openings) {
      if (!covers(opening, date) || opening.offerId === null) continue;
      const rule = input.rules.find((r) => r.offerId === opening.offerId);
      for (const [start, end] of windowSlots(minutesOfDay(opening.startTime!), minutesOfDay(opening.endTime!), opening.slotMinutes, rule?.bufferMinutes ?? 0)) {
        planned.push({
          sourceKey: `opening:${opening.id}`,
          offerId: opening.offerId,
          providerId: opening.providerId,
          locationId: opening.locationId,
          staffUserId: opening.staffUserId,
          startsAt: warsawInstant(date, start),
          endsAt: warsawInstant(date, end),
          wholeDay: opening.slotMinutes === null,
          capacity: opening.seats ?? 1,
          minNoticeMinutes: (rule?.minNoticeHours ?? 0) * 60,
        });
      }
    }
  }
  return planned;
}

/** Whether a slot can still be booked at `now`: it starts after the minimum notice. */
export function respectsNotice(slot: { startsAt: Date; minNoticeMinutes: number }, now: Date): boolean {
  return slot.startsAt.getTime() - now.getTime() >= slot.minNoticeMinutes * 60_000;
}

import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";
import { z } from "zod";
import { catalogueQueryFields, toCatalogueFilter } from "~/modules/directory/catalogue-filter";
import { addDays, isCalendarDate, warsawDate, warsawInstant } from "~/modules/kernel/dates";
import { optionalId } from "~/modules/kernel/input";
import { TIME_ZONE } from "~/utils/format";

/** Longest range one calendar request may ask for (a month view shows up to six weeks). */
export const MAX_RANGE_DAYS = 62;

/** A day as FullCalendar sends it ("2026-03-02" or "2026-03-02T00:00:00+01:00"); anything else is no day. */
const day = z
  .string()
  .transform((v) => v.slice(0, 10))
  .refine(isCalendarDate)
  .optional()
  .catch(undefined);

/**
 * A calendar request: `start`/`end` as FullCalendar sends them (or `from`/`to`, or one `day`), taken as Warsaw
 * days, plus the catalogue filters and `offer`/`provider`. A bad or too long range is the coming week.
 */
export const calendarQuery = z.object({
  start: day,
  end: day,
  from: day,
  to: day,
  day,
  offer: optionalId().catch(null),
  provider: optionalId().catch(null),
  bookable: z.string().optional().catch(undefined),
  ...catalogueQueryFields,
});

export type CalendarQuery = ReturnType<typeof calendarRange>;

/** The range and filters a calendar query asks for, as of `today`. */
export function calendarRange(q: z.output<typeof calendarQuery>, today: Date, options: { oneDay?: boolean } = {}) {
  const todayIso = warsawDate(today);
  let fromDay = q.day ?? q.start ?? q.from ?? todayIso;
  let toDay = options.oneDay ? addDays(fromDay, 1) : (q.end ?? q.to ?? addDays(fromDay, 7));
  const days = (Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000;
  if (!(days > 0 && days <= MAX_RANGE_DAYS)) {
    fromDay = todayIso;
    toDay = addDays(fromDay, options.oneDay ? 1 : 7);
  }
  return {
    fromDay,
    toDay,
    from: warsawInstant(fromDay),
    to: warsawInstant(toDay),
    offerId: q.offer ?? undefined,
    providerId: q.provider ?? undefined,
    filter: toCatalogueFilter(q),
    bookableOnly: q.bookable === "1",
  };
}

/** An instant as Warsaw wall-clock time without an offset, which the calendar shows as it is. */
export function warsawLocalIso(instant: Date): string {
  return formatISO(new TZDate(instant.getTime(), TIME_ZONE)).slice(0, 19);
}

import { z } from "zod";
import { TZDate } from "@date-fns/tz";
import { addDays, formatISO } from "date-fns";
import { parseCatalogueFilter } from "~/modules/directory/catalogue-filter";
import { TIME_ZONE } from "~/utils/format";
import { warsawInstant } from "./availability";
import { isUuid } from "~/utils/ids";

/** Longest range one calendar request may ask for (a month view shows up to six weeks). */
export const MAX_RANGE_DAYS = 62;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}/).transform((v) => v.slice(0, 10));

/**
 * Reads a calendar request: `start`/`end` as FullCalendar sends them (or `from`/`to`), taken as Warsaw days,
 * plus the catalogue filters and `offer`/`provider`. A bad or too long range falls back to the coming week.
 */
export function parseCalendarQuery(params: URLSearchParams, today = new Date()) {
  const start = day.safeParse(params.get("start") ?? params.get("from") ?? "");
  const end = day.safeParse(params.get("end") ?? params.get("to") ?? "");
  const todayIso = formatISO(new TZDate(today.getTime(), TIME_ZONE), { representation: "date" });
  let fromDay = start.success ? start.data : todayIso;
  let toDay = end.success ? end.data : formatISO(addDays(new Date(`${fromDay}T12:00:00Z`), 7), { representation: "date" });
  const days = (Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000;
  if (!(days > 0 && days <= MAX_RANGE_DAYS)) {
    fromDay = todayIso;
    toDay = formatISO(addDays(new Date(`${fromDay}T12:00:00Z`), 7), { representation: "date" });
  }
  const id = (v: string | null) => (v && isUuid(v) ? v : undefined);
  return {
    fromDay,
    toDay,
    from: warsawInstant(fromDay, 0),
    to: warsawInstant(toDay, 0),
    offerId: id(params.get("offer")),
    providerId: id(params.get("provider")),
    filter: parseCatalogueFilter(params),
    bookableOnly: params.get("bookable") === "1",
  };
}

/** An instant as Warsaw wall-clock time without an offset, which the calendar shows as it is. */
export function warsawLocalIso(instant: Date): string {
  return formatISO(new TZDate(instant.getTime(), TIME_ZONE)).slice(0, 19);
}

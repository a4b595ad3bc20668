import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarQuery, calendarRange } from "~/modules/capacity/calendar-query";
import { readQuery } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { computeFreeSlots } from "~/modules/capacity/slots.server";
import { requireAccess } from "~/modules/identity/access.server";

/**
 * Slots with free seats as JSON for the calendars. A provider gets only its own slots; centre staff get
 * their centre's, filtered like the catalogue (`q`, `area`, `gmina`, `mode`, `target`, `kind`) and by
 * `offer`/`provider`; `bookable=1` keeps only slots a coordinator could book now.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "slots.read");
  const query = calendarRange(readQuery(request, calendarQuery).data, clock.now());
  const { providerId, cusId } = access.membership;
  const rows = await computeFreeSlots({ ...query, scope: providerId ? { providerId } : { cusId: cusId! } });
  return Response.json({ from: query.fromDay, to: query.toDay, timeZone: "Europe/Warsaw", slots: rows.map(toSlotJson) }, { headers: { "Cache-Control": "private, no-store" } });
}

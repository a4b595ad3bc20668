import { and, asc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { bookingSeries, slots } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";
import { addDays, wallClock, warsawDate, warsawInstant } from "~/modules/kernel/dates";
import { isUuid } from "~/modules/kernel/ids";
import { queueBookingNotice } from "./booking-notices.server";
import { bookSlot, type BookingRefusal } from "./seats.server";

export type SeriesOccurrence =
  | { startsAt: string; ok: true; bookingId: string }
  | { startsAt: string; ok: false; reason: BookingRefusal | "no_slot"; alternatives: { slotId: string; startsAt: string; free: number }[] };

/**
 * Books a weekly series: the same weekday and Warsaw wall-clock time for `weeks` weeks from the first slot.
 * Each occurrence is booked on its own, so one full week does not undo the others; every occurrence that
 * cannot be booked is reported with up to three nearest free slots of the same offer (within three days).
 */
export async function bookWeeklySeries(
  input: { cusId: string; residentId: string; firstSlotId: string; weeks: number; planItemId?: string | null; actor: Actor; now?: Date },
  db: Database = getDb(),
): Promise<{ ok: true; seriesId: string; occurrences: SeriesOccurrence[] } | { ok: false; reason: "not_found" | "weeks" }> {
  if (!Number.isInteger(input.weeks) || input.weeks < 1 || input.weeks > 52) return { ok: false, reason: "weeks" };
  if (!isUuid(input.firstSlotId)) return { ok: false, reason: "not_found" };
  const [first] = await db.select().from(slots).where(and(eq(slots.id, input.firstSlotId), eq(slots.cusId, input.cusId)));
  if (!first) return { ok: false, reason: "not_found" };
  const [series] = await db
    .insert(bookingSeries)
    .values({ cusId: input.cusId, residentId: input.residentId, offerId: first.offerId, planItemId: input.planItemId ?? null, description: `${input.weeks}×`, createdBy: input.actor.userId })
    .returning({ id: bookingSeries.id });
  const time = wallClock(first.startsAt);
  const firstDay = warsawDate(first.startsAt);
  // Every candidate slot of the series' weeks in one read: same offer, the wanted day ±1.
  const candidates = await db
    .select()
    .from(slots)
    .where(and(eq(slots.offerId, first.offerId), gte(slots.startsAt, warsawInstant(addDays(firstDay, -1))), lt(slots.startsAt, warsawInstant(addDays(firstDay, input.weeks * 7 + 1)))));
  const occurrences: SeriesOccurrence[] = [];
  for (let week = 0; week < input.weeks; week += 1) {
    const targetDay = addDays(firstDay, week * 7);
    const sameTime = candidates.filter((s) => warsawDate(s.startsAt) === targetDay && wallClock(s.startsAt) === time);
    const match = sameTime.find((s) => s.sourceKey === first.sourceKey) ?? sameTime[0];
    const [hh, mm] = time.split(":").map(Number);
    const label = (match ? match.startsAt : warsawInstant(targetDay, hh! * 60 + mm!)).toISOString();
    if (!match) {
      occurrences.push({ startsAt: label, ok: false, reason: "no_slot", alternatives: await nearestFree(db, first.offerId, targetDay, input.now) });
      continue;
    }
    const result = await bookSlot({ cusId: input.cusId, slotId: match.id, residentId: input.residentId, planItemId: input.planItemId, seriesId: series!.id, actor: input.actor, now: input.now, notify: false }, db);
    occurrences.push(result.ok ? { startsAt: label, ok: true, bookingId: result.bookingId } : { startsAt: label, ok: false, reason: result.reason, alternatives: await nearestFree(db, first.offerId, targetDay, input.now) });
  }
  const booked = occurrences.flatMap((o) => (o.ok ? [o.bookingId] : []));
  if (booked.length) await queueBookingNotice(db, { bookingIds: booked, kind: "series", cusId: input.cusId });
  return { ok: true, seriesId: series!.id, occurrences };
}

/** Up to three free, open slots of the offer within three days of the wanted day, nearest first. */
async function nearestFree(db: Database, offerId: string, day: string, now = clock.now()) {
  const target = warsawInstant(day, 12 * 60).getTime();
  const rows = await db
    .select({ slotId: slots.id, startsAt: slots.startsAt, capacity: slots.capacity, booked: slots.booked, minNotice: slots.minNoticeMinutes })
    .from(slots)
    .where(and(eq(slots.offerId, offerId), isNull(slots.closedAt), sql`${slots.booked} < ${slots.capacity}`, gte(slots.startsAt, warsawInstant(addDays(day, -3))), lt(slots.startsAt, warsawInstant(addDays(day, 4)))))
    .orderBy(asc(slots.startsAt));
  return rows
    .filter((r) => r.startsAt.getTime() - now.getTime() >= r.minNotice * 60_000)
    .sort((a, b) => Math.abs(a.startsAt.getTime() - target) - Math.abs(b.startsAt.getTime() - target))
    .slice(0, 3)
    .map((r) => ({ slotId: r.slotId, startsAt: r.startsAt.toISOString(), free: r.capacity - r.booked }));
}

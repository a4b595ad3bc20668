import { and, asc, eq, gt, gte, isNull, lt, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "@db/client";
import { bookingSeries, bookings, centres, locations, offerRevisions, offers, planItems, planMembers, plans, providerOrganisations, residents, slotHolds, slots, users } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { enqueueBookingNotices } from "./booking-notices.server";
import { offerFreedSeat } from "./waitlist.server";
import { warsawDate, warsawInstant } from "~/modules/kernel/dates";
import { isUuid } from "~/modules/kernel/ids";
import type { Actor } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";

export type BookingRefusal = "not_found" | "full" | "closed" | "too_late" | "already_booked" | "outside_plan";
export type BookingResult = { ok: true; bookingId: string; slotId: string } | { ok: false; reason: BookingRefusal };

/** How close to the start a cancellation counts as late (flagged for the provider and the coordinator). */
export const LATE_CANCELLATION_HOURS = 24;

/**
 * Books one seat. The slot row is locked for the whole transaction, so two coordinators taking the last
 * seat at once are served one after the other: the first gets it, the second is told the slot is full.
 * The CHECK on slots (booked ≤ capacity) would refuse an oversell even if this code were wrong.
 */
export async function bookSlot(
  input: { cusId: string; slotId: string; residentId: string; planItemId?: string | null; seriesId?: string | null; actor: Actor; now?: Date; notify?: boolean },
  db: Database = getDb(),
): Promise<BookingResult> {
  if (!isUuid(input.slotId) || !isUuid(input.residentId)) return { ok: false, reason: "not_found" };
  const now = input.now ?? clock.now();
  try {
    return await db.transaction(async (tx) => {
      // Locks always go plan → booking → slot (as in removePlanItem), so booking and changing a plan cannot deadlock.
      if (input.planItemId) await lockPlanOfItem(tx, input.planItemId);
      const [slot] = await tx.select().from(slots).where(and(eq(slots.id, input.slotId), eq(slots.cusId, input.cusId))).for("update");
      if (!slot) return { ok: false as const, reason: "not_found" as const };
      if (slot.closedAt) return { ok: false as const, reason: "closed" as const };
      if (slot.startsAt.getTime() - now.getTime() < slot.minNoticeMinutes * 60_000) return { ok: false as const, reason: "too_late" as const };
      const [resident] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.id, input.residentId), eq(residents.cusId, input.cusId)));
      if (!resident) return { ok: false as const, reason: "not_found" as const };
      if (input.planItemId && !(await slotFitsPlanItem(tx, input.planItemId, input.residentId, slot))) return { ok: false as const, reason: "outside_plan" as const };
      const [{ held }] = (await tx
        .select({ held: sql<number>`count(*)::int` })
        .from(slotHolds)
        .where(and(eq(slotHolds.slotId, slot.id), gt(slotHolds.expiresAt, now), or(isNull(slotHolds.heldBy), ne(slotHolds.heldBy, input.actor.userId))))) as [{ held: number }];
      if (slot.booked + held >= slot.capacity) return { ok: false as const, reason: "full" as const };
      const [existing] = await tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.slotId, slot.id), eq(bookings.residentId, input.residentId), eq(bookings.status, "active")));
      if (existing) return { ok: false as const, reason: "already_booked" as const };
      await tx.update(slots).set({ booked: sql`${slots.booked} + 1` }).where(eq(slots.id, slot.id));
      await tx.delete(slotHolds).where(and(eq(slotHolds.slotId, slot.id), eq(slotHolds.heldBy, input.actor.userId)));
      const [booking] = await tx
        .insert(bookings)
        .values({
          cusId: slot.cusId,
          slotId: slot.id,
          offerId: slot.offerId,
          providerId: slot.providerId,
          residentId: input.residentId,
          planItemId: input.planItemId ?? null,
          seriesId: input.seriesId ?? null,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          createdBy: input.actor.userId,
        })
        .returning({ id: bookings.id });
      await recordAudit(tx, input.actor, {
        cusId: slot.cusId,
        action: "booking.created",
        entityType: "booking",
        entityId: booking!.id,
        after: { slotId: slot.id, residentId: input.residentId, startsAt: slot.startsAt.toISOString() },
      });
      // A series sends one summary instead of an email per week (see bookWeeklySeries).
      if (input.notify !== false) await enqueueBookingNotices(tx, { bookingIds: [booking!.id], kind: "confirmed" });
      return { ok: true as const, bookingId: booking!.id, slotId: slot.id };
    });
  } catch (error) {
    // The partial unique index on (slot, resident) caught a double click from the same coordinator.
    if (isUniqueViolation(error)) return { ok: false, reason: "already_booked" };
    throw error;
  }
}

/**
 * Shares the lock of the plan an item belongs to: a plan being changed (e.g. a service taken out) finishes
 * first, and the booking then sees the change.
 */
async function lockPlanOfItem(db: Database, planItemId: string) {
  if (!isUuid(planItemId)) return;
  await db.select({ id: plans.id }).from(planItems).innerJoin(plans, eq(plans.id, planItems.planId)).where(eq(planItems.id, planItemId)).for("share", { of: plans });
}

async function slotFitsPlanItem(db: Database, planItemId: string, residentId: string, slot: typeof slots.$inferSelect) {
  if (!isUuid(planItemId)) return false;
  const [item] = await db
    .select({ item: planItems, plan: plans })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(and(eq(planItems.id, planItemId), isNull(planItems.removedAt)));
  if (!item || item.item.offerId !== slot.offerId) return false;
  if (item.plan.residentId !== residentId) {
    // A family plan's services can be booked for any member of the plan.
    const [member] = await db.select({ id: planMembers.residentId }).from(planMembers).where(and(eq(planMembers.planId, item.plan.id), eq(planMembers.residentId, residentId)));
    if (!member) return false;
  }
  if (item.plan.status !== "approved" && item.plan.status !== "active") return false;
  const day = warsawDate(slot.startsAt);
  return day >= item.item.validFrom && day <= item.item.validTo && day >= item.plan.validFrom && day <= item.plan.validTo;
}

export type CancelledBy = "coordinator" | "provider" | "resident";

/** Who may cancel: the centre's staff any booking of their centre, a provider its own, a resident their own. */
export type BookingScope = { cusId: string } | { providerId: string } | { residentId: string };

function inScope(booking: typeof bookings.$inferSelect, scope: BookingScope) {
  if ("cusId" in scope) return booking.cusId === scope.cusId;
  if ("providerId" in scope) return booking.providerId === scope.providerId;
  return booking.residentId === scope.residentId;
}

/** Cancels with a reason and frees the seat; a cancellation within 24 hours of the start is flagged late. */
export async function cancelBooking(
  input: { bookingId: string; scope: BookingScope; by: CancelledBy; reason: string; actor: Actor; now?: Date },
  db: Database = getDb(),
): Promise<{ ok: true; late: boolean; slotId: string } | { ok: false; reason: "not_found" | "forbidden" | "already_cancelled" | "reason_required" | "past" }> {
  if (!input.reason.trim()) return { ok: false, reason: "reason_required" };
  if (!isUuid(input.bookingId)) return { ok: false, reason: "not_found" };
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [booking] = await tx.select().from(bookings).where(eq(bookings.id, input.bookingId)).for("update");
    if (!booking) return { ok: false as const, reason: "not_found" as const };
    if (!inScope(booking, input.scope)) return { ok: false as const, reason: "forbidden" as const };
    if (booking.status === "cancelled") return { ok: false as const, reason: "already_cancelled" as const };
    if (booking.startsAt <= now) return { ok: false as const, reason: "past" as const };
    await tx.select({ id: slots.id }).from(slots).where(eq(slots.id, booking.slotId)).for("update");
    const late = await releaseSeat(tx, booking, { reason: input.reason.trim(), by: input.by, now });
    await recordAudit(tx, input.actor, {
      cusId: booking.cusId,
      action: "booking.cancelled",
      entityType: "booking",
      entityId: booking.id,
      after: { by: input.by, reason: input.reason.trim(), late },
    });
    await enqueueBookingNotices(tx, { bookingIds: [booking.id], kind: "cancelled", reason: input.reason.trim() });
    // The freed seat goes to the first resident waiting for this offer, if any.
    await offerFreedSeat(tx, booking.slotId, now);
    return { ok: true as const, late, slotId: booking.slotId };
  });
}

/**
 * Marks a booking cancelled and gives its seat back (the caller holds the booking's and the slot's locks).
 * Returns whether it was late: within 24 hours of the start.
 */
async function releaseSeat(tx: Database, booking: typeof bookings.$inferSelect, how: { reason: string; by: CancelledBy; now: Date }) {
  const late = booking.startsAt.getTime() - how.now.getTime() < LATE_CANCELLATION_HOURS * 3_600_000;
  await tx
    .update(bookings)
    .set({ status: "cancelled", cancelledAt: how.now, cancelReason: how.reason, cancelledBy: how.by, lateCancellation: late, sequence: sql`${bookings.sequence} + 1`, updatedAt: how.now })
    .where(eq(bookings.id, booking.id));
  await tx.update(slots).set({ booked: sql`${slots.booked} - 1` }).where(eq(slots.id, booking.slotId));
  return late;
}

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
  const wallClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(first.startsAt);
  const occurrences: SeriesOccurrence[] = [];
  for (let week = 0; week < input.weeks; week += 1) {
    const targetDay = addDaysIso(warsawDate(first.startsAt), week * 7);
    const candidates = await db
      .select()
      .from(slots)
      .where(and(eq(slots.offerId, first.offerId), gte(slots.startsAt, new Date(`${addDaysIso(targetDay, -1)}T00:00:00Z`)), lt(slots.startsAt, new Date(`${addDaysIso(targetDay, 2)}T00:00:00Z`))));
    const match = candidates.find((s) => warsawDate(s.startsAt) === targetDay && wallClockOf(s.startsAt) === wallClock && s.sourceKey === first.sourceKey)
      ?? candidates.find((s) => warsawDate(s.startsAt) === targetDay && wallClockOf(s.startsAt) === wallClock);
    const [hh, mm] = wallClock.split(":").map(Number);
    const label = (match ? match.startsAt : warsawInstant(targetDay, hh! * 60 + mm!)).toISOString();
    if (!match) {
      occurrences.push({ startsAt: label, ok: false, reason: "no_slot", alternatives: await nearestFree(db, first.offerId, targetDay, input.now) });
      continue;
    }
    const result = await bookSlot({ cusId: input.cusId, slotId: match.id, residentId: input.residentId, planItemId: input.planItemId, seriesId: series!.id, actor: input.actor, now: input.now, notify: false }, db);
    occurrences.push(result.ok ? { startsAt: label, ok: true, bookingId: result.bookingId } : { startsAt: label, ok: false, reason: result.reason, alternatives: await nearestFree(db, first.offerId, targetDay, input.now) });
  }
  const booked = occurrences.flatMap((o) => (o.ok ? [o.bookingId] : []));
  if (booked.length) await db.transaction((tx) => enqueueBookingNotices(tx, { bookingIds: booked, kind: "series" }));
  return { ok: true, seriesId: series!.id, occurrences };
}

function wallClockOf(instant: Date) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}

function addDaysIso(isoDay: string, days: number) {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Up to three free, open slots of the offer within three days of the wanted day, nearest first. */
async function nearestFree(db: Database, offerId: string, day: string, now = clock.now()) {
  const target = new Date(`${day}T10:00:00Z`).getTime();
  const rows = await db
    .select({ slotId: slots.id, startsAt: slots.startsAt, capacity: slots.capacity, booked: slots.booked, minNotice: slots.minNoticeMinutes })
    .from(slots)
    .where(
      and(
        eq(slots.offerId, offerId),
        isNull(slots.closedAt),
        sql`${slots.booked} < ${slots.capacity}`,
        gte(slots.startsAt, new Date(`${addDaysIso(day, -3)}T00:00:00Z`)),
        lt(slots.startsAt, new Date(`${addDaysIso(day, 4)}T00:00:00Z`)),
      ),
    )
    .orderBy(asc(slots.startsAt));
  return rows
    .filter((r) => r.startsAt.getTime() - now.getTime() >= r.minNotice * 60_000)
    .sort((a, b) => Math.abs(a.startsAt.getTime() - target) - Math.abs(b.startsAt.getTime() - target))
    .slice(0, 3)
    .map((r) => ({ slotId: r.slotId, startsAt: r.startsAt.toISOString(), free: r.capacity - r.booked }));
}

/** A resident's bookings with what a person needs to know: what, who, where, when, state. */
export async function listResidentBookings(residentId: string, db: Database = getDb()) {
  return db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      attendance: bookings.attendance,
      lateCancellation: bookings.lateCancellation,
      cancelReason: bookings.cancelReason,
      planItemId: bookings.planItemId,
      offerName: offerRevisions.name,
      providerName: providerOrganisations.name,
      providerPhone: providerOrganisations.phone,
      placeName: locations.name,
      placeAddress: sql<string | null>`${locations.street} || ', ' || ${locations.city}`,
    })
    .from(bookings)
    .innerJoin(offers, eq(offers.id, bookings.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, bookings.providerId))
    .leftJoin(locations, eq(locations.id, slots.locationId))
    .where(eq(bookings.residentId, residentId))
    .orderBy(asc(bookings.startsAt));
}

/** After this many no-shows in one plan item the coordinator is alerted ("3 missed visits end the service"). */
export const NO_SHOW_ALERT = 3;

/**
 * The provider records what happened: delivered (with the units actually delivered, e.g. 1.5 hours) or a
 * no-show. Only the provider's own bookings, only once the visit has started, and only active bookings.
 */
export async function recordAttendance(
  input: { bookingId: string; providerId: string; attendance: "delivered" | "no_show"; units: number | null; actor: Actor; now?: Date },
  db: Database = getDb(),
): Promise<{ ok: true; noShowsInItem: number } | { ok: false; reason: "not_found" | "forbidden" | "cancelled" | "future" | "units" }> {
  if (!isUuid(input.bookingId)) return { ok: false, reason: "not_found" };
  if (input.attendance === "delivered" && (input.units === null || !(input.units > 0) || input.units > 1000 || Math.round(input.units * 100) !== input.units * 100)) {
    return { ok: false, reason: "units" };
  }
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [booking] = await tx.select().from(bookings).where(eq(bookings.id, input.bookingId)).for("update");
    if (!booking) return { ok: false as const, reason: "not_found" as const };
    if (booking.providerId !== input.providerId) return { ok: false as const, reason: "forbidden" as const };
    if (booking.status !== "active") return { ok: false as const, reason: "cancelled" as const };
    if (booking.startsAt > now) return { ok: false as const, reason: "future" as const };
    await tx
      .update(bookings)
      .set({ attendance: input.attendance, deliveredUnits: input.attendance === "delivered" ? String(input.units) : null, attendanceRecordedAt: now, attendanceRecordedBy: input.actor.userId, updatedAt: now })
      .where(eq(bookings.id, booking.id));
    await recordAudit(tx, input.actor, {
      cusId: booking.cusId,
      action: input.attendance === "delivered" ? "booking.delivered" : "booking.no_show",
      entityType: "booking",
      entityId: booking.id,
      before: booking.attendance ? { attendance: booking.attendance, units: booking.deliveredUnits } : null,
      after: { attendance: input.attendance, units: input.units },
    });
    let noShowsInItem = 0;
    if (booking.planItemId) {
      const [row] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(bookings)
        .where(and(eq(bookings.planItemId, booking.planItemId), eq(bookings.attendance, "no_show")))) as [{ n: number }];
      noShowsInItem = row.n;
    }
    return { ok: true as const, noShowsInItem };
  });
}

/**
 * The provider's bookings for a period with only what it needs to deliver: the resident's name, phone,
 * access needs, the place and time (no PESEL, no address beyond what a home visit needs).
 */
export async function listProviderBookings(providerId: string, from: Date, to: Date, reader: Actor | null, db: Database = getDb()) {
  const rows = await db
    .select({
      id: bookings.id,
      cusId: bookings.cusId,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      attendance: bookings.attendance,
      deliveredUnits: bookings.deliveredUnits,
      lateCancellation: bookings.lateCancellation,
      offerName: offerRevisions.name,
      unit: offerRevisions.unit,
      typicalMinutes: offerRevisions.typicalDurationMinutes,
      placeName: locations.name,
      residentName: sql<string>`${residents.firstName} || ' ' || ${residents.lastName}`,
      residentPhone: residents.phone,
      residentAddress: sql<string | null>`case when ${slots.locationId} is null then concat_ws(', ', ${residents.street}, ${residents.city}) end`,
      accessNeeds: residents.accessNeeds,
    })
    .from(bookings)
    .innerJoin(offers, eq(offers.id, bookings.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(residents, eq(residents.id, bookings.residentId))
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .leftJoin(locations, eq(locations.id, slots.locationId))
    .where(and(eq(bookings.providerId, providerId), gte(bookings.startsAt, from), lt(bookings.startsAt, to)))
    .orderBy(asc(bookings.startsAt));
  // Residents' names, phones and needs: the read is audited in each centre whose residents it shows.
  if (reader) {
    for (const cusId of new Set(rows.map((r) => r.cusId))) {
      await recordAudit(db, reader, { cusId, action: "booking.list_read", entityType: "provider", entityId: providerId, after: { from: from.toISOString(), to: to.toISOString(), bookings: rows.filter((r) => r.cusId === cusId).length } });
    }
  }
  return rows;
}

/** Plan items of the centre with three or more no-shows: the coordinator decides whether the service goes on. */
export async function listNoShowAlerts(cusId: string, db: Database = getDb()) {
  return db
    .select({
      planItemId: bookings.planItemId,
      planId: planItems.planId,
      noShows: sql<number>`count(*)::int`,
      offerName: sql<string>`max(${offerRevisions.name})`,
      residentName: sql<string>`max(${residents.firstName} || ' ' || ${residents.lastName})`,
    })
    .from(bookings)
    .innerJoin(planItems, eq(planItems.id, bookings.planItemId))
    .innerJoin(offers, eq(offers.id, bookings.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(residents, eq(residents.id, bookings.residentId))
    .where(and(eq(bookings.cusId, cusId), eq(bookings.attendance, "no_show")))
    .groupBy(bookings.planItemId, planItems.planId)
    .having(sql`count(*) >= ${NO_SHOW_ALERT}`);
}

/** The resident asks for a visit to be changed: their coordinator (or the centre) gets the message by email. */
export async function requestBookingChange(input: { bookingId: string; residentId: string; message: string; actor: Actor }, db: Database = getDb()) {
  if (input.message.trim().length < 3) return { ok: false as const, reason: "message_required" as const };
  if (!isUuid(input.bookingId)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction(async (tx) => {
    const [booking] = await tx.select().from(bookings).where(eq(bookings.id, input.bookingId));
    if (!booking || booking.residentId !== input.residentId) return { ok: false as const, reason: "not_found" as const };
    const [contact] = await tx
      .select({ coordinatorEmail: users.email, centreEmail: centres.email })
      .from(centres)
      .leftJoin(planItems, eq(planItems.id, sql`${booking.planItemId}::uuid`))
      .leftJoin(plans, eq(plans.id, planItems.planId))
      .leftJoin(users, eq(users.id, plans.coordinatorUserId))
      .where(eq(centres.id, booking.cusId));
    await enqueueBookingNotices(tx, { bookingIds: [booking.id], kind: "change_request", reason: input.message.trim(), coordinatorEmail: contact?.coordinatorEmail ?? contact?.centreEmail });
    await recordAudit(tx, input.actor, { cusId: booking.cusId, action: "booking.change_requested", entityType: "booking", entityId: booking.id, after: { message: input.message.trim() } });
    return { ok: true as const };
  });
}

/** Per plan item: booked visits to come, delivered units and no-shows (what the coordinator monitors). */
export async function planItemProgress(planId: string, db: Database = getDb()) {
  return db
    .select({
      planItemId: bookings.planItemId,
      upcoming: sql<number>`count(*) filter (where ${bookings.status} = 'active' and ${bookings.startsAt} > ${clock.now()}::timestamptz)::int`,
      delivered: sql<number>`coalesce(sum(${bookings.deliveredUnits}) filter (where ${bookings.attendance} = 'delivered'), 0)::float`,
      noShows: sql<number>`count(*) filter (where ${bookings.attendance} = 'no_show')::int`,
    })
    .from(bookings)
    .innerJoin(planItems, eq(planItems.id, bookings.planItemId))
    .where(eq(planItems.planId, planId))
    .groupBy(bookings.planItemId);
}

export type RescheduleRefusal = BookingRefusal | "forbidden" | "already_cancelled" | "past" | "same_slot" | "other_offer" | "reason_required";

/**
 * Moves a visit to another slot of the same offer. The new seat is taken first, under both slots' locks, so
 * the resident never ends up with neither; the old booking is kept as cancelled and the new one points to it
 * (history). The resident and the provider get one "changed" email, and the freed seat goes to the waiting list.
 */
export async function rescheduleBooking(
  input: { bookingId: string; newSlotId: string; cusId: string; reason: string; actor: Actor; now?: Date },
  db: Database = getDb(),
): Promise<{ ok: true; bookingId: string } | { ok: false; reason: RescheduleRefusal }> {
  if (!input.reason.trim()) return { ok: false, reason: "reason_required" };
  if (!isUuid(input.bookingId) || !isUuid(input.newSlotId)) return { ok: false, reason: "not_found" };
  const now = input.now ?? clock.now();
  const outcome = await db.transaction(async (tx) => {
    // The plan first (see bookSlot), then the booking, then both slots.
    const [planned] = await tx.select({ planItemId: bookings.planItemId }).from(bookings).where(eq(bookings.id, input.bookingId));
    if (planned?.planItemId) await lockPlanOfItem(tx, planned.planItemId);
    const [old] = await tx.select().from(bookings).where(eq(bookings.id, input.bookingId)).for("update");
    if (!old) return { ok: false as const, reason: "not_found" as const };
    if (old.cusId !== input.cusId) return { ok: false as const, reason: "forbidden" as const };
    if (old.status === "cancelled") return { ok: false as const, reason: "already_cancelled" as const };
    if (old.startsAt <= now) return { ok: false as const, reason: "past" as const };
    if (old.slotId === input.newSlotId) return { ok: false as const, reason: "same_slot" as const };
    // Both slots locked in one order, so two reschedules crossing the same pair cannot deadlock.
    const locked = await tx.select().from(slots).where(sql`${slots.id} in (${old.slotId}, ${input.newSlotId})`).orderBy(asc(slots.id)).for("update");
    const target = locked.find((s) => s.id === input.newSlotId);
    if (!target || target.cusId !== input.cusId) return { ok: false as const, reason: "not_found" as const };
    if (target.offerId !== old.offerId) return { ok: false as const, reason: "other_offer" as const };
    const booked = await bookSlot({ cusId: input.cusId, slotId: target.id, residentId: old.residentId, planItemId: old.planItemId, seriesId: old.seriesId, actor: input.actor, now, notify: false }, tx);
    if (!booked.ok) return booked;
    await releaseSeat(tx, old, { reason: input.reason.trim(), by: "coordinator", now });
    await tx.update(bookings).set({ rescheduledFromId: old.id }).where(eq(bookings.id, booked.bookingId));
    await recordAudit(tx, input.actor, {
      cusId: old.cusId,
      action: "booking.rescheduled",
      entityType: "booking",
      entityId: booked.bookingId,
      before: { bookingId: old.id, startsAt: old.startsAt.toISOString() },
      after: { slotId: target.id, startsAt: target.startsAt.toISOString(), reason: input.reason.trim() },
    });
    await enqueueBookingNotices(tx, { bookingIds: [booked.bookingId], kind: "changed", reason: input.reason.trim(), previousStartsAt: old.startsAt });
    await offerFreedSeat(tx, old.slotId, now);
    return { ok: true as const, bookingId: booked.bookingId };
  });
  return outcome;
}

/** A plan item's visits, soonest first, with where each came from when it was moved (for the booking page). */
export async function listPlanItemBookings(planItemId: string, db: Database = getDb()) {
  if (!isUuid(planItemId)) return [];
  const previous = alias(bookings, "previous");
  return db
    .select({ id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status, attendance: bookings.attendance, cancelReason: bookings.cancelReason, lateCancellation: bookings.lateCancellation, residentId: bookings.residentId, movedFrom: previous.startsAt })
    .from(bookings)
    .leftJoin(previous, eq(previous.id, bookings.rescheduledFromId))
    .where(eq(bookings.planItemId, planItemId))
    .orderBy(asc(bookings.startsAt));
}

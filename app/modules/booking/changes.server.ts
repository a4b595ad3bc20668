import { asc, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { bookings, centres, planItems, plans, slots, users } from "@db/schema";
import { accrueCharge } from "~/modules/billing/charges.server";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { clock } from "~/modules/kernel/clock.server";
import { isUuid } from "~/modules/kernel/ids";
import { visitFacts } from "./attendance.server";
import { queueBookingNotice } from "./booking-notices.server";
import { bookSlot, lockPlanOfItem, releaseSeat, type BookingRefusal, type CancelledBy } from "./seats.server";
import { offerFreedSeat } from "./waitlist.server";

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
    // A late cancellation by the resident's side costs what the rule says (often nothing); the provider's never does.
    if (late && input.by !== "provider") await accrueCharge(tx, await visitFacts(tx, booking), { reason: "late_cancellation", unitsHundredths: 100 }, input.actor.userId, now);
    await recordAudit(tx, input.actor, { cusId: booking.cusId, action: "booking.cancelled", entityType: "booking", entityId: booking.id, after: { by: input.by, reason: input.reason.trim(), late } });
    await queueBookingNotice(tx, { bookingIds: [booking.id], kind: "cancelled", reason: input.reason.trim(), cusId: booking.cusId });
    // The freed seat goes to the first resident waiting for this offer, if any.
    await offerFreedSeat(tx, booking.slotId, now);
    return { ok: true as const, late, slotId: booking.slotId };
  });
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
  return db.transaction(async (tx) => {
    // The plan first (see the lock order in seats.server.ts), then the booking, then both slots.
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
    await queueBookingNotice(tx, { bookingIds: [booked.bookingId], kind: "changed", reason: input.reason.trim(), previousStartsAt: old.startsAt, cusId: old.cusId });
    await offerFreedSeat(tx, old.slotId, now);
    return { ok: true as const, bookingId: booked.bookingId };
  });
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
    await queueBookingNotice(tx, { bookingIds: [booking.id], kind: "change_request", reason: input.message.trim(), coordinatorEmail: contact?.coordinatorEmail ?? contact?.centreEmail, cusId: booking.cusId });
    await recordAudit(tx, input.actor, { cusId: booking.cusId, action: "booking.change_requested", entityType: "booking", entityId: booking.id, after: { message: input.message.trim() } });
    return { ok: true as const };
  });
}

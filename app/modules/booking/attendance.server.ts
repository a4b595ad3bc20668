import { and, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { bookings, offerRevisions, offers, planItems, plans, residents } from "@db/schema";
import { accrueCharge, type VisitFacts } from "~/modules/billing/charges.server";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { accrueDeliveries } from "~/modules/settlements/accruals.server";
import { clock } from "~/modules/kernel/clock.server";
import { isUuid } from "~/modules/kernel/ids";

/* Delivery: what the provider records after a visit, and what the coordinator is told when visits are missed. */

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
    // The co-payment accrues with the confirmation, in the same transaction (a correction of units corrects it).
    await accrueCharge(tx, await visitFacts(tx, booking), { reason: input.attendance, unitsHundredths: input.attendance === "delivered" ? Math.round(input.units! * 100) : 100 }, input.actor.userId, now);
    // What the centre owes the provider for it accrues with it too, after the co-payment (which it is paid from first).
    await accrueDeliveries(tx, { cusId: booking.cusId, bookingIds: [booking.id] }, input.actor.userId, now);
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

/** What billing needs to know of a visit: who pays (a family plan's holder), and what it was booked under. */
export async function visitFacts(tx: Database, booking: typeof bookings.$inferSelect): Promise<VisitFacts> {
  const [plan] = booking.planItemId
    ? await tx.select({ id: plans.id, holderId: plans.residentId }).from(planItems).innerJoin(plans, eq(plans.id, planItems.planId)).where(eq(planItems.id, booking.planItemId))
    : [];
  const [offer] = await tx
    .select({ name: offerRevisions.name, price: offerRevisions.priceGrosze })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, sql`coalesce(${booking.offerRevisionId}::uuid, ${offers.publishedRevisionId})`))
    .where(eq(offers.id, booking.offerId));
  return {
    bookingId: booking.id,
    cusId: booking.cusId,
    residentId: booking.residentId,
    payerId: plan?.holderId ?? booking.residentId,
    planId: plan?.id ?? null,
    offerId: booking.offerId,
    offerName: offer?.name ?? "",
    startsAt: booking.startsAt,
    unitPriceGrosze: booking.unitPriceGrosze ?? offer?.price ?? 0,
    ruleVersionId: booking.copayRuleVersionId,
  };
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


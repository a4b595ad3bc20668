import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centres, locations, offerRevisions, offers, planItems, providerOrganisations, residents, slotHolds, slots, users, waitlistEntries } from "@db/schema";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { recordAudit, recordRefusal } from "~/modules/kernel/audit.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { warsawDate } from "~/modules/kernel/dates";
import { bookSlot, type BookingResult } from "./seats.server";
import type { Actor } from "~/modules/kernel/actor";
import { isUuid } from "~/modules/kernel/ids";
import { clock } from "~/modules/kernel/clock.server";

/** How long a freed seat is kept for the first waiting resident's coordinator before it goes to the next one. */
export const WAITLIST_OFFER_HOURS = 24;

/** Puts a resident on the offer's waiting list (first come, first served; once per offer). */
export async function joinWaitlist(
  input: { cusId: string; offerId: string; residentId: string; planItemId: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true; position: number } | { ok: false; reason: "not_found" | "already_waiting" }> {
  if (!isUuid(input.offerId) || !isUuid(input.residentId)) return { ok: false, reason: "not_found" };
  const [offer] = await db.select({ id: offers.id }).from(offers).where(and(eq(offers.id, input.offerId), eq(offers.cusId, input.cusId)));
  const [resident] = await db.select({ id: residents.id }).from(residents).where(and(eq(residents.id, input.residentId), eq(residents.cusId, input.cusId)));
  if (!offer || !resident) return { ok: false, reason: "not_found" };
  try {
    await db.transaction(async (tx) => {
      const [entry] = await tx
        .insert(waitlistEntries)
        .values({ cusId: input.cusId, offerId: input.offerId, residentId: input.residentId, planItemId: input.planItemId, coordinatorUserId: input.actor.userId })
        .returning();
      await recordAudit(tx, input.actor, { cusId: input.cusId, action: "waitlist.joined", entityType: "waitlist_entry", entityId: entry!.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "already_waiting" };
    throw error;
  }
  const [{ position }] = (await db
    .select({ position: sql<number>`count(*)::int` })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.offerId, input.offerId), inArray(waitlistEntries.status, ["waiting", "offered"])))) as [{ position: number }];
  return { ok: true, position };
}

/**
 * A seat freed in `slotId`: offer it to the first waiting resident of that offer whose plan covers the day,
 * holding the seat for their coordinator for 24 hours. Runs in the caller's transaction.
 */
export async function offerFreedSeat(db: Database, slotId: string, now = clock.now()) {
  const [slot] = await db.select().from(slots).where(eq(slots.id, slotId));
  if (!slot || slot.closedAt || slot.startsAt <= now || slot.booked >= slot.capacity) return null;
  const day = warsawDate(slot.startsAt);
  const waiting = await db
    .select({ entry: waitlistEntries, itemFrom: planItems.validFrom, itemTo: planItems.validTo })
    .from(waitlistEntries)
    .leftJoin(planItems, eq(planItems.id, waitlistEntries.planItemId))
    .where(and(eq(waitlistEntries.offerId, slot.offerId), eq(waitlistEntries.status, "waiting")))
    .orderBy(asc(waitlistEntries.createdAt));
  const next = waiting.find((w) => w.itemFrom === null || (w.itemFrom <= day && day <= w.itemTo!));
  if (!next) return null;
  const expiresAt = new Date(now.getTime() + WAITLIST_OFFER_HOURS * 3_600_000);
  const [hold] = await db.insert(slotHolds).values({ slotId: slot.id, heldBy: next.entry.coordinatorUserId, expiresAt }).returning();
  await db.update(waitlistEntries).set({ status: "offered", offeredSlotId: slot.id, offerExpiresAt: expiresAt, holdId: hold!.id }).where(eq(waitlistEntries.id, next.entry.id));
  await tellCoordinator(db, next.entry, slot);
  return next.entry.id;
}

/** The coordinator takes the offered seat: it is booked for the waiting resident. */
export async function acceptWaitlistOffer(input: { cusId: string; entryId: string; actor: Actor }, db: Database = getDb()): Promise<BookingResult | { ok: false; reason: "not_offered" }> {
  if (!isUuid(input.entryId)) return { ok: false, reason: "not_found" };
  const [entry] = await db.select().from(waitlistEntries).where(and(eq(waitlistEntries.id, input.entryId), eq(waitlistEntries.cusId, input.cusId)));
  if (!entry || entry.status !== "offered" || !entry.offeredSlotId) return { ok: false, reason: "not_offered" };
  // The hold belongs to the coordinator the seat was offered to; whoever accepts, the hold is released first.
  if (entry.holdId) await db.delete(slotHolds).where(eq(slotHolds.id, entry.holdId));
  const result = await bookSlot({ cusId: input.cusId, slotId: entry.offeredSlotId, residentId: entry.residentId, planItemId: entry.planItemId, actor: input.actor }, db);
  if (result.ok) await db.update(waitlistEntries).set({ status: "booked", holdId: null }).where(eq(waitlistEntries.id, entry.id));
  return result;
}

/** An offered seat leaves the entry: its hold is released and the seat goes to the next waiting resident. */
async function passOn(tx: Database, entry: typeof waitlistEntries.$inferSelect, status: "expired" | "withdrawn", now: Date) {
  if (entry.holdId) await tx.delete(slotHolds).where(eq(slotHolds.id, entry.holdId));
  await tx.update(waitlistEntries).set({ status, holdId: null }).where(eq(waitlistEntries.id, entry.id));
  if (entry.offeredSlotId) await offerFreedSeat(tx, entry.offeredSlotId, now);
}

/** Offers not taken in time go to the next waiting resident (the background worker's pass). */
export async function expireWaitlistOffers(now = clock.now(), db: Database = getDb()) {
  const due = await db.select().from(waitlistEntries).where(and(eq(waitlistEntries.status, "offered"), lt(waitlistEntries.offerExpiresAt, now)));
  for (const entry of due) await db.transaction((tx) => passOn(tx, entry, "expired", now));
  return due.length;
}

/**
 * The coordinator lets an offered seat pass to the next resident. Only an entry of the coordinator's own
 * centre: another centre's entry is "not found", and the attempt is audited where that entry lives.
 */
export async function declineWaitlistOffer(input: { cusId: string; entryId: string; actor: Actor; now?: Date }, db: Database = getDb()): Promise<{ ok: true } | { ok: false; reason: "not_offered" }> {
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, input.entryId)).for("update");
    if (entry && entry.cusId !== input.cusId) {
      await recordRefusal(tx, input.actor, { action: "waitlist.declined", entityType: "waitlist_entry", entityId: entry.id, ownerCusId: entry.cusId });
      return { ok: false as const, reason: "not_offered" as const };
    }
    if (!entry || entry.status !== "offered") return { ok: false as const, reason: "not_offered" as const };
    await passOn(tx, entry, "withdrawn", now);
    await recordAudit(tx, input.actor, { cusId: entry.cusId, action: "waitlist.declined", entityType: "waitlist_entry", entityId: entry.id });
    return { ok: true as const };
  });
}

/** Seats offered to this coordinator's waiting residents, for the desk. */
export async function listWaitlistOffers(cusId: string, coordinatorUserId: string, db: Database = getDb()) {
  return db
    .select({
      id: waitlistEntries.id,
      expiresAt: waitlistEntries.offerExpiresAt,
      startsAt: slots.startsAt,
      offerName: offerRevisions.name,
      residentName: sql<string>`${residents.firstName} || ' ' || ${residents.lastName}`,
      coordinatorName: users.name,
    })
    .from(waitlistEntries)
    .innerJoin(slots, eq(slots.id, waitlistEntries.offeredSlotId))
    .innerJoin(offers, eq(offers.id, waitlistEntries.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(residents, eq(residents.id, waitlistEntries.residentId))
    .leftJoin(users, eq(users.id, waitlistEntries.coordinatorUserId))
    .where(and(eq(waitlistEntries.cusId, cusId), eq(waitlistEntries.status, "offered"), eq(waitlistEntries.coordinatorUserId, coordinatorUserId)))
    .orderBy(asc(waitlistEntries.offerExpiresAt));
}

/** The waiting resident's coordinator learns by email that a seat is held for them. */
async function tellCoordinator(db: Database, entry: typeof waitlistEntries.$inferSelect, slot: typeof slots.$inferSelect) {
  if (!entry.coordinatorUserId) return;
  const [row] = await db
    .select({
      email: users.email,
      centreName: centres.name,
      offerName: offerRevisions.name,
      providerName: providerOrganisations.name,
      firstName: residents.firstName,
      lastName: residents.lastName,
      placeName: locations.name,
    })
    .from(users)
    .innerJoin(centres, eq(centres.id, entry.cusId))
    .innerJoin(offers, eq(offers.id, slot.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(residents, eq(residents.id, entry.residentId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, sql`${slot.providerId}::uuid`))
    .leftJoin(locations, eq(locations.id, sql`${slot.locationId}::uuid`))
    .where(eq(users.id, entry.coordinatorUserId));
  if (!row) return;
  await enqueueEmail(
    db,
    {
      to: row.email,
      template: "booking-notice",
      props: {
        locale: "pl",
        centreName: row.centreName,
        audience: "coordinator",
        recipientName: null,
        kind: "waitlist_offer",
        offerName: row.offerName,
        providerName: row.providerName ?? row.centreName,
        residentName: `${row.firstName} ${row.lastName}`,
        place: row.placeName,
        startsAt: [slot.startsAt.toISOString()],
        reason: null,
      },
    },
    { cusId: entry.cusId },
  );
}

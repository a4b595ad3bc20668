import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "@db/client";
import { bookings, locations, offerRevisions, offers, planItems, providerOrganisations, residents, slots } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { clock } from "~/modules/kernel/clock.server";
import { isUuid } from "~/modules/kernel/ids";

/* Lists of bookings as each reader needs them: the resident, the provider, the plan item, the plan's progress. */

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
      cancelReason: bookings.cancelReason,
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

/** Per plan item: booked visits to come, delivered units and no-shows (what the coordinator monitors). */
export async function planItemProgress(planId: string, db: Database = getDb()) {
  return db
    .select({
      planItemId: bookings.planItemId,
      upcoming: sql<number>`count(*) filter (where ${bookings.status} = 'active' and ${bookings.startsAt} > ${clock.now().toISOString()}::timestamptz)::int`,
      delivered: sql<number>`coalesce(sum(${bookings.deliveredUnits}) filter (where ${bookings.attendance} = 'delivered'), 0)::float`,
      noShows: sql<number>`count(*) filter (where ${bookings.attendance} = 'no_show')::int`,
    })
    .from(bookings)
    .innerJoin(planItems, eq(planItems.id, bookings.planItemId))
    .where(eq(planItems.planId, planId))
    .groupBy(bookings.planItemId);
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


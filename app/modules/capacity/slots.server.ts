import { and, asc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { addDays } from "date-fns";
import { getDb, type Database } from "@db/client";
import { availabilityExceptions, availabilityRules, locations, offerRevisions, offers, providerOrganisations, slotHolds, slots } from "@db/schema";
import { catalogueConditions, type CatalogueFilter } from "~/modules/directory/catalogue.server";
import { expandAvailability, type Exception, type PlannedSlot, type Rule } from "./availability";
import { warsawDate } from "~/modules/kernel/dates";
import { isUuid } from "~/modules/kernel/ids";
import type { Owner } from "~/modules/kernel/owner";
import { clock } from "~/modules/kernel/clock.server";

const BATCH = 400;

function toRule(r: typeof availabilityRules.$inferSelect): Rule {
  return { ...r, weekdays: r.weekdays.map(Number) };
}

/**
 * Brings one offer's future slots in line with its rules and exceptions, for each rule's booking horizon
 * (ADR 006). New slots are added, changed ones updated (never below what is booked), slots no longer
 * planned are deleted when empty or closed when someone is booked (the provider must deal with them).
 */
export async function materialiseOfferSlots(db: Database, offerId: string, now = clock.now()) {
  const [offer] = await db.select({ id: offers.id, cusId: offers.cusId, providerId: offers.providerId }).from(offers).where(eq(offers.id, offerId));
  if (!offer) return { added: 0, removed: 0, closed: 0 };
  const rules = (await db.select().from(availabilityRules).where(and(eq(availabilityRules.offerId, offerId), isNull(availabilityRules.archivedAt)))).map(toRule);
  const exceptions: Exception[] = await db
    .select()
    .from(availabilityExceptions)
    .where(
      and(
        eq(availabilityExceptions.cusId, offer.cusId),
        offer.providerId
          ? sql`(${availabilityExceptions.offerId} = ${offerId} or (${availabilityExceptions.offerId} is null and ${availabilityExceptions.providerId} = ${offer.providerId}))`
          : eq(availabilityExceptions.offerId, offerId),
        gte(availabilityExceptions.endsOn, warsawDate(now)),
      ),
    );
  const today = warsawDate(now);
  const horizon = Math.max(0, ...rules.map((r) => r.horizonDays));
  const last = warsawDate(addDays(now, horizon));
  const horizonOf = new Map(rules.map((r) => [`rule:${r.id}`, addDays(now, r.horizonDays).getTime()]));
  const planned = expandAvailability({ rules, exceptions, from: today, to: last }).filter(
    (s) => s.startsAt >= now && s.startsAt.getTime() <= (horizonOf.get(s.sourceKey) ?? addDays(now, horizon).getTime()),
  );
  const existing = await db
    .select({ id: slots.id, sourceKey: slots.sourceKey, startsAt: slots.startsAt, booked: slots.booked, closedAt: slots.closedAt })
    .from(slots)
    .where(and(eq(slots.offerId, offerId), gte(slots.startsAt, now)));
  const key = (s: { sourceKey: string; startsAt: Date }) => `${s.sourceKey}@${s.startsAt.getTime()}`;
  const plannedKeys = new Set(planned.map(key));
  const stale = existing.filter((s) => !plannedKeys.has(key(s)));
  const toDelete = stale.filter((s) => s.booked === 0).map((s) => s.id);
  const toClose = stale.filter((s) => s.booked > 0 && !s.closedAt).map((s) => s.id);
  for (let i = 0; i < toDelete.length; i += BATCH) await db.delete(slots).where(inArray(slots.id, toDelete.slice(i, i + BATCH)));
  if (toClose.length) await db.update(slots).set({ closedAt: now }).where(inArray(slots.id, toClose));
  const existingKeys = new Set(existing.map(key));
  await upsertSlots(db, offer.cusId, planned);
  return { added: planned.filter((s) => !existingKeys.has(key(s))).length, removed: toDelete.length, closed: toClose.length };
}

async function upsertSlots(db: Database, cusId: string, planned: PlannedSlot[]) {
  for (let i = 0; i < planned.length; i += BATCH) {
    await db
      .insert(slots)
      .values(planned.slice(i, i + BATCH).map((s) => ({ ...s, cusId })))
      .onConflictDoUpdate({
        target: [slots.sourceKey, slots.startsAt],
        set: {
          endsAt: sql`excluded.ends_at`,
          capacity: sql`greatest(excluded.capacity, ${slots.booked})`,
          locationId: sql`excluded.location_id`,
          staffUserId: sql`excluded.staff_user_id`,
          wholeDay: sql`excluded.whole_day`,
          minNoticeMinutes: sql`excluded.min_notice_minutes`,
          closedAt: sql`null`,
        },
      });
  }
}

/** Rolls every offer's horizon forward (run daily by the worker, and after the demo seed). */
export async function extendAllHorizons(db: Database = getDb(), now = clock.now()) {
  const withRules = await db.selectDistinct({ offerId: availabilityRules.offerId }).from(availabilityRules).where(isNull(availabilityRules.archivedAt));
  let added = 0;
  for (const { offerId } of withRules) added += (await db.transaction((tx) => materialiseOfferSlots(tx, offerId, now))).added;
  return { offers: withRules.length, added };
}

export type SlotQuery = {
  /** Whose slots: a centre's (staff), one provider's, or the centre's own activities. */
  scope: Owner;
  from: Date;
  to: Date;
  offerId?: string;
  providerId?: string;
  filter?: CatalogueFilter;
  /** Only slots a coordinator could book now: open, with a free seat, after the minimum notice. */
  bookableOnly?: boolean;
  limit?: number;
  /** When "now" is (holds that have expired, notice); the portal's clock by default. */
  now?: Date;
};

export type SlotRow = Awaited<ReturnType<typeof computeFreeSlots>>[number];

/**
 * Free seats per slot: capacity minus active bookings minus unexpired holds, with the offer, provider and
 * place a calendar shows. One query for an offer, a provider or a search across the centre.
 */
export async function computeFreeSlots(query: SlotQuery, db: Database = getDb()) {
  const at = query.now ?? clock.now();
  const held = db
    .select({ slotId: slotHolds.slotId, count: sql<number>`count(*)::int`.as("held_count") })
    .from(slotHolds)
    .where(gt(slotHolds.expiresAt, at))
    .groupBy(slotHolds.slotId)
    .as("held");
  const conditions: SQL[] = [gte(slots.startsAt, query.from), lt(slots.startsAt, query.to)];
  if (query.scope.cusId) conditions.push(eq(slots.cusId, query.scope.cusId), ...catalogueConditions(query.filter ?? {}));
  else conditions.push(eq(slots.providerId, query.scope.providerId!), isNull(offers.archivedAt));
  if (query.offerId) conditions.push(isUuid(query.offerId) ? eq(slots.offerId, query.offerId) : sql`false`);
  if (query.providerId) conditions.push(isUuid(query.providerId) ? eq(slots.providerId, query.providerId) : sql`false`);
  const free = sql<number>`(${slots.capacity} - ${slots.booked} - coalesce(${held.count}, 0))::int`;
  if (query.bookableOnly) {
    conditions.push(isNull(slots.closedAt), sql`${free} > 0`, sql`${slots.startsAt} >= ${at.toISOString()}::timestamptz + make_interval(mins => ${slots.minNoticeMinutes})`);
  }
  const rows = await db
    .select({
      slotId: slots.id,
      offerId: slots.offerId,
      offerName: offerRevisions.name,
      area: offerRevisions.area,
      unit: offerRevisions.unit,
      providerId: slots.providerId,
      providerName: providerOrganisations.name,
      locationName: locations.name,
      gminaName: locations.gminaName,
      staffUserId: slots.staffUserId,
      startsAt: slots.startsAt,
      endsAt: slots.endsAt,
      wholeDay: slots.wholeDay,
      capacity: slots.capacity,
      booked: slots.booked,
      held: sql<number>`coalesce(${held.count}, 0)::int`,
      free,
      closed: sql<boolean>`${slots.closedAt} is not null`,
    })
    .from(slots)
    .innerJoin(offers, eq(offers.id, slots.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, sql`coalesce(${offers.publishedRevisionId}, ${offers.workingRevisionId})`))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, slots.providerId))
    .leftJoin(locations, eq(locations.id, slots.locationId))
    .leftJoin(held, eq(held.slotId, slots.id))
    .where(and(...conditions))
    .orderBy(asc(slots.startsAt), asc(offerRevisions.name))
    .limit(query.limit ?? 2000);
  return rows;
}

/** One slot with its free seats, if the caller may see it (a provider its own, staff their centre's). */
export async function getSlotDetail(slotId: string, scope: SlotQuery["scope"], db: Database = getDb()): Promise<SlotRow | { error: "not_found" | "forbidden" }> {
  if (!isUuid(slotId)) return { error: "not_found" };
  const [slot] = await db.select({ cusId: slots.cusId, providerId: slots.providerId, startsAt: slots.startsAt }).from(slots).where(eq(slots.id, slotId));
  if (!slot) return { error: "not_found" };
  const allowed = scope.providerId ? slot.providerId === scope.providerId : slot.cusId === scope.cusId;
  if (!allowed) return { error: "forbidden" };
  const [row] = await computeFreeSlots(
    { scope: scope.providerId ? scope : { cusId: slot.cusId }, from: slot.startsAt, to: new Date(slot.startsAt.getTime() + 1), limit: 50 },
    db,
  ).then((rows) => rows.filter((r) => r.slotId === slotId));
  return row ?? { error: "not_found" };
}

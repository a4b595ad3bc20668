import { and, asc, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { availabilityExceptions, availabilityRules, locations, memberships, offerRevisions, offers } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import type { Actor } from "~/modules/kernel/actor";
import type { Owner } from "~/modules/kernel/owner";
import type { ExceptionInput, RuleInput } from "./availability-form";
import { warsawDate } from "~/modules/kernel/dates";
import { materialiseOfferSlots } from "./slots.server";
import { isUuid } from "~/modules/kernel/ids";
import { clock } from "~/modules/kernel/clock.server";

/** The revision a provider sees as the offer's current one: published, or the draft when never published. */
const currentRevisionId = sql`coalesce(${offers.publishedRevisionId}, ${offers.workingRevisionId})`;

function ownerCondition(owner: Owner) {
  return owner.providerId ? eq(offers.providerId, owner.providerId) : and(eq(offers.cusId, owner.cusId!), isNull(offers.providerId));
}

/** The owner's offers that can take availability (not archived), with their current name. */
export async function listPlannableOffers(owner: Owner, db: Database = getDb()) {
  return db
    .select({ id: offers.id, cusId: offers.cusId, name: offerRevisions.name, unit: offerRevisions.unit, locationIds: offerRevisions.locationIds, published: offers.publishedRevisionId })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, currentRevisionId))
    .where(and(ownerCondition(owner), isNull(offers.archivedAt)))
    .orderBy(asc(offerRevisions.name));
}

async function ownedOffer(db: Database, owner: Owner, offerId: string) {
  if (!isUuid(offerId)) return null;
  const [offer] = await db.select().from(offers).where(and(eq(offers.id, offerId), ownerCondition(owner), isNull(offers.archivedAt)));
  return offer ?? null;
}

async function ownsPlace(db: Database, owner: Owner, locationId: string | null) {
  if (locationId === null) return true;
  const [place] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.id, locationId), owner.providerId ? eq(locations.providerId, owner.providerId) : eq(locations.cusId, owner.cusId!)));
  return !!place;
}

/** A named staff member must belong to the provider's team. */
async function ownsStaff(db: Database, owner: Owner, userId: string | null) {
  if (userId === null) return true;
  if (!owner.providerId || !isUuid(userId)) return false;
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.providerId, owner.providerId), isNull(memberships.revokedAt)));
  return !!member;
}

export type CapacityResult = { ok: true; id: string; added: number; closed: number } | { ok: false; reason: "not_found" | "forbidden_place" | "forbidden_staff" };

/** Adds a weekly window and materialises its slots at once, in one transaction. */
export async function createAvailabilityRule(input: { owner: Owner; rule: RuleInput; actor: Actor }, db: Database = getDb()): Promise<CapacityResult> {
  return db.transaction(async (tx) => {
    const offer = await ownedOffer(tx, input.owner, input.rule.offerId);
    if (!offer) return { ok: false as const, reason: "not_found" as const };
    if (!(await ownsPlace(tx, input.owner, input.rule.locationId))) return { ok: false as const, reason: "forbidden_place" as const };
    if (!(await ownsStaff(tx, input.owner, input.rule.staffUserId))) return { ok: false as const, reason: "forbidden_staff" as const };
    const [row] = await tx
      .insert(availabilityRules)
      .values({ ...input.rule, slotMinutes: input.rule.kind === "day" ? null : input.rule.slotMinutes, cusId: offer.cusId, providerId: offer.providerId, createdBy: input.actor.userId })
      .returning();
    const result = await materialiseOfferSlots(tx, offer.id);
    await recordAudit(tx, input.actor, { cusId: offer.cusId, action: "availability.created", entityType: "availability_rule", entityId: row!.id, after: input.rule });
    return { ok: true as const, id: row!.id, added: result.added, closed: result.closed };
  });
}

/** Ends a window: its future empty slots go, booked ones stay closed for the provider to handle. */
export async function archiveAvailabilityRule(input: { owner: Owner; ruleId: string; actor: Actor }, db: Database = getDb()): Promise<CapacityResult> {
  if (!isUuid(input.ruleId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [rule] = await tx.select().from(availabilityRules).where(eq(availabilityRules.id, input.ruleId));
    if (!rule || !(await ownedOffer(tx, input.owner, rule.offerId))) return { ok: false as const, reason: "not_found" as const };
    await tx.update(availabilityRules).set({ archivedAt: clock.now() }).where(eq(availabilityRules.id, rule.id));
    const result = await materialiseOfferSlots(tx, rule.offerId);
    await recordAudit(tx, input.actor, { cusId: rule.cusId, action: "availability.archived", entityType: "availability_rule", entityId: rule.id });
    return { ok: true as const, id: rule.id, added: 0, closed: result.closed };
  });
}

/** Records a closure or an extra opening and rematerialises every offer it touches. */
export async function createAvailabilityException(
  input: { owner: Owner; exception: ExceptionInput; actor: Actor },
  db: Database = getDb(),
): Promise<CapacityResult> {
  return db.transaction(async (tx) => {
    const e = input.exception;
    let cusId: string;
    let offerIds: string[];
    if (e.offerId) {
      const offer = await ownedOffer(tx, input.owner, e.offerId);
      if (!offer) return { ok: false as const, reason: "not_found" as const };
      cusId = offer.cusId;
      offerIds = [offer.id];
    } else {
      // A provider-wide closure: every offer of the provider (in each centre it works with).
      if (!input.owner.providerId) return { ok: false as const, reason: "not_found" as const };
      const own = await tx.select({ id: offers.id, cusId: offers.cusId }).from(offers).where(and(eq(offers.providerId, input.owner.providerId), isNull(offers.archivedAt)));
      if (own.length === 0) return { ok: false as const, reason: "not_found" as const };
      cusId = own[0]!.cusId;
      offerIds = own.map((o) => o.id);
    }
    if (!(await ownsPlace(tx, input.owner, e.locationId))) return { ok: false as const, reason: "forbidden_place" as const };
    const centres = e.offerId ? [cusId] : [...new Set((await tx.select({ cusId: offers.cusId }).from(offers).where(inArray(offers.id, offerIds))).map((o) => o.cusId))];
    let firstId = "";
    for (const centre of centres) {
      const [row] = await tx
        .insert(availabilityExceptions)
        .values({ ...e, cusId: centre, providerId: input.owner.providerId ?? null, createdBy: input.actor.userId })
        .returning();
      firstId ||= row!.id;
      await recordAudit(tx, input.actor, { cusId: centre, action: `availability.${e.kind}`, entityType: "availability_exception", entityId: row!.id, after: e });
    }
    let added = 0;
    let closed = 0;
    for (const offerId of offerIds) {
      const r = await materialiseOfferSlots(tx, offerId);
      added += r.added;
      closed += r.closed;
    }
    return { ok: true as const, id: firstId, added, closed };
  });
}

/** Removes a closure or opening (the slots it took away come back, the ones it added go). */
export async function deleteAvailabilityException(input: { owner: Owner; exceptionId: string; actor: Actor }, db: Database = getDb()): Promise<CapacityResult> {
  if (!isUuid(input.exceptionId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(availabilityExceptions).where(eq(availabilityExceptions.id, input.exceptionId));
    const mine = e && (input.owner.providerId ? e.providerId === input.owner.providerId : e.cusId === input.owner.cusId && e.providerId === null);
    if (!e || !mine) return { ok: false as const, reason: "not_found" as const };
    await tx.delete(availabilityExceptions).where(eq(availabilityExceptions.id, e.id));
    const affected = e.offerId
      ? [e.offerId]
      : (await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.providerId, e.providerId!), eq(offers.cusId, e.cusId)))).map((o) => o.id);
    let closed = 0;
    for (const offerId of affected) closed += (await materialiseOfferSlots(tx, offerId)).closed;
    await recordAudit(tx, input.actor, { cusId: e.cusId, action: "availability.exception_removed", entityType: "availability_exception", entityId: e.id, before: e });
    return { ok: true as const, id: e.id, added: 0, closed };
  });
}

/** The owner's current windows and the closures/openings that are not over yet. */
export async function listAvailability(owner: Owner, db: Database = getDb()) {
  const rules = await db
    .select({ rule: availabilityRules, offerName: offerRevisions.name, locationName: locations.name })
    .from(availabilityRules)
    .innerJoin(offers, eq(offers.id, availabilityRules.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, currentRevisionId))
    .leftJoin(locations, eq(locations.id, availabilityRules.locationId))
    .where(and(ownerCondition(owner), isNull(availabilityRules.archivedAt)))
    .orderBy(asc(offerRevisions.name), asc(availabilityRules.startTime));
  const exceptions = await db
    .select({ exception: availabilityExceptions, offerName: offerRevisions.name })
    .from(availabilityExceptions)
    .leftJoin(offers, eq(offers.id, availabilityExceptions.offerId))
    .leftJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .where(
      and(
        owner.providerId ? eq(availabilityExceptions.providerId, owner.providerId) : and(eq(availabilityExceptions.cusId, owner.cusId!), isNull(availabilityExceptions.providerId)),
        gte(availabilityExceptions.endsOn, warsawDate(clock.now())),
      ),
    )
    .orderBy(asc(availabilityExceptions.startsOn), desc(availabilityExceptions.createdAt));
  return { rules, exceptions };
}

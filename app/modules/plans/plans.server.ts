import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { applications, bookings, centres, familyLinks, planMembers, locations, offerRevisions, offers, planGoals, planItems, plans, planVersions, providerOrganisations, residents } from "@db/schema";
import { auditForeignAttempt, recordAudit } from "~/modules/kernel/audit.server";
import { cancelBooking } from "~/modules/booking/changes.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { getT, isLocale } from "~/utils/i18n";
import { addDays } from "~/modules/kernel/dates";
import { coveredPeople, planCoversResident } from "./coverage";
import { firstReviewDate, maxUnitsUnderLimit, type GoalInput, type PlanInput, type PlanItemInput } from "./plan-form";
import { isUuid } from "~/modules/kernel/ids";
import type { Actor } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";


/** Records an application (wniosek) for a resident of the centre. */
export async function recordApplication(
  input: { cusId: string; residentId: string; applicantKind: string; applicantName: string | null; needs: string; receivedOn: string; actor: Actor },
  db: Database = getDb(),
) {
  return db.transaction(async (tx) => {
    const [resident] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.id, input.residentId), eq(residents.cusId, input.cusId)));
    if (!resident) return { ok: false as const, reason: "not_found" as const };
    const [row] = await tx
      .insert(applications)
      .values({ cusId: input.cusId, residentId: input.residentId, applicantKind: input.applicantKind, applicantName: input.applicantName, needs: input.needs, receivedOn: input.receivedOn, coordinatorUserId: input.actor.userId })
      .returning();
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "application.recorded", entityType: "application", entityId: row!.id, after: { applicantKind: input.applicantKind, receivedOn: input.receivedOn } });
    return { ok: true as const, applicationId: row!.id };
  });
}

/** Starts a draft plan for a resident (from an application, or as a follow-on of a previous plan). */
export async function createPlan(
  input: { cusId: string; residentId: string; applicationId: string | null; content: PlanInput; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true; planId: string } | { ok: false; reason: "not_found" | "application" | "previous" }> {
  return db.transaction(async (tx) => {
    const [resident] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.id, input.residentId), eq(residents.cusId, input.cusId)));
    if (!resident) return { ok: false as const, reason: "not_found" as const };
    if (input.content.previousPlanId) {
      const [previous] = await tx.select({ id: plans.id }).from(plans).where(and(eq(plans.id, input.content.previousPlanId), eq(plans.residentId, input.residentId)));
      if (!previous) return { ok: false as const, reason: "previous" as const };
    }
    if (input.applicationId) {
      // Only this resident's application in this centre can lead to the plan.
      const [application] = await tx.select({ id: applications.id }).from(applications).where(and(eq(applications.id, input.applicationId), eq(applications.cusId, input.cusId), eq(applications.residentId, input.residentId)));
      if (!application) return { ok: false as const, reason: "application" as const };
    }
    const [plan] = await tx
      .insert(plans)
      .values({
        cusId: input.cusId,
        residentId: input.residentId,
        applicationId: input.applicationId,
        previousPlanId: input.content.previousPlanId,
        isFamilyPlan: input.content.isFamilyPlan,
        coordinatorUserId: input.actor.userId,
        validFrom: input.content.validFrom,
        validTo: input.content.validTo,
        firstReviewOn: firstReviewDate(input.content.validFrom),
      })
      .returning();
    if (input.applicationId) {
      await tx.update(applications).set({ outcome: "ipus", decidedAt: clock.now() }).where(and(eq(applications.id, input.applicationId), eq(applications.cusId, input.cusId)));
    }
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "plan.created", entityType: "plan", entityId: plan!.id, after: input.content });
    return { ok: true as const, planId: plan!.id };
  });
}

async function planInCentre(db: Database, planId: string, cusId: string) {
  if (!isUuid(planId)) return null;
  const [plan] = await db.select().from(plans).where(and(eq(plans.id, planId), eq(plans.cusId, cusId)));
  return plan ?? null;
}

/** Why a change to the plan's content was refused. */
export type PlanChangeRefusal = "not_found" | "closed" | "reason_required";

/**
 * Changes to an approved or active plan are modifications: the content before the change is kept as a
 * readable version with the coordinator's reason, and the plan's version number goes up. A draft changes freely.
 */
async function beginChange(
  tx: Database,
  input: { cusId: string; planId: string; reason?: string | null; actor: Actor },
  // Checked under the plan's lock and before a version is kept, so a refused change leaves no trace.
  precondition?: (plan: typeof plans.$inferSelect) => Promise<boolean>,
) {
  if (!isUuid(input.planId)) return { ok: false as const, reason: "not_found" as const };
  const [plan] = await tx.select().from(plans).where(and(eq(plans.id, input.planId), eq(plans.cusId, input.cusId))).for("update");
  if (!plan) return { ok: false as const, reason: "not_found" as const };
  if (plan.status === "completed" || plan.status === "terminated") return { ok: false as const, reason: "closed" as const };
  if (precondition && !(await precondition(plan))) return { ok: false as const, reason: "not_found" as const };
  if (plan.status === "draft") return { ok: true as const, plan };
  const reason = input.reason?.trim() ?? "";
  if (reason.length < 5) return { ok: false as const, reason: "reason_required" as const };
  await snapshotVersion(tx, plan, reason, input.actor);
  return { ok: true as const, plan: { ...plan, version: plan.version + 1 } };
}

async function snapshotVersion(tx: Database, plan: typeof plans.$inferSelect, reason: string, actor: Actor) {
  const content = await loadPlanContent(tx, plan.id);
  const snapshot: PlanSnapshot = { plan: { validFrom: plan.validFrom, validTo: plan.validTo, status: plan.status, isFamilyPlan: plan.isFamilyPlan }, ...content };
  await tx.insert(planVersions).values({ planId: plan.id, number: plan.version, reason, snapshot, createdBy: actor.userId });
  await tx.update(plans).set({ version: plan.version + 1 }).where(eq(plans.id, plan.id));
  await recordAudit(tx, actor, { cusId: plan.cusId, action: "plan.modified", entityType: "plan", entityId: plan.id, after: { reason, version: plan.version + 1 } });
}

export async function addGoal(input: { cusId: string; planId: string; goal: GoalInput; reason?: string | null; actor: Actor }, db: Database = getDb()) {
  return db.transaction(async (tx) => {
    const change = await beginChange(tx, input);
    if (!change.ok) return change;
    const [goal] = await tx.insert(planGoals).values({ planId: change.plan.id, ...input.goal }).returning();
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "plan.goal_added", entityType: "plan", entityId: change.plan.id, after: input.goal });
    return { ok: true as const, goalId: goal!.id };
  });
}

export type PlanItemRefusal = PlanChangeRefusal | "offer" | "outside_plan" | { limit: number };

/**
 * Adds a service to the plan: a published offer of the centre, inside the plan's period, within the
 * offer's per-resident limit. Adding to an approved or active plan is a modification and needs a reason.
 */
export async function addPlanItem(
  input: { cusId: string; planId: string; item: PlanItemInput; reason?: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true; itemId: string } | { ok: false; reason: PlanItemRefusal }> {
  const plan = await planInCentre(db, input.planId, input.cusId);
  if (!plan) return { ok: false, reason: "not_found" };
  if (plan.status === "completed" || plan.status === "terminated") return { ok: false, reason: "closed" };
  const [offer] = await db
    .select({ offer: offers, revision: offerRevisions })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .where(and(eq(offers.id, input.item.offerId), eq(offers.cusId, input.cusId), isNull(offers.archivedAt)));
  if (!offer) return { ok: false, reason: "offer" };
  if (input.item.validFrom < plan.validFrom || input.item.validTo > plan.validTo) return { ok: false, reason: "outside_plan" };
  const max = maxUnitsUnderLimit(offer.revision, input.item.validFrom, input.item.validTo);
  if (max !== null && input.item.units > max) return { ok: false, reason: { limit: max } };
  const locationId = input.item.locationId && offer.revision.locationIds.includes(input.item.locationId) ? input.item.locationId : (offer.revision.locationIds[0] ?? null);
  return db.transaction(async (tx) => {
    const change = await beginChange(tx, input);
    if (!change.ok) return change;
    const [item] = await tx
      .insert(planItems)
      .values({ planId: plan.id, offerId: offer.offer.id, providerId: offer.offer.providerId, locationId, units: input.item.units, frequency: input.item.frequency, validFrom: input.item.validFrom, validTo: input.item.validTo })
      .returning();
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "plan.item_added", entityType: "plan", entityId: plan.id, after: input.item });
    return { ok: true as const, itemId: item!.id };
  });
}

/**
 * Takes a service out of the plan. Its future visits are cancelled (the resident and the provider are told
 * why); delivered visits stay, as they are what settlement pays for.
 */
export async function removePlanItem(
  input: { cusId: string; planId: string; itemId: string; reason?: string | null; actor: Actor; now?: Date },
  db: Database = getDb(),
): Promise<{ ok: true; cancelledVisits: number } | { ok: false; reason: PlanChangeRefusal }> {
  if (!isUuid(input.itemId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const change = await beginChange(tx, input, async (plan) => {
      const [found] = await tx.select({ id: planItems.id }).from(planItems).where(and(eq(planItems.id, input.itemId), eq(planItems.planId, plan.id), isNull(planItems.removedAt)));
      return !!found;
    });
    if (!change.ok) return change;
    const [item] = await tx
      .update(planItems)
      .set({ removedAt: input.now ?? clock.now() })
      .where(and(eq(planItems.id, input.itemId), eq(planItems.planId, change.plan.id), isNull(planItems.removedAt)))
      .returning();
    if (!item) return { ok: false as const, reason: "not_found" as const };
    const future = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.planItemId, item.id), eq(bookings.status, "active"), gt(bookings.startsAt, input.now ?? clock.now())));
    // The visits' cancellation reason reaches the resident and the provider: in Polish, the centre's language.
    const why = input.reason?.trim() || getT("pl")("plans.itemRemovedReason");
    for (const booking of future) {
      await cancelBooking({ bookingId: booking.id, scope: { cusId: input.cusId }, by: "coordinator", reason: why, actor: input.actor, now: input.now }, tx);
    }
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "plan.item_removed", entityType: "plan", entityId: change.plan.id, after: { itemId: item.id, cancelledVisits: future.length } });
    return { ok: true as const, cancelledVisits: future.length };
  });
}

/** The director (or an authorised organiser) approves a draft plan; the first review is set three months on. */
export async function approvePlan(input: { cusId: string; planId: string; actor: Actor; baseUrl?: string }, db: Database = getDb()) {
  return db.transaction(async (tx) => {
    const [plan] = await tx.select().from(plans).where(and(eq(plans.id, input.planId), eq(plans.cusId, input.cusId))).for("update");
    if (!plan) return { ok: false as const, reason: "not_found" as const };
    if (plan.status !== "draft") return { ok: false as const, reason: "not_draft" as const };
    const items = await tx.select({ id: planItems.id }).from(planItems).where(and(eq(planItems.planId, plan.id), isNull(planItems.removedAt)));
    if (items.length === 0) return { ok: false as const, reason: "empty" as const };
    await tx.update(plans).set({ status: "approved", approvedBy: input.actor.userId, approvedAt: clock.now() }).where(eq(plans.id, plan.id));
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "plan.approved", entityType: "plan", entityId: plan.id });
    const [person] = await tx.select().from(residents).where(eq(residents.id, plan.residentId));
    const [centre] = await tx.select({ name: centres.name }).from(centres).where(eq(centres.id, plan.cusId));
    if (person?.email && person.contactPreference !== "do_not_contact") {
      const content = await loadPlanContent(tx, plan.id);
      const locale = isLocale(person.preferredLanguage) ? person.preferredLanguage : "pl";
      await enqueueEmail(
        tx,
        { to: person.email, template: "plan-approved", props: { locale, centreName: centre?.name ?? "", residentName: person.firstName, validFrom: plan.validFrom, validTo: plan.validTo, services: content.items.map((i) => `${i.offerName} – ${i.frequency}`), planUrl: `${input.baseUrl ?? ""}/me` } },
        { cusId: plan.cusId },
      );
    }
    return { ok: true as const };
  });
}

/** The plan's content as it was, stored with each version. */
export type PlanSnapshot = {
  plan: { validFrom: string; validTo: string; status: string; isFamilyPlan?: boolean };
  goals: { description: string; criteria: string }[];
  items: { offerName: string; unit: string; providerName: string | null; locationName: string | null; units: number; frequency: string; validFrom: string; validTo: string }[];
  /** Family members covered by a family plan (versions stored before family plans had members lack it). */
  members?: { residentId: string; name: string }[];
};

/** One earlier version of a plan of the centre, readable as it was. */
export async function getPlanVersion(cusId: string, planId: string, number: number, db: Database = getDb()) {
  const plan = await planInCentre(db, planId, cusId);
  // Versions are numbered from 1; anything else from a URL simply does not exist.
  if (!plan || !Number.isInteger(number) || number < 1 || number > 1_000_000) return null;
  const [version] = await db.select().from(planVersions).where(and(eq(planVersions.planId, plan.id), eq(planVersions.number, number)));
  if (!version) return null;
  const [resident] = await db.select({ firstName: residents.firstName, lastName: residents.lastName }).from(residents).where(eq(residents.id, plan.residentId));
  return { plan, resident: resident!, version: { number: version.number, reason: version.reason, createdAt: version.createdAt }, snapshot: version.snapshot as PlanSnapshot };
}


/**
 * Adds a family member to a family plan. Only relatives recorded on the resident's record can be added;
 * on an approved plan this is a modification with a reason, like any other change of content.
 */
export async function addPlanMember(
  input: { cusId: string; planId: string; residentId: string; reason?: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: PlanChangeRefusal | "not_family_plan" | "not_related" | "already_member" }> {
  if (!isUuid(input.residentId)) return { ok: false, reason: "not_related" };
  const plan = await planInCentre(db, input.planId, input.cusId);
  if (!plan) return { ok: false, reason: "not_found" };
  if (!plan.isFamilyPlan) return { ok: false, reason: "not_family_plan" };
  const [link] = await db.select({ id: familyLinks.id }).from(familyLinks).where(and(eq(familyLinks.residentId, plan.residentId), eq(familyLinks.relatedResidentId, input.residentId)));
  if (!link) return { ok: false, reason: "not_related" };
  return db.transaction(async (tx) => {
    const change = await beginChange(tx, input, async () => {
      const [member] = await tx.select({ id: planMembers.residentId }).from(planMembers).where(and(eq(planMembers.planId, plan.id), eq(planMembers.residentId, input.residentId)));
      return !member;
    });
    if (!change.ok) return change.reason === "not_found" ? { ok: false as const, reason: "already_member" as const } : change;
    await tx.insert(planMembers).values({ planId: plan.id, residentId: input.residentId });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "plan.member_added", entityType: "plan", entityId: plan.id, after: { residentId: input.residentId } });
    return { ok: true as const };
  });
}

export async function removePlanMember(input: { cusId: string; planId: string; residentId: string; reason?: string | null; actor: Actor }, db: Database = getDb()) {
  if (!isUuid(input.residentId)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction(async (tx) => {
    const change = await beginChange(tx, input, async (plan) => {
      const [member] = await tx.select({ id: planMembers.residentId }).from(planMembers).where(and(eq(planMembers.planId, plan.id), eq(planMembers.residentId, input.residentId)));
      return !!member;
    });
    if (!change.ok) return change;
    const removed = await tx.delete(planMembers).where(and(eq(planMembers.planId, change.plan.id), eq(planMembers.residentId, input.residentId))).returning();
    if (removed.length === 0) return { ok: false as const, reason: "not_found" as const };
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "plan.member_removed", entityType: "plan", entityId: change.plan.id, after: { residentId: input.residentId } });
    return { ok: true as const };
  });
}

async function loadPlanContent(db: Database, planId: string) {
  const members = await db
    .select({ residentId: residents.id, firstName: residents.firstName, lastName: residents.lastName })
    .from(planMembers)
    .innerJoin(residents, eq(residents.id, planMembers.residentId))
    .where(eq(planMembers.planId, planId))
    .orderBy(asc(residents.lastName), asc(residents.firstName));
  const goals = await db.select().from(planGoals).where(eq(planGoals.planId, planId)).orderBy(asc(planGoals.sortOrder), asc(planGoals.description));
  const items = await db
    .select({ item: planItems, offerName: offerRevisions.name, unit: offerRevisions.unit, providerName: providerOrganisations.name, locationName: locations.name })
    .from(planItems)
    .innerJoin(offers, eq(offers.id, planItems.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, planItems.providerId))
    .leftJoin(locations, eq(locations.id, planItems.locationId))
    .where(and(eq(planItems.planId, planId), isNull(planItems.removedAt)))
    .orderBy(asc(planItems.validFrom));
  return {
    goals,
    items: items.map((i) => ({ ...i.item, offerName: i.offerName, unit: i.unit, providerName: i.providerName, locationName: i.locationName })),
    members: members.map((m) => ({ residentId: m.residentId, name: `${m.firstName} ${m.lastName}` })),
  };
}

/** A plan with its goals, items and earlier versions, if it belongs to the centre. */
export async function getPlan(cusId: string, planId: string, db: Database = getDb()) {
  const plan = await planInCentre(db, planId, cusId);
  if (!plan) return null;
  const [resident] = await db.select().from(residents).where(eq(residents.id, plan.residentId));
  const content = await loadPlanContent(db, plan.id);
  const versions = await db.select().from(planVersions).where(eq(planVersions.planId, plan.id)).orderBy(desc(planVersions.number));
  return { plan, resident: resident!, ...content, versions };
}

/**
 * A plan as a person reads it (its page, its printed copy): personal data, so the read is audited. A plan of
 * another centre is "not found", and the attempt is audited in the centre it belongs to.
 */
export async function readPlan(cusId: string, planId: string, reader: { actor: Actor; action: "plan.read" | "plan.printed" }, db: Database = getDb()) {
  const found = await getPlan(cusId, planId, db);
  if (!found) {
    await auditForeignAttempt(db, reader.actor, { table: plans, id: planId, entityType: "plan", action: reader.action });
    return null;
  }
  await recordAudit(db, reader.actor, { cusId, action: reader.action, entityType: "plan", entityId: found.plan.id });
  return found;
}

/** A plan read by a resident it covers (their own copy); any other plan is "not found", and the attempt is audited. */
export async function readPlanAsResident(cusId: string, planId: string, residentId: string, actor: Actor, db: Database = getDb()) {
  const [covering] = await db.select({ id: plans.id }).from(plans).where(and(eq(plans.id, planId), eq(plans.cusId, cusId), planCoversResident(residentId)));
  if (!covering) {
    await auditForeignAttempt(db, actor, { table: plans, id: planId, entityType: "plan", action: "plan.printed" });
    return null;
  }
  return readPlan(cusId, planId, { actor, action: "plan.printed" }, db);
}

/** The plans that cover a resident: their own and family plans they are a member of, newest first. */
export async function listResidentPlans(residentId: string, db: Database = getDb()) {
  if (!isUuid(residentId)) return [];
  return db
    .select({ id: plans.id, status: plans.status, validFrom: plans.validFrom, validTo: plans.validTo, isFamilyPlan: plans.isFamilyPlan, residentId: plans.residentId, firstName: residents.firstName, lastName: residents.lastName })
    .from(plans)
    .innerJoin(residents, eq(residents.id, plans.residentId))
    .where(planCoversResident(residentId))
    .orderBy(desc(plans.validFrom));
}

/** The resident's applications, newest first, with the 30-day deadline for preparing a plan. */
export async function listApplications(cusId: string, residentId: string, db: Database = getDb()) {
  const rows = await db
    .select()
    .from(applications)
    .where(and(eq(applications.cusId, cusId), eq(applications.residentId, residentId)))
    .orderBy(desc(applications.receivedOn));
  return rows.map((a) => ({ ...a, planDueOn: planDueOn(a.receivedOn) }));
}

/** A plan must be prepared within 30 days of the application. */
export const PLAN_DEADLINE_DAYS = 30;

export function planDueOn(receivedOn: string): string {
  return addDays(receivedOn, PLAN_DEADLINE_DAYS);
}

/** Draft plans with at least one item, waiting for the director's approval. */
export async function listPlansAwaitingApproval(cusId: string, db: Database = getDb()) {
  return db
    .select({ id: plans.id, validFrom: plans.validFrom, validTo: plans.validTo, firstName: residents.firstName, lastName: residents.lastName, createdAt: plans.createdAt })
    .from(plans)
    .innerJoin(residents, eq(residents.id, plans.residentId))
    .where(and(eq(plans.cusId, cusId), eq(plans.status, "draft"), sql`exists (select 1 from ${planItems} i where i.plan_id = ${plans.id} and i.removed_at is null)`))
    .orderBy(asc(plans.createdAt));
}

/** One plan item with its plan, if the plan belongs to the centre (for the booking page). */
export async function getPlanItem(cusId: string, itemId: string, db: Database = getDb()) {
  if (!isUuid(itemId)) return null;
  const [row] = await db
    .select({ item: planItems, plan: plans, offerName: offerRevisions.name, firstName: residents.firstName, lastName: residents.lastName })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .innerJoin(residents, eq(residents.id, plans.residentId))
    .innerJoin(offers, eq(offers.id, planItems.offerId))
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .where(and(eq(planItems.id, itemId), eq(plans.cusId, cusId), isNull(planItems.removedAt)));
  return row ?? null;
}

/** Everyone a plan covers, the person it was made for first (whom a family plan's visit can be booked for). */
export async function listPlanPeople(planId: string, db: Database = getDb()) {
  const [plan] = await db.select({ residentId: plans.residentId, firstName: residents.firstName, lastName: residents.lastName }).from(plans).innerJoin(residents, eq(residents.id, plans.residentId)).where(eq(plans.id, planId));
  if (!plan) return [];
  const { members } = await loadPlanContent(db, planId);
  return [{ residentId: plan.residentId, name: `${plan.firstName} ${plan.lastName}` }, ...members];
}

/** The resident's current plan (approved or active, latest first) with goals and services, for their own page. */
export async function getCurrentPlanForResident(residentId: string, db: Database = getDb()) {
  const [plan] = await db
    .select()
    .from(plans)
    .where(and(planCoversResident(residentId), sql`${plans.status} in ('approved','active')`))
    .orderBy(desc(plans.validFrom))
    .limit(1);
  if (!plan) return null;
  return { plan, ...(await loadPlanContent(db, plan.id)) };
}

/** approved → active (the resident has agreed and services start); active → completed or terminated, with a summary. */
export async function changePlanStatus(
  input: { cusId: string; planId: string; to: "active" | "completed" | "terminated"; summary: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "transition" | "summary_required" }> {
  const allowed: Record<string, string[]> = { active: ["approved"], completed: ["active", "approved"], terminated: ["active", "approved"] };
  if (input.to !== "active" && !(input.summary && input.summary.trim().length >= 10)) return { ok: false, reason: "summary_required" };
  return db.transaction(async (tx) => {
    const [plan] = await tx.select().from(plans).where(and(eq(plans.id, input.planId), eq(plans.cusId, input.cusId))).for("update");
    if (!plan) return { ok: false as const, reason: "not_found" as const };
    if (!allowed[input.to]!.includes(plan.status)) return { ok: false as const, reason: "transition" as const };
    await tx
      .update(plans)
      .set(input.to === "active" ? { status: "active" } : { status: input.to, closingSummary: input.summary!.trim(), closedAt: clock.now() })
      .where(eq(plans.id, plan.id));
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: `plan.${input.to}`, entityType: "plan", entityId: plan.id, after: { from: plan.status, to: input.to, summary: input.summary } });
    return { ok: true as const };
  });
}

/**
 * Plan items of approved or active plans for this offer that cover the day: who could take a slot of it.
 * A family plan gives one row per person it covers.
 */
export async function listPlanItemsForOffer(cusId: string, offerId: string, day: string, db: Database = getDb()) {
  const covering = and(
    eq(plans.cusId, cusId),
    eq(planItems.offerId, offerId),
    isNull(planItems.removedAt),
    sql`${plans.status} in ('approved','active')`,
    sql`${planItems.validFrom} <= ${day} and ${planItems.validTo} >= ${day}`,
  );
  const covered = await db
    .select({ itemId: planItems.id, planId: plans.id, residentId: residents.id, firstName: residents.firstName, lastName: residents.lastName, frequency: planItems.frequency })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .innerJoin(sql`${coveredPeople} covered`, sql`covered.plan_id = ${plans.id}`)
    .innerJoin(residents, sql`${residents.id} = covered.resident_id`)
    .where(covering);
  return covered
    .sort((a, b) => a.lastName.localeCompare(b.lastName, "pl") || a.firstName.localeCompare(b.firstName, "pl"))
    .map(({ firstName, lastName, ...row }) => ({ ...row, name: `${firstName} ${lastName}` }));
}

/** Closes an application without a plan: information given, a single service, or declined with a reason. */
export async function decideApplication(
  input: { cusId: string; applicationId: string; outcome: "information" | "single_service" | "declined"; declineReason: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "reason_required" | "decided" }> {
  if (input.outcome === "declined" && !input.declineReason?.trim()) return { ok: false, reason: "reason_required" };
  if (!isUuid(input.applicationId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [application] = await tx.select().from(applications).where(and(eq(applications.id, input.applicationId), eq(applications.cusId, input.cusId))).for("update");
    if (!application) return { ok: false as const, reason: "not_found" as const };
    if (application.outcome !== "pending") return { ok: false as const, reason: "decided" as const };
    const declineReason = input.outcome === "declined" ? input.declineReason!.trim() : null;
    await tx.update(applications).set({ outcome: input.outcome, declineReason, decidedAt: clock.now() }).where(eq(applications.id, application.id));
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "application.decided", entityType: "application", entityId: application.id, after: { outcome: input.outcome, declineReason } });
    return { ok: true as const };
  });
}

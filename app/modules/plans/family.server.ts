import { and, asc, eq, inArray, or } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { familyLinks, planMembers, plans, residents } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import { inverseRelation, type FamilyRelation } from "./family";
import { isUuid } from "~/modules/kernel/ids";
import type { Actor } from "~/modules/kernel/actor";


/** The resident's family as the centre has recorded it: each relative with how they are related. */
export async function listFamily(cusId: string, residentId: string, db: Database = getDb()) {
  if (!isUuid(residentId)) return [];
  return db
    .select({ residentId: residents.id, firstName: residents.firstName, lastName: residents.lastName, birthDate: residents.birthDate, relation: familyLinks.relation })
    .from(familyLinks)
    .innerJoin(residents, eq(residents.id, familyLinks.relatedResidentId))
    .where(and(eq(familyLinks.residentId, residentId), eq(residents.cusId, cusId)))
    .orderBy(asc(residents.lastName), asc(residents.firstName));
}

/**
 * Links two residents of the centre as family, both ways ("parent" on one side is "child" on the other).
 * Linking again changes the relation.
 */
export async function linkFamily(
  input: { cusId: string; residentId: string; relatedResidentId: string; relation: FamilyRelation; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "self" }> {
  if (!isUuid(input.residentId) || !isUuid(input.relatedResidentId)) return { ok: false, reason: "not_found" };
  if (input.residentId === input.relatedResidentId) return { ok: false, reason: "self" };
  return db.transaction(async (tx) => {
    const found = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.cusId, input.cusId), inArray(residents.id, [input.residentId, input.relatedResidentId])));
    if (found.length !== 2) return { ok: false as const, reason: "not_found" as const };
    const pairs = [
      { residentId: input.residentId, relatedResidentId: input.relatedResidentId, relation: input.relation },
      { residentId: input.relatedResidentId, relatedResidentId: input.residentId, relation: inverseRelation(input.relation) },
    ];
    for (const pair of pairs) {
      await tx.insert(familyLinks).values(pair).onConflictDoUpdate({ target: [familyLinks.residentId, familyLinks.relatedResidentId], set: { relation: pair.relation } });
    }
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "resident.family_linked", entityType: "resident", entityId: input.residentId, after: { relatedResidentId: input.relatedResidentId, relation: input.relation } });
    return { ok: true as const };
  });
}

/**
 * Removes a family link both ways. Refused while one of the two is covered by the other's open family plan:
 * they must first be taken off the plan (a modification with a reason), or they would keep seeing it.
 */
export async function unlinkFamily(
  input: { cusId: string; residentId: string; relatedResidentId: string; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "on_plan" }> {
  if (!isUuid(input.residentId) || !isUuid(input.relatedResidentId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [own] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.id, input.residentId), eq(residents.cusId, input.cusId)));
    if (!own) return { ok: false as const, reason: "not_found" as const };
    const [shared] = await tx
      .select({ planId: plans.id })
      .from(planMembers)
      .innerJoin(plans, eq(plans.id, planMembers.planId))
      .where(
        and(
          inArray(plans.status, ["draft", "approved", "active"]),
          or(
            and(eq(plans.residentId, input.residentId), eq(planMembers.residentId, input.relatedResidentId)),
            and(eq(plans.residentId, input.relatedResidentId), eq(planMembers.residentId, input.residentId)),
          ),
        ),
      );
    if (shared) return { ok: false as const, reason: "on_plan" as const };
    await tx
      .delete(familyLinks)
      .where(
        or(
          and(eq(familyLinks.residentId, input.residentId), eq(familyLinks.relatedResidentId, input.relatedResidentId)),
          and(eq(familyLinks.residentId, input.relatedResidentId), eq(familyLinks.relatedResidentId, input.residentId)),
        ),
      );
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "resident.family_unlinked", entityType: "resident", entityId: input.residentId, after: { relatedResidentId: input.relatedResidentId } });
    return { ok: true as const };
  });
}

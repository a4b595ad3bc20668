import { and, asc, desc, eq, isNull, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { billingMonths, copayRules, copayRuleVersions, offerRevisions, offers, packageOffers, residentReliefs, servicePackages, type ReliefKind } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isUuid } from "~/modules/kernel/ids";
import { rowsOf } from "~/modules/kernel/rows.server";
import type { RuleTerms } from "./copay-engine";
import { reliefsOf, type NewRuleInput, type RuleVersionInput } from "./rule-form";

/*
 * Co-payment rules as data. A rule says what it covers (one offer, a package of the programme, or every offer of
 * a statutory area); its versions say what is charged, each citing the council's resolution and in force from
 * its date. A version is never changed: a new resolution is a new version. The most specific rule wins
 * (offer, then package, then area); of its versions, the latest one in force on the visit's day.
 */

export type RuleRefusal = "not_found" | "closed_month" | "duplicate_date" | "scope";

/**
 * The rule version in force for an offer on a day, as a SQL expression (used inside the booking statement, so a
 * booking records it in the same statement that takes the seat). `cusId`, `offerId` and `day` are SQL values.
 */
export function ruleVersionInForce(cusId: SQL, offerId: SQL, day: SQL): SQL {
  return sql`(select v.id from ${copayRuleVersions} v join ${copayRules} r on r.id = v.rule_id
    where r.cus_id = ${cusId} and v.valid_from <= ${day}
      and (r.offer_id = ${offerId}
        or (r.scope = 'package' and exists (select 1 from ${packageOffers} po where po.package_id = r.package_id and po.offer_id = ${offerId}))
        or (r.scope = 'area' and r.area = (select rv.area from ${offers} o join ${offerRevisions} rv on rv.id = o.published_revision_id where o.id = ${offerId})))
    order by case r.scope when 'offer' then 0 when 'package' then 1 else 2 end, v.valid_from desc, v.version desc
    limit 1)`;
}

export async function findRuleVersionId(cusId: string, offerId: string, day: string, db: Database = getDb()): Promise<string | null> {
  const [row] = await rowsOf<{ id: string | null }>(db, sql`select ${ruleVersionInForce(sql`${cusId}::uuid`, sql`${offerId}::uuid`, sql`${day}::date`)}::text as id`);
  return row?.id ?? null;
}

export type RuleVersion = typeof copayRuleVersions.$inferSelect;

export function termsOf(v: RuleVersion): RuleTerms {
  return {
    method: v.method,
    flatGrosze: v.flatGrosze,
    percentBp: v.percentBp,
    freeUnits: v.freeUnits,
    freeUnitsPer: v.freeUnitsPer,
    monthlyCapGrosze: v.monthlyCapGrosze,
    chargeNoShow: v.chargeNoShow,
    chargeLateCancellation: v.chargeLateCancellation,
    reliefs: v.reliefs,
  };
}

export async function getRuleVersion(id: string, db: Database = getDb()): Promise<RuleVersion | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(copayRuleVersions).where(eq(copayRuleVersions.id, id));
  return row ?? null;
}

/** Whether a month (its first day) is closed: its statements are issued and it is never rewritten. */
export async function isMonthClosed(cusId: string, day: string, db: Database = getDb()): Promise<boolean> {
  const [row] = await db.select({ month: billingMonths.month }).from(billingMonths).where(and(eq(billingMonths.cusId, cusId), eq(billingMonths.month, `${day.slice(0, 7)}-01`)));
  return !!row;
}

function versionValues(v: RuleVersionInput | NewRuleInput) {
  return {
    resolutionNumber: v.resolutionNumber,
    resolutionDate: v.resolutionDate,
    validFrom: v.validFrom,
    method: v.method,
    flatGrosze: v.method === "flat" ? v.flat : null,
    percentBp: v.method === "percent" ? v.percent : null,
    freeUnits: v.freeUnitsPer === "none" ? null : v.freeUnits,
    freeUnitsPer: v.freeUnitsPer === "none" ? null : v.freeUnitsPer,
    monthlyCapGrosze: v.monthlyCap > 0 ? v.monthlyCap : null,
    chargeNoShow: v.chargeNoShow,
    chargeLateCancellation: v.chargeLateCancellation,
    reliefs: reliefsOf(v as Record<string, unknown>),
  };
}

/** A new rule with its first version. Refused when it would start in a closed month, or covers nothing of ours. */
export async function createCopayRule(input: { cusId: string; rule: NewRuleInput; actor: Actor }, db: Database = getDb()): Promise<{ ok: true; ruleId: string } | { ok: false; reason: RuleRefusal }> {
  const { rule } = input;
  return db.transaction(async (tx) => {
    if (await isMonthClosed(input.cusId, rule.validFrom, tx)) return { ok: false as const, reason: "closed_month" as const };
    if (rule.scope === "offer") {
      const [offer] = await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.id, rule.offerId!), eq(offers.cusId, input.cusId)));
      if (!offer) return { ok: false as const, reason: "scope" as const };
    }
    if (rule.scope === "package") {
      const [pkg] = await tx.select({ id: servicePackages.id }).from(servicePackages).where(and(eq(servicePackages.id, rule.packageId!), eq(servicePackages.cusId, input.cusId)));
      if (!pkg) return { ok: false as const, reason: "scope" as const };
    }
    const [created] = await tx
      .insert(copayRules)
      .values({
        cusId: input.cusId,
        name: rule.name,
        scope: rule.scope,
        offerId: rule.scope === "offer" ? rule.offerId : null,
        packageId: rule.scope === "package" ? rule.packageId : null,
        area: rule.scope === "area" ? rule.area : null,
        createdBy: input.actor.userId,
      })
      .returning({ id: copayRules.id });
    const values = versionValues(rule);
    await tx.insert(copayRuleVersions).values({ ruleId: created!.id, cusId: input.cusId, version: 1, ...values, createdBy: input.actor.userId });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "copay_rule.created", entityType: "copay_rule", entityId: created!.id, after: { name: rule.name, scope: rule.scope, ...values } });
    return { ok: true as const, ruleId: created!.id };
  });
}

/** A new version of a rule (a new resolution). Earlier versions stay as they were, for the visits booked under them. */
export async function addRuleVersion(input: { cusId: string; version: RuleVersionInput; actor: Actor }, db: Database = getDb()): Promise<{ ok: true; versionId: string } | { ok: false; reason: RuleRefusal }> {
  const v = input.version;
  return db.transaction(async (tx) => {
    const [rule] = await tx.select().from(copayRules).where(and(eq(copayRules.id, v.ruleId), eq(copayRules.cusId, input.cusId))).for("update");
    if (!rule) return { ok: false as const, reason: "not_found" as const };
    if (await isMonthClosed(input.cusId, v.validFrom, tx)) return { ok: false as const, reason: "closed_month" as const };
    const existing = await tx.select({ version: copayRuleVersions.version, validFrom: copayRuleVersions.validFrom }).from(copayRuleVersions).where(eq(copayRuleVersions.ruleId, rule.id));
    if (existing.some((e) => e.validFrom === v.validFrom)) return { ok: false as const, reason: "duplicate_date" as const };
    const values = versionValues(v);
    const [created] = await tx
      .insert(copayRuleVersions)
      .values({ ruleId: rule.id, cusId: input.cusId, version: Math.max(0, ...existing.map((e) => e.version)) + 1, ...values, createdBy: input.actor.userId })
      .returning({ id: copayRuleVersions.id });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "copay_rule.version_added", entityType: "copay_rule", entityId: rule.id, after: values });
    return { ok: true as const, versionId: created!.id };
  });
}

/** The centre's rules with every version, newest first, and what each covers by name. */
export async function listCopayRules(cusId: string, db: Database = getDb()) {
  const rules = await db
    .select({
      id: copayRules.id,
      name: copayRules.name,
      scope: copayRules.scope,
      area: copayRules.area,
      offerId: copayRules.offerId,
      offerName: offerRevisions.name,
      packageName: servicePackages.name,
    })
    .from(copayRules)
    .leftJoin(offers, eq(offers.id, copayRules.offerId))
    .leftJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .leftJoin(servicePackages, eq(servicePackages.id, copayRules.packageId))
    .where(eq(copayRules.cusId, cusId))
    .orderBy(asc(copayRules.name));
  const versions = await db.select().from(copayRuleVersions).where(eq(copayRuleVersions.cusId, cusId)).orderBy(desc(copayRuleVersions.validFrom));
  return rules.map((r) => ({ ...r, versions: versions.filter((v) => v.ruleId === r.id) }));
}

/** Reliefs a resident holds on a day (valid, not revoked). */
export async function reliefsOnDay(residentId: string, day: string, db: Database = getDb()): Promise<ReliefKind[]> {
  const rows = await db
    .select({ kind: residentReliefs.kind })
    .from(residentReliefs)
    .where(and(eq(residentReliefs.residentId, residentId), isNull(residentReliefs.revokedAt), lte(residentReliefs.validFrom, day), sql`(${residentReliefs.validUntil} is null or ${residentReliefs.validUntil} >= ${day})`));
  return rows.map((r) => r.kind);
}

export async function listReliefs(cusId: string, residentId: string, db: Database = getDb()) {
  if (!isUuid(residentId)) return [];
  return db.select().from(residentReliefs).where(and(eq(residentReliefs.cusId, cusId), eq(residentReliefs.residentId, residentId))).orderBy(desc(residentReliefs.recordedAt));
}

/** Records a relief seen on a document (its number and issuer as evidence), valid until the document's date. */
export async function recordRelief(
  input: { cusId: string; residentId: string; kind: ReliefKind; evidence: string; validFrom: string; validUntil: string | null; actor: Actor; residentInCentre: boolean },
  db: Database = getDb(),
): Promise<{ ok: true; reliefId: string } | { ok: false; reason: "not_found" | "dates" }> {
  if (!input.residentInCentre) return { ok: false, reason: "not_found" };
  if (input.validUntil && input.validUntil < input.validFrom) return { ok: false, reason: "dates" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(residentReliefs)
      .values({ cusId: input.cusId, residentId: input.residentId, kind: input.kind, evidence: input.evidence, validFrom: input.validFrom, validUntil: input.validUntil, recordedBy: input.actor.userId })
      .returning({ id: residentReliefs.id });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "relief.recorded", entityType: "resident", entityId: input.residentId, after: { kind: input.kind, evidence: input.evidence, validFrom: input.validFrom, validUntil: input.validUntil } });
    return { ok: true as const, reliefId: row!.id };
  });
}

export async function revokeRelief(input: { cusId: string; reliefId: string; actor: Actor; now: Date }, db: Database = getDb()): Promise<boolean> {
  if (!isUuid(input.reliefId)) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(residentReliefs)
      .set({ revokedAt: input.now })
      .where(and(eq(residentReliefs.id, input.reliefId), eq(residentReliefs.cusId, input.cusId), isNull(residentReliefs.revokedAt)))
      .returning();
    if (!row) return false;
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "relief.revoked", entityType: "resident", entityId: row.residentId, before: { kind: row.kind, evidence: row.evidence } });
    return true;
  });
}

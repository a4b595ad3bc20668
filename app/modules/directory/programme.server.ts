import { and, asc, desc, eq, inArray, isNull, isNotNull } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { offerRevisions, offers, packageOffers, programmes, providerOrganisations, servicePackages } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import type { PackageInput, ProgrammeInput } from "./programme-form";
import type { Actor } from "~/modules/kernel/actor";
import { isUuid } from "~/modules/kernel/ids";

/**
 * Every programme of the centre (newest first), the chosen one's packages with their offers, and the
 * centre's published offers that can be put in a package.
 */
export async function getProgrammeOverview(cusId: string, programmeId: string | null, db: Database = getDb()) {
  const all = await db.select().from(programmes).where(eq(programmes.cusId, cusId)).orderBy(desc(programmes.validFrom));
  const chosen = (programmeId && all.find((p) => p.id === programmeId)) || all[0] || null;
  const packages = chosen
    ? await db.select().from(servicePackages).where(eq(servicePackages.programmeId, chosen.id)).orderBy(asc(servicePackages.name))
    : [];
  const links = packages.length
    ? await db.select().from(packageOffers).where(inArray(packageOffers.packageId, packages.map((p) => p.id)))
    : [];
  const offerRows = await db
    .select({ id: offers.id, name: offerRevisions.name, area: offerRevisions.area, providerName: providerOrganisations.name })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, offers.providerId))
    .where(and(eq(offers.cusId, cusId), isNull(offers.archivedAt), isNotNull(offers.publishedRevisionId)))
    .orderBy(asc(offerRevisions.area), asc(offerRevisions.name));
  return {
    programmes: all,
    programme: chosen,
    packages: packages.map((p) => ({ ...p, offerIds: links.filter((l) => l.packageId === p.id).map((l) => l.offerId) })),
    offers: offerRows,
  };
}

/** Records a new programme or corrects the one given; the change is audited with before and after. */
export async function saveProgramme(
  input: { cusId: string; programmeId: string | null; content: ProgrammeInput; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true; programmeId: string } | { ok: false; reason: "not_found" }> {
  return db.transaction(async (tx) => {
    if (input.programmeId) {
      if (!isUuid(input.programmeId)) return { ok: false as const, reason: "not_found" as const };
      const [before] = await tx.select().from(programmes).where(and(eq(programmes.id, input.programmeId), eq(programmes.cusId, input.cusId))).for("update");
      if (!before) return { ok: false as const, reason: "not_found" as const };
      await tx.update(programmes).set(input.content).where(eq(programmes.id, before.id));
      await recordAudit(tx, input.actor, { cusId: input.cusId, action: "programme.changed", entityType: "programme", entityId: before.id, before, after: input.content });
      return { ok: true as const, programmeId: before.id };
    }
    const [created] = await tx.insert(programmes).values({ cusId: input.cusId, ...input.content }).returning();
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "programme.created", entityType: "programme", entityId: created!.id, after: input.content });
    return { ok: true as const, programmeId: created!.id };
  });
}

/**
 * Creates or changes a package and sets its offers. Only the centre's own published, not archived
 * offers may be put in it, so a forged offer id from another centre is refused.
 */
export async function savePackage(
  input: { cusId: string; programmeId: string; packageId: string | null; content: PackageInput; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true; packageId: string } | { ok: false; reason: "not_found" | "foreign_offer" }> {
  if (!isUuid(input.programmeId) || (input.packageId && !isUuid(input.packageId))) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [programme] = await tx.select({ id: programmes.id }).from(programmes).where(and(eq(programmes.id, input.programmeId), eq(programmes.cusId, input.cusId)));
    if (!programme) return { ok: false as const, reason: "not_found" as const };
    const offerIds = [...new Set(input.content.offerIds)];
    if (offerIds.length) {
      const own = await tx
        .select({ id: offers.id })
        .from(offers)
        .where(and(inArray(offers.id, offerIds), eq(offers.cusId, input.cusId), isNull(offers.archivedAt), isNotNull(offers.publishedRevisionId)));
      if (own.length !== offerIds.length) return { ok: false as const, reason: "foreign_offer" as const };
    }
    const values = { name: input.content.name, description: input.content.description };
    let packageId: string;
    let before: { name: string; description: string | null; offerIds: string[] } | null = null;
    if (input.packageId) {
      const [existing] = await tx
        .select()
        .from(servicePackages)
        .where(and(eq(servicePackages.id, input.packageId), eq(servicePackages.programmeId, programme.id)))
        .for("update");
      if (!existing) return { ok: false as const, reason: "not_found" as const };
      const previous = await tx.select({ offerId: packageOffers.offerId }).from(packageOffers).where(eq(packageOffers.packageId, existing.id));
      before = { name: existing.name, description: existing.description, offerIds: previous.map((p) => p.offerId) };
      await tx.update(servicePackages).set(values).where(eq(servicePackages.id, existing.id));
      await tx.delete(packageOffers).where(eq(packageOffers.packageId, existing.id));
      packageId = existing.id;
    } else {
      const [created] = await tx.insert(servicePackages).values({ cusId: input.cusId, programmeId: programme.id, ...values }).returning();
      packageId = created!.id;
    }
    if (offerIds.length) await tx.insert(packageOffers).values(offerIds.map((offerId) => ({ packageId, offerId })));
    await recordAudit(tx, input.actor, {
      cusId: input.cusId,
      action: before ? "package.changed" : "package.created",
      entityType: "service_package",
      entityId: packageId,
      before,
      after: { ...values, offerIds },
    });
    return { ok: true as const, packageId };
  });
}

/** Removes a package (its offers stay in the base). */
export async function deletePackage(input: { cusId: string; packageId: string; actor: Actor }, db: Database = getDb()): Promise<{ ok: boolean }> {
  if (!isUuid(input.packageId)) return { ok: false };
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(servicePackages)
      .where(and(eq(servicePackages.id, input.packageId), eq(servicePackages.cusId, input.cusId)))
      .returning();
    if (!removed) return { ok: false };
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "package.deleted", entityType: "service_package", entityId: removed.id, before: { name: removed.name } });
    return { ok: true };
  });
}

/** Every package of the centre's programmes, by name (what a co-payment rule may cover). */
export async function listCentrePackages(cusId: string, db: Database = getDb()) {
  return db.select({ id: servicePackages.id, name: servicePackages.name }).from(servicePackages).where(eq(servicePackages.cusId, cusId)).orderBy(asc(servicePackages.name));
}

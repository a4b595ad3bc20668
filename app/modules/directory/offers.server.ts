import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centres, locations, offerRevisions, offers, providerOrganisations } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import type { OfferFormInput } from "./offer-form";
import type { PlaceInput } from "./place-form";
import { isVerifiedFor } from "./providers.server";
import type { Actor } from "~/modules/kernel/actor";
import { normaliseSearchText } from "~/modules/kernel/search-text";
import { isUuid } from "~/modules/kernel/ids";
import type { Owner } from "~/modules/kernel/owner";
import { clock } from "~/modules/kernel/clock.server";

export type OfferRevision = typeof offerRevisions.$inferSelect;

export function contentColumns(input: OfferFormInput) {
  const { price, ...rest } = input;
  return { ...rest, priceGrosze: price };
}

export async function searchTextFor(db: Database, providerId: string | null, content: { name: string; description: string; category: string | null }) {
  let providerName = "";
  if (providerId) {
    const [p] = await db.select({ name: providerOrganisations.name }).from(providerOrganisations).where(eq(providerOrganisations.id, providerId));
    providerName = p?.name ?? "";
  }
  return normaliseSearchText([content.name, content.category ?? "", content.description, providerName].join(" "));
}

type Found = { offer: typeof offers.$inferSelect } | { error: "not_found" | "forbidden" };

async function findInScope(db: Database, offerId: string, scope: Owner, lock = false): Promise<Found> {
  if (!isUuid(offerId)) return { error: "not_found" };
  const query = db.select().from(offers).where(eq(offers.id, offerId));
  const [offer] = lock ? await query.for("update") : await query;
  if (!offer) return { error: "not_found" };
  const allowed = scope.providerId ? offer.providerId === scope.providerId : offer.cusId === scope.cusId;
  return allowed ? { offer } : { error: "forbidden" };
}

function ownedBy(owner: Owner) {
  return owner.providerId ? eq(locations.providerId, owner.providerId) : and(eq(locations.cusId, owner.cusId!), isNull(locations.providerId));
}

/** The owner's places, for the offer form. */
export async function listLocations(owner: Owner, db: Database = getDb()) {
  return db.select().from(locations).where(ownedBy(owner)).orderBy(asc(locations.name));
}

export function toPlaceRow(p: typeof locations.$inferSelect) {
  return { id: p.id, name: p.name, address: `${p.street}, ${p.postalCode} ${p.city}`, gmina: p.gminaName, accessibility: p.accessibility };
}

/** Only the owner's own places may be attached to its offers (ids come from a form). */
export async function ownsLocations(owner: Owner, ids: string[], db: Database = getDb()) {
  if (ids.length === 0) return true;
  const rows = await db.select({ id: locations.id }).from(locations).where(and(ownedBy(owner), inArray(locations.id, ids)));
  return rows.length === new Set(ids).size;
}

export async function createLocation(owner: Owner, input: PlaceInput, actor: Actor, db: Database = getDb()) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(locations).values({ ...input, providerId: owner.providerId ?? null, cusId: owner.cusId ?? null }).returning();
    await recordAudit(tx, actor, { cusId: owner.cusId ?? null, action: "location.created", entityType: "location", entityId: row!.id, after: input });
    return row!;
  });
}

/** A new offer starts as a draft (revision 1) in one centre's base. */
export async function createOffer(
  input: { providerId: string; cusId: string; content: OfferFormInput; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true; offerId: string } | { ok: false; reason: "foreign_place" }> {
  return db.transaction(async (tx) => {
    if (!(await ownsLocations({ providerId: input.providerId }, input.content.locationIds, tx))) return { ok: false as const, reason: "foreign_place" as const };
    const [offer] = await tx.insert(offers).values({ cusId: input.cusId, providerId: input.providerId }).returning();
    const [revision] = await tx
      .insert(offerRevisions)
      .values({ offerId: offer!.id, number: 1, status: "draft", ...contentColumns(input.content), createdBy: input.actor.userId })
      .returning();
    await tx.update(offers).set({ workingRevisionId: revision!.id }).where(eq(offers.id, offer!.id));
    await recordAudit(tx, input.actor, {
      cusId: input.cusId,
      action: "offer.created",
      entityType: "offer",
      entityId: offer!.id,
      after: input.content,
    });
    return { ok: true as const, offerId: offer!.id };
  });
}

export type OfferChangeResult = { ok: true } | { ok: false; reason: "not_found" | "forbidden" | "under_review" | "not_submitted" | "not_verified" | "archived" | "foreign_place" };

/**
 * Saves the provider's changes. A draft or returned revision is edited in place; a published offer
 * gets a new working revision, so the published one stays visible until the new one is approved.
 */
export async function saveOfferChanges(
  input: { offerId: string; providerId: string; content: OfferFormInput; actor: Actor },
  db: Database = getDb(),
): Promise<OfferChangeResult> {
  return db.transaction(async (tx) => {
    const found = await findInScope(tx, input.offerId, { providerId: input.providerId }, true);
    if ("error" in found) return { ok: false as const, reason: found.error };
    const { offer } = found;
    if (offer.archivedAt) return { ok: false as const, reason: "archived" as const };
    const working = offer.workingRevisionId
      ? (await tx.select().from(offerRevisions).where(eq(offerRevisions.id, offer.workingRevisionId)))[0]
      : undefined;
    if (working?.status === "submitted") return { ok: false as const, reason: "under_review" as const };
    if (!(await ownsLocations({ providerId: input.providerId }, input.content.locationIds, tx))) return { ok: false as const, reason: "foreign_place" as const };
    const columns = contentColumns(input.content);
    let revisionId: string;
    if (working) {
      await tx.update(offerRevisions).set({ ...columns, status: "draft" }).where(eq(offerRevisions.id, working.id));
      revisionId = working.id;
    } else {
      const [{ next }] = (await tx
        .select({ next: sql<number>`coalesce(max(${offerRevisions.number}), 0) + 1` })
        .from(offerRevisions)
        .where(eq(offerRevisions.offerId, offer.id))) as [{ next: number }];
      const [created] = await tx
        .insert(offerRevisions)
        .values({ offerId: offer.id, number: Number(next), status: "draft", ...columns, createdBy: input.actor.userId })
        .returning();
      revisionId = created!.id;
      await tx.update(offers).set({ workingRevisionId: revisionId }).where(eq(offers.id, offer.id));
    }
    await recordAudit(tx, input.actor, {
      cusId: offer.cusId,
      action: "offer.changed",
      entityType: "offer",
      entityId: offer.id,
      before: working ? { revision: working.number } : null,
      after: input.content,
    });
    return { ok: true as const };
  });
}

/** The provider sends its working revision for the organiser's review. Only verified providers may. */
export async function submitOffer(input: { offerId: string; providerId: string; actor: Actor }, db: Database = getDb()): Promise<OfferChangeResult> {
  return db.transaction(async (tx) => {
    const found = await findInScope(tx, input.offerId, { providerId: input.providerId }, true);
    if ("error" in found) return { ok: false as const, reason: found.error };
    const { offer } = found;
    if (!(await isVerifiedFor(offer.cusId, input.providerId, tx))) return { ok: false as const, reason: "not_verified" as const };
    if (!offer.workingRevisionId) return { ok: false as const, reason: "not_submitted" as const };
    const [revision] = await tx
      .update(offerRevisions)
      .set({ status: "submitted", submittedAt: clock.now() })
      .where(and(eq(offerRevisions.id, offer.workingRevisionId), sql`${offerRevisions.status} in ('draft','returned')`))
      .returning();
    if (!revision) return { ok: false as const, reason: "under_review" as const };
    await recordAudit(tx, input.actor, {
      cusId: offer.cusId,
      action: "offer.submitted",
      entityType: "offer",
      entityId: offer.id,
      after: { revision: revision.number },
    });
    return { ok: true as const };
  });
}

/** The organiser publishes the submitted revision (the previous published one is kept as history) or returns it. */
export async function reviewOffer(
  input: { offerId: string; cusId: string; decision: "publish" | "return"; comment: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<OfferChangeResult | { ok: false; reason: "comment_required" }> {
  if (input.decision === "return" && !input.comment?.trim()) return { ok: false, reason: "comment_required" };
  return db.transaction(async (tx) => {
    const found = await findInScope(tx, input.offerId, { cusId: input.cusId }, true);
    if ("error" in found) return { ok: false as const, reason: found.error };
    const { offer } = found;
    const [revision] = offer.workingRevisionId
      ? await tx.select().from(offerRevisions).where(eq(offerRevisions.id, offer.workingRevisionId))
      : [];
    if (!revision || revision.status !== "submitted") return { ok: false as const, reason: "not_submitted" as const };
    const now = clock.now();
    if (input.decision === "return") {
      await tx
        .update(offerRevisions)
        .set({ status: "returned", reviewComment: input.comment!.trim(), reviewedAt: now, reviewedBy: input.actor.userId })
        .where(eq(offerRevisions.id, revision.id));
    } else {
      if (offer.publishedRevisionId) {
        await tx.update(offerRevisions).set({ status: "superseded" }).where(eq(offerRevisions.id, offer.publishedRevisionId));
      }
      await tx
        .update(offerRevisions)
        .set({ status: "published", reviewComment: input.comment?.trim() || null, reviewedAt: now, reviewedBy: input.actor.userId, searchText: await searchTextFor(tx, offer.providerId, revision) })
        .where(eq(offerRevisions.id, revision.id));
      await tx.update(offers).set({ publishedRevisionId: revision.id, workingRevisionId: null }).where(eq(offers.id, offer.id));
    }
    await recordAudit(tx, input.actor, {
      cusId: offer.cusId,
      action: input.decision === "publish" ? "offer.published" : "offer.returned",
      entityType: "offer",
      entityId: offer.id,
      after: { revision: revision.number, comment: input.comment },
    });
    return { ok: true as const };
  });
}

/** Takes an offer out of the base (provider or organiser); it leaves the public catalogue at once. */
export async function archiveOffer(input: { offerId: string; scope: Owner; actor: Actor }, db: Database = getDb()): Promise<OfferChangeResult> {
  return db.transaction(async (tx) => {
    const found = await findInScope(tx, input.offerId, input.scope, true);
    if ("error" in found) return { ok: false as const, reason: found.error };
    await tx.update(offers).set({ archivedAt: clock.now() }).where(eq(offers.id, found.offer.id));
    await recordAudit(tx, input.actor, {
      cusId: found.offer.cusId,
      action: "offer.archived",
      entityType: "offer",
      entityId: found.offer.id,
    });
    return { ok: true as const };
  });
}

/** One offer with every revision (newest first), for the provider's editor or the organiser's review. */
export async function getOfferDetail(offerId: string, scope: Owner, db: Database = getDb()) {
  const found = await findInScope(db, offerId, scope);
  if ("error" in found) return found;
  const revisions = await db.select().from(offerRevisions).where(eq(offerRevisions.offerId, offerId)).orderBy(desc(offerRevisions.number));
  const [centre] = await db.select({ name: centres.name }).from(centres).where(eq(centres.id, found.offer.cusId));
  const [provider] = found.offer.providerId
    ? await db.select({ id: providerOrganisations.id, name: providerOrganisations.name }).from(providerOrganisations).where(eq(providerOrganisations.id, found.offer.providerId))
    : [];
  return {
    offer: found.offer,
    centreName: centre?.name ?? "",
    provider: provider ?? null,
    working: revisions.find((r) => r.id === found.offer.workingRevisionId) ?? null,
    published: revisions.find((r) => r.id === found.offer.publishedRevisionId) ?? null,
    revisions,
  };
}

/** The provider's offers in every centre, with the state of their working and published revisions. */
export async function listProviderOffers(providerId: string, db: Database = getDb()) {
  const rows = await db
    .select({ offer: offers, revision: offerRevisions, centreName: centres.name })
    .from(offers)
    .innerJoin(centres, eq(centres.id, offers.cusId))
    .innerJoin(offerRevisions, eq(offerRevisions.offerId, offers.id))
    .where(and(eq(offers.providerId, providerId), isNull(offers.archivedAt)))
    .orderBy(asc(offers.createdAt), desc(offerRevisions.number));
  return summarise(rows);
}

/** The centre's published offers by name, for filters. */
export async function listCentreOfferNames(cusId: string, db: Database = getDb()) {
  return db
    .select({ id: offers.id, name: offerRevisions.name })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .where(and(eq(offers.cusId, cusId), isNull(offers.archivedAt)))
    .orderBy(asc(offerRevisions.name));
}

/** Offers waiting for the organiser of this centre. */
export async function listOffersForReview(cusId: string, db: Database = getDb()) {
  return db
    .select({ offerId: offers.id, name: offerRevisions.name, number: offerRevisions.number, submittedAt: offerRevisions.submittedAt, providerName: providerOrganisations.name })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.workingRevisionId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, offers.providerId))
    .where(and(eq(offers.cusId, cusId), eq(offerRevisions.status, "submitted"), isNull(offers.archivedAt)))
    .orderBy(asc(offerRevisions.submittedAt));
}

function summarise(rows: { offer: typeof offers.$inferSelect; revision: OfferRevision; centreName: string }[]) {
  const byOffer = new Map<string, { id: string; centreName: string; name: string; workingStatus: string | null; published: boolean; reviewComment: string | null }>();
  for (const { offer, revision, centreName } of rows) {
    const entry = byOffer.get(offer.id) ?? { id: offer.id, centreName, name: revision.name, workingStatus: null, published: !!offer.publishedRevisionId, reviewComment: null };
    if (revision.id === offer.workingRevisionId) {
      entry.workingStatus = revision.status;
      entry.name = revision.name;
      entry.reviewComment = revision.status === "returned" ? revision.reviewComment : null;
    } else if (revision.id === offer.publishedRevisionId && !offer.workingRevisionId) {
      entry.name = revision.name;
    }
    byOffer.set(offer.id, entry);
  }
  return [...byOffer.values()];
}

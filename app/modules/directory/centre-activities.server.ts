import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { offerRevisions, offers } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import type { OfferFormInput } from "./offer-form";
import { archiveOffer, contentColumns, ownsLocations, searchTextFor } from "./offers.server";
import type { Actor } from "~/modules/kernel/actor";
import { isUuid } from "~/modules/kernel/ids";
import { clock } from "~/modules/kernel/clock.server";

/*
 * Supporting activities (działania wspierające) are offers of the centre itself: no provider,
 * run by the community organiser. Being the centre's own, they need no verification by the
 * organiser: each save is published at once as a new revision, and earlier revisions stay as history.
 */

type Found = { offer: typeof offers.$inferSelect } | { error: "not_found" | "forbidden" };

async function findCentreActivity(db: Database, cusId: string, offerId: string, lock = false): Promise<Found> {
  if (!isUuid(offerId)) return { error: "not_found" };
  const query = db.select().from(offers).where(eq(offers.id, offerId));
  const [offer] = lock ? await query.for("update") : await query;
  if (!offer) return { error: "not_found" };
  return offer.cusId === cusId && offer.providerId === null ? { offer } : { error: "forbidden" };
}

/** The centre's own activities, newest first, with the published name. */
export async function listCentreActivities(cusId: string, db: Database = getDb()) {
  return db
    .select({ id: offers.id, name: offerRevisions.name, area: offerRevisions.area, number: offerRevisions.number, publishedAt: offerRevisions.reviewedAt, archivedAt: offers.archivedAt })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .where(and(eq(offers.cusId, cusId), isNull(offers.providerId)))
    .orderBy(sql`${offers.archivedAt} is not null`, asc(offerRevisions.name));
}

export async function getCentreActivity(cusId: string, offerId: string, db: Database = getDb()) {
  const found = await findCentreActivity(db, cusId, offerId);
  if ("error" in found) return found;
  const revisions = await db.select().from(offerRevisions).where(eq(offerRevisions.offerId, offerId)).orderBy(desc(offerRevisions.number));
  const current = revisions.find((r) => r.id === found.offer.publishedRevisionId) ?? revisions[0]!;
  return { offer: found.offer, current, revisions };
}

export type CentreActivityResult = { ok: true; offerId: string } | { ok: false; reason: "not_found" | "forbidden" | "foreign_place" | "archived" };

/** Creates or changes a supporting activity and publishes it (see the note at the top). */
export async function publishCentreActivity(
  input: { cusId: string; offerId: string | null; content: OfferFormInput; actor: Actor },
  db: Database = getDb(),
): Promise<CentreActivityResult> {
  return db.transaction(async (tx) => {
    if (!(await ownsLocations({ cusId: input.cusId }, input.content.locationIds, tx))) return { ok: false as const, reason: "foreign_place" as const };
    let offer: typeof offers.$inferSelect;
    if (input.offerId) {
      const found = await findCentreActivity(tx, input.cusId, input.offerId, true);
      if ("error" in found) return { ok: false as const, reason: found.error };
      if (found.offer.archivedAt) return { ok: false as const, reason: "archived" as const };
      offer = found.offer;
    } else {
      [offer] = (await tx.insert(offers).values({ cusId: input.cusId, providerId: null }).returning()) as [typeof offers.$inferSelect];
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${offerRevisions.number}), 0) + 1` })
      .from(offerRevisions)
      .where(eq(offerRevisions.offerId, offer.id))) as [{ next: number }];
    if (offer.publishedRevisionId) await tx.update(offerRevisions).set({ status: "superseded" }).where(eq(offerRevisions.id, offer.publishedRevisionId));
    const now = clock.now();
    const [revision] = await tx
      .insert(offerRevisions)
      .values({
        offerId: offer.id,
        number: Number(next),
        status: "published",
        ...contentColumns(input.content),
        isSupportingActivity: true,
        searchText: await searchTextFor(tx, null, input.content),
        createdBy: input.actor.userId,
        submittedAt: now,
        reviewedAt: now,
        reviewedBy: input.actor.userId,
      })
      .returning();
    await tx.update(offers).set({ publishedRevisionId: revision!.id, workingRevisionId: null }).where(eq(offers.id, offer.id));
    await recordAudit(tx, input.actor, {
      cusId: input.cusId,
      action: input.offerId ? "offer.published" : "offer.created",
      entityType: "offer",
      entityId: offer.id,
      after: { revision: revision!.number, supportingActivity: true, ...input.content },
    });
    return { ok: true as const, offerId: offer.id };
  });
}

/** Withdraws an activity from the catalogue; only the centre's own activities, never a provider's offer. */
export async function withdrawCentreActivity(input: { cusId: string; offerId: string; actor: Actor }, db: Database = getDb()) {
  const found = await findCentreActivity(db, input.cusId, input.offerId);
  if ("error" in found) return { ok: false as const, reason: found.error };
  return archiveOffer({ offerId: input.offerId, scope: { cusId: input.cusId }, actor: input.actor }, db);
}

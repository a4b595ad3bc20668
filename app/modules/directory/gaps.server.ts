import { and, eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centreGminas, locations, offerRevisions, offers } from "@db/schema";
import { publicOfferCondition } from "./catalogue.server";
import { statutoryAreas } from "./areas";

/**
 * Statutory areas with no published offer, in the centre and per gmina it serves. An offer covers a
 * gmina when delivered at a place there, or at home/online (the centre serves all its gminas).
 */
export async function findGaps(cusId: string, db: Database = getDb()) {
  const [published, gminas, places] = await Promise.all([
    db
      .select({ area: offerRevisions.area, deliveryModes: offerRevisions.deliveryModes, locationIds: offerRevisions.locationIds })
      .from(offers)
      .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
      .where(and(eq(offers.cusId, cusId), publicOfferCondition())),
    db.select({ name: centreGminas.name }).from(centreGminas).where(eq(centreGminas.cusId, cusId)),
    db.select({ id: locations.id, gmina: locations.gminaName }).from(locations),
  ]);
  const gminaOfPlace = new Map(places.map((p) => [p.id, p.gmina]));
  const coveredAreas = new Set(published.map((o) => o.area));
  const byGmina = gminas.map(({ name }) => {
    const covered = new Set(
      published
        .filter((o) => o.deliveryModes.some((m) => m === "home" || m === "online") || o.locationIds.some((id) => gminaOfPlace.get(id) === name))
        .map((o) => o.area),
    );
    return { gmina: name, missingAreas: statutoryAreas.filter((a) => !covered.has(a)) };
  });
  return { missingAreas: statutoryAreas.filter((a) => !coveredAreas.has(a)), byGmina };
}

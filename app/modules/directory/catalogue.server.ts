import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centreGminas, centreProviders, centres, locations, offerRevisions, offers, packageOffers, programmes, providerOrganisations, servicePackages } from "@db/schema";
import type { ProviderLegalForm } from "@db/schema/organisations";
import { readCatalogueQuery } from "./search-dictionary";
import { escapeLike } from "~/utils/sql-like";
import { isUuid } from "~/modules/kernel/ids";

export const CATALOGUE_PAGE_SIZE = 20;

export type CatalogueFilter = {
  q?: string;
  area?: number;
  packageId?: string;
  gmina?: string;
  mode?: string;
  target?: string;
  providerKind?: ProviderLegalForm | "centre";
  fee?: "free" | "paid";
  accessibility?: string;
  language?: string;
  sort?: "name" | "newest";
  page?: number;
};

/**
 * What the public may see: the published revision of an offer that is not archived, from a provider
 * verified by that centre (or the centre's own supporting activity).
 */
export function publicOfferCondition(): SQL {
  return and(
    isNull(offers.archivedAt),
    sql`${offers.publishedRevisionId} is not null`,
    or(
      isNull(offers.providerId),
      sql`exists (select 1 from ${centreProviders} cp where cp.cus_id = ${offers.cusId} and cp.provider_id = ${offers.providerId} and cp.status = 'verified')`,
    ),
  )!;
}

/** The catalogue filter as SQL conditions on offers, their published revision and provider (also used for slot search). */
export function catalogueConditions(filter: CatalogueFilter): SQL[] {
  const conditions: SQL[] = [publicOfferCondition()];
  const query = readCatalogueQuery(filter.q ?? "");
  const contains = (term: string) => sql`${offerRevisions.searchText} like ${`%${escapeLike(term)}%`}`;
  for (const group of query.groups) conditions.push(or(...group.map((terms) => and(...terms.map(contains))))!);
  // Typed, but nothing the catalogue can search for (an unknown Cyrillic word): nothing, never everything.
  if (query.groups.length === 0 && query.unknown.length > 0) conditions.push(sql`false`);
  if (filter.area) conditions.push(eq(offerRevisions.area, filter.area));
  if (filter.mode) conditions.push(sql`${filter.mode} = any(${offerRevisions.deliveryModes})`);
  if (filter.target) conditions.push(sql`${filter.target} = any(${offerRevisions.targetGroups})`);
  if (filter.language) conditions.push(sql`${filter.language} = any(${offerRevisions.languages})`);
  if (filter.fee === "free") conditions.push(eq(offerRevisions.feeLabel, "free"));
  if (filter.fee === "paid") conditions.push(sql`${offerRevisions.feeLabel} <> 'free'`);
  if (filter.providerKind === "centre") conditions.push(isNull(offers.providerId));
  else if (filter.providerKind) conditions.push(eq(providerOrganisations.legalForm, filter.providerKind));
  if (filter.packageId && isUuid(filter.packageId)) {
    conditions.push(sql`exists (select 1 from ${packageOffers} po where po.offer_id = ${offers.id} and po.package_id = ${filter.packageId})`);
  }
  if (filter.accessibility) {
    conditions.push(
      sql`exists (select 1 from ${locations} l where l.id = any(${offerRevisions.locationIds}) and ${filter.accessibility} = any(l.accessibility))`,
    );
  }
  if (filter.gmina) {
    // Delivered at a place in that gmina, or at home/online by a centre that serves it. Both
    // subqueries are uncorrelated, so PostgreSQL runs each once rather than once per offer.
    conditions.push(
      or(
        sql`${offerRevisions.locationIds} && array(select l.id from ${locations} l where l.gmina_name = ${filter.gmina})`,
        and(
          sql`${offerRevisions.deliveryModes} && array['home','online']::text[]`,
          sql`${offers.cusId} in (select g.cus_id from ${centreGminas} g where g.name = ${filter.gmina})`,
        ),
      )!,
    );
  }
  return conditions;
}

export async function searchCatalogue(filter: CatalogueFilter, db: Database = getDb()) {
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db
    .select({
      offerId: offers.id,
      name: offerRevisions.name,
      description: offerRevisions.description,
      area: offerRevisions.area,
      category: offerRevisions.category,
      deliveryModes: offerRevisions.deliveryModes,
      feeLabel: offerRevisions.feeLabel,
      unit: offerRevisions.unit,
      providerId: offers.providerId,
      providerName: providerOrganisations.name,
      centreName: centres.name,
      cusId: offers.cusId,
      /** Internal: shown only to the offer's own centre staff (the route strips it for everyone else). */
      priceGrosze: offerRevisions.priceGrosze,
      changePending: sql<boolean>`${offers.workingRevisionId} is not null`,
      total: sql<number>`count(*) over ()`,
    })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(centres, eq(centres.id, offers.cusId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, offers.providerId))
    .where(and(...catalogueConditions(filter)))
    .orderBy(...(filter.sort === "newest" ? [desc(offerRevisions.reviewedAt), asc(offers.id)] : [asc(offerRevisions.name), asc(offers.id)]))
    .limit(CATALOGUE_PAGE_SIZE)
    .offset((page - 1) * CATALOGUE_PAGE_SIZE);
  const total = Number(rows[0]?.total ?? 0);
  return { rows: rows.map(({ total: _t, ...r }) => r), total, page, pages: Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE)) };
}

/** Everything a catalogue filter form offers to choose from. */
export async function catalogueChoices(db: Database = getDb()) {
  const [gminas, packages] = await Promise.all([
    db.selectDistinct({ name: centreGminas.name }).from(centreGminas).orderBy(asc(centreGminas.name)),
    db
      .select({ id: servicePackages.id, name: servicePackages.name, centreName: centres.name })
      .from(servicePackages)
      .innerJoin(programmes, eq(programmes.id, servicePackages.programmeId))
      .innerJoin(centres, eq(centres.id, servicePackages.cusId))
      .orderBy(asc(servicePackages.name)),
  ]);
  return { gminas: gminas.map((g) => g.name), packages };
}

/** A published offer as the public sees it, or null. */
export async function getPublicOffer(offerId: string, db: Database = getDb()) {
  if (!isUuid(offerId)) return null;
  const [row] = await db
    .select({ offer: offers, revision: offerRevisions, provider: providerOrganisations, centre: centres })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(centres, eq(centres.id, offers.cusId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, offers.providerId))
    .where(and(eq(offers.id, offerId), publicOfferCondition()));
  if (!row) return null;
  const places = row.revision.locationIds.length
    ? await db.select().from(locations).where(inArray(locations.id, row.revision.locationIds)).orderBy(asc(locations.name))
    : [];
  const packages = await db
    .select({ id: servicePackages.id, name: servicePackages.name })
    .from(packageOffers)
    .innerJoin(servicePackages, eq(servicePackages.id, packageOffers.packageId))
    .where(eq(packageOffers.offerId, offerId));
  return { ...row, places, packages };
}

/** What centre staff see about a published offer beyond the public page: versions, review state, contacts. */
export async function getOfferInternals(offerId: string, db: Database = getDb()) {
  const [row] = await db
    .select({
      publishedNumber: offerRevisions.number,
      publishedAt: offerRevisions.reviewedAt,
      priceGrosze: offerRevisions.priceGrosze,
      workingStatus: sql<string | null>`(select w.status from ${offerRevisions} w where w.id = ${offers.workingRevisionId})`,
      providerStatus: centreProviders.status,
      contactPerson: providerOrganisations.contactPerson,
      phone: providerOrganisations.phone,
      nip: providerOrganisations.nip,
    })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, offers.providerId))
    .leftJoin(centreProviders, and(eq(centreProviders.cusId, offers.cusId), eq(centreProviders.providerId, offers.providerId)))
    .where(eq(offers.id, offerId));
  return row ?? null;
}

/** A provider's public page: only when verified by at least one centre, with its published offers. */
export async function getPublicProvider(providerId: string, db: Database = getDb()) {
  if (!isUuid(providerId)) return null;
  const [provider] = await db
    .select()
    .from(providerOrganisations)
    .where(
      and(
        eq(providerOrganisations.id, providerId),
        sql`exists (select 1 from ${centreProviders} cp where cp.provider_id = ${providerOrganisations.id} and cp.status = 'verified')`,
      ),
    );
  if (!provider) return null;
  const offerRows = await db
    .select({ offerId: offers.id, name: offerRevisions.name, area: offerRevisions.area, feeLabel: offerRevisions.feeLabel, centreName: centres.name })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(centres, eq(centres.id, offers.cusId))
    .where(and(eq(offers.providerId, providerId), publicOfferCondition()))
    .orderBy(asc(offerRevisions.name));
  const places = await db.select().from(locations).where(eq(locations.providerId, providerId)).orderBy(asc(locations.name));
  return { provider, offers: offerRows, places };
}

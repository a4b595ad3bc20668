import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centreGminas, centreProviders, centres, locations, offerRevisions, offers, providerOrganisations } from "@db/schema";
import { getT } from "~/utils/i18n";
import { deterministicUuid } from "~/utils/deterministic-id.server";
import { isUuid } from "~/modules/kernel/ids";
import { publicOfferCondition } from "./catalogue.server";
import { z } from "zod";
import { int, page } from "~/modules/kernel/input";

/**
 * Open data in Open Referral HSDS 3.0: services, organizations and service_at_locations, paged as the
 * HSDS API describes. Only published offers of verified providers (and the centres' own) appear.
 */
export const HSDS_MAX_PER_PAGE = 100;

export type Paged<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

function paged<T>(contents: T[], total: number, page: number, perPage: number): Paged<T> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return { total_items: total, total_pages: totalPages, page_number: page, size: contents.length, first_page: page === 1, last_page: page >= totalPages, empty: contents.length === 0, contents };
}

/** HSDS's paging parameters; anything out of range is the first page of 50. */
export const hsdsPaging = z.object({
  page: page(),
  per_page: int({ min: 1, max: HSDS_MAX_PER_PAGE }).catch(50).default(50),
}).transform((q) => ({ page: q.page, perPage: q.per_page }));

const t = getT("pl");

function addressOf(location: typeof locations.$inferSelect) {
  return {
    id: deterministicUuid("address", location.id),
    location_id: location.id,
    address_1: location.street,
    city: location.city,
    region: location.gminaName,
    state_province: "",
    postal_code: location.postalCode,
    country: "PL",
    address_type: "physical",
  };
}

function locationOf(location: typeof locations.$inferSelect) {
  return {
    id: location.id,
    location_type: "physical",
    name: location.name,
    addresses: [addressOf(location)],
    accessibility: location.accessibility.map((feature) => ({
      id: deterministicUuid("accessibility", location.id, feature),
      location_id: location.id,
      description: t(`accessibility.${feature}` as "accessibility.lift"),
    })),
  };
}

/** Published offers with their revision, provider and centre, under `condition`. */
function publishedServices(db: Database, condition: SQL | undefined) {
  return db
    .select({ offer: offers, revision: offerRevisions, provider: providerOrganisations, centre: centres })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .innerJoin(centres, eq(centres.id, offers.cusId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, offers.providerId))
    .where(condition);
}

async function publicRows(db: Database, page: number, perPage: number) {
  const [total] = await db
    .select({ n: count() })
    .from(offers)
    .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .where(publicOfferCondition());
  const rows = await publishedServices(db, publicOfferCondition())
    .orderBy(asc(offers.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  return { rows, total: total?.n ?? 0 };
}

async function locationsById(db: Database, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await db.select().from(locations).where(inArray(locations.id, unique)) : [];
  return new Map(rows.map((l) => [l.id, l]));
}

type PublicRow = Awaited<ReturnType<typeof publicRows>>["rows"][number];

export async function hsdsServices(page: number, perPage: number, db: Database = getDb()) {
  const { rows, total } = await publicRows(db, page, perPage);
  return paged(await serviceContents(db, rows), total, page, perPage);
}

/** One published service, as GET /services/{id} of HSDS's API gives it; null when there is none to show. */
export async function hsdsService(serviceId: string, db: Database = getDb()) {
  if (!isUuid(serviceId)) return null;
  const rows = await publishedServices(db, and(eq(offers.id, serviceId), publicOfferCondition()));
  return (await serviceContents(db, rows))[0] ?? null;
}

/**
 * What the resident pays, as HSDS cost options: a paid offer's price per unit as an amount (złoty, the open-data
 * format's decimal number); a partly paid one says the co-payment follows the centre's rules and income; a free
 * one says free. The price a centre pays a provider under contract is not published.
 */
function costOptions(offerId: string, r: PublicRow["revision"]) {
  const unit = t(`units.${r.unit}`);
  const option = t(`feeLabels.${r.feeLabel}`);
  const base = { id: deterministicUuid("cost", offerId), service_id: offerId, option, currency: "PLN" };
  if (r.feeLabel === "paid" && r.priceGrosze > 0) return [{ ...base, amount: r.priceGrosze / 100, amount_description: t("hsds.perUnit", { unit }) }];
  if (r.feeLabel === "partly_paid") return [{ ...base, amount_description: t("hsds.partlyPaid", { unit }) }];
  return [{ ...base, amount: 0, amount_description: t("hsds.free") }];
}

async function serviceContents(db: Database, rows: PublicRow[]) {
  const places = await locationsById(db, rows.flatMap((r) => r.revision.locationIds));
  const gminaRows = rows.length
    ? await db.select().from(centreGminas).where(inArray(centreGminas.cusId, [...new Set(rows.map((r) => r.offer.cusId))]))
    : [];
  return rows.map(({ offer, revision: r, provider, centre }) => {
    const organization = provider
      ? { id: provider.id, name: provider.name, description: provider.description ?? provider.name }
      : { id: centre.id, name: centre.name, description: centre.name };
    const feeText = t(`feeLabels.${r.feeLabel}`);
    return {
      id: offer.id,
      organization_id: organization.id,
      name: r.name,
      description: r.description,
      status: "active",
      email: provider?.email ?? centre.email,
      application_process: r.howToApply ?? t("catalogue.howToApplyDefault"),
      fees_description: feeText,
      eligibility_description: r.eligibility ?? undefined,
      last_modified: (r.reviewedAt ?? r.createdAt).toISOString(),
      organization,
      languages: r.languages.map((code) => ({ id: deterministicUuid("language", offer.id, code), service_id: offer.id, name: t(`languages.${code}` as "languages.pl"), code: code === "pjm" ? "pso" : code })),
      cost_options: costOptions(offer.id, r),
      required_documents: r.requiredDocuments ? [{ id: deterministicUuid("document", offer.id), service_id: offer.id, document: r.requiredDocuments }] : [],
      service_areas: gminaRows
        .filter((g) => g.cusId === offer.cusId)
        .map((g) => ({ id: deterministicUuid("area", offer.id, g.terytCode), service_id: offer.id, name: g.name, description: `TERYT ${g.terytCode}` })),
      attributes: [
        {
          id: deterministicUuid("attribute", offer.id, "area"),
          link_id: offer.id,
          link_type: "service",
          link_entity: "service",
          value: String(r.area),
          taxonomy_term: {
            id: deterministicUuid("taxonomy", "cus-area", String(r.area)),
            code: `CUS-${r.area}`,
            name: t(`areas.${r.area}` as "areas.1"),
            description: t(`areas.${r.area}` as "areas.1"),
            taxonomy: "Obszary usług społecznych (ustawa o CUS, art. 2)",
          },
        },
      ],
      service_at_locations: r.locationIds
        .map((id) => places.get(id))
        .filter((l): l is NonNullable<typeof l> => !!l)
        .map((l) => ({ id: deterministicUuid("sal", offer.id, l.id), service_id: offer.id, location_id: l.id, location: locationOf(l) })),
    };
  });
}

export async function hsdsServiceAtLocations(page: number, perPage: number, db: Database = getDb()) {
  // One row per (published offer, place); paged over that list.
  const { rows } = await publicRows(db, 1, 100_000);
  const pairs = rows.flatMap(({ offer, revision }) => revision.locationIds.map((locationId) => ({ offer, revision, locationId })));
  const slice = pairs.slice((page - 1) * perPage, page * perPage);
  const places = await locationsById(db, slice.map((p) => p.locationId));
  const contents = slice
    .filter((p) => places.has(p.locationId))
    .map(({ offer, revision, locationId }) => ({
      id: deterministicUuid("sal", offer.id, locationId),
      service_id: offer.id,
      location_id: locationId,
      description: revision.name,
      location: locationOf(places.get(locationId)!),
    }));
  return paged(contents, pairs.length, page, perPage);
}

export async function hsdsOrganizations(page: number, perPage: number, db: Database = getDb()) {
  const verified = sql`exists (select 1 from ${centreProviders} cp where cp.provider_id = ${providerOrganisations.id} and cp.status = 'verified')`;
  const [total] = await db.select({ n: count() }).from(providerOrganisations).where(verified);
  const rows = await db.select().from(providerOrganisations).where(and(verified)).orderBy(asc(providerOrganisations.id)).limit(perPage).offset((page - 1) * perPage);
  const contents = rows.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description ?? p.name,
    email: p.email,
    website: p.website ?? undefined,
    legal_status: t(`legalForms.${p.legalForm}`),
    tax_id: p.nip ?? undefined,
    logo: p.logoUrl ?? undefined,
    organization_identifiers: [
      ...(p.nip ? [{ id: deterministicUuid("orgid", p.id, "nip"), organization_id: p.id, identifier_type: "NIP", identifier: p.nip, identifier_scheme: "PL-NIP" }] : []),
      ...(p.regon ? [{ id: deterministicUuid("orgid", p.id, "regon"), organization_id: p.id, identifier_type: "REGON", identifier: p.regon, identifier_scheme: "PL-REGON" }] : []),
      ...(p.krs ? [{ id: deterministicUuid("orgid", p.id, "krs"), organization_id: p.id, identifier_type: "KRS", identifier: p.krs, identifier_scheme: "PL-KRS" }] : []),
    ],
    phones: p.phone ? [{ id: deterministicUuid("phone", p.id), organization_id: p.id, number: p.phone }] : [],
  }));
  return paged(contents, total?.n ?? 0, page, perPage);
}

/** The catalogue as CSV rows (header first). */
export async function catalogueCsvRows(db: Database = getDb()): Promise<string[][]> {
  const { rows } = await publicRows(db, 1, 100_000);
  const places = await locationsById(db, rows.flatMap((r) => r.revision.locationIds));
  const header = ["id", "nazwa", "obszar", "kategoria", "usługodawca", "centrum", "forma realizacji", "miejsca", "odpłatność", "jednostka", "języki", "grupy docelowe", "jak skorzystać"];
  return [
    header,
    ...rows.map(({ offer, revision: r, provider, centre }) => [
      offer.id,
      r.name,
      `${r.area}. ${t(`areas.${r.area}` as "areas.1")}`,
      r.category ?? "",
      provider?.name ?? centre.name,
      centre.name,
      r.deliveryModes.map((m) => t(`deliveryModes.${m}` as "deliveryModes.place")).join(", "),
      r.locationIds.map((id) => places.get(id)).filter(Boolean).map((l) => `${l!.name}, ${l!.street}, ${l!.postalCode} ${l!.city}`).join(" | "),
      t(`feeLabels.${r.feeLabel}`),
      t(`units.${r.unit}`),
      r.languages.map((l) => t(`languages.${l}` as "languages.pl")).join(", "),
      r.targetGroups.map((g) => t(`targetGroups.${g}` as "targetGroups.seniors")).join(", "),
      r.howToApply ?? "",
    ]),
  ];
}

import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { centres, providerOrganisations } from "./organisations";

export type { ProviderLegalForm } from "./organisations";

export const centreProviderStatuses = ["pending", "verified", "returned", "suspended"] as const;
export const centreProviderStatusEnum = pgEnum("centre_provider_status", centreProviderStatuses);

/** A provider's relationship with one centre (verification happens per centre). */
export const centreProviders = pgTable(
  "centre_providers",
  {
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providerOrganisations.id, { onDelete: "cascade" }),
    status: centreProviderStatusEnum("status").notNull().default("pending"),
    since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
    /** The organiser's reason when returning or suspending; the provider sees it. */
    reviewNote: text("review_note"),
    /** The provider's answer when it asks for verification again. */
    providerReply: text("provider_reply"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.cusId, t.providerId] }), index("centre_providers_provider").on(t.providerId)],
);

/** A place where a provider delivers services (HSDS location). */
export const locations = pgTable(
  "locations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    /** Set for the centre's own places (supporting activities). */
    cusId: uuid("cus_id").references(() => centres.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    street: text("street").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    gminaName: text("gmina_name").notNull(),
    accessibility: text("accessibility").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("locations_provider").on(t.providerId)],
);

export const offerUnits = ["hour", "session", "visit", "day", "ride", "month", "one_off"] as const;
export type OfferUnit = (typeof offerUnits)[number];
export const offerUnitEnum = pgEnum("offer_unit", offerUnits);
export const feeLabels = ["free", "partly_paid", "paid"] as const;
export type FeeLabel = (typeof feeLabels)[number];
export const feeLabelEnum = pgEnum("fee_label", feeLabels);
export const revisionStatuses = ["draft", "submitted", "returned", "published", "superseded"] as const;
export type RevisionStatus = (typeof revisionStatuses)[number];
export const revisionStatusEnum = pgEnum("offer_revision_status", revisionStatuses);

/**
 * An offer (usługa) in one centre's service base. Its content lives in revisions: the published one
 * is what the catalogue shows; a working one (draft, submitted or returned) is under change.
 */
export const offers = pgTable(
  "offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    /** Null for the centre's own supporting activities (działania wspierające). */
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    publishedRevisionId: uuid("published_revision_id"),
    workingRevisionId: uuid("working_revision_id"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("offers_cus_published").on(t.cusId, t.publishedRevisionId), index("offers_provider").on(t.providerId)],
);

export const offerRevisions = pgTable(
  "offer_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: revisionStatusEnum("status").notNull().default("draft"),
    name: text("name").notNull(),
    description: text("description").notNull(),
    /** Statutory area of social services, 1–14 (CUS Act, art. 2). */
    area: smallint("area").notNull(),
    category: text("category"),
    targetGroups: text("target_groups").array().notNull().default([]),
    eligibility: text("eligibility"),
    requiredDocuments: text("required_documents"),
    howToApply: text("how_to_apply"),
    deliveryModes: text("delivery_modes").array().notNull().default([]),
    groupMode: text("group_mode").notNull().default("individual"),
    languages: text("languages").array().notNull().default(["pl"]),
    unit: offerUnitEnum("unit").notNull(),
    typicalDurationMinutes: integer("typical_duration_minutes"),
    limitUnits: integer("limit_units"),
    limitPeriodMonths: integer("limit_period_months"),
    priceGrosze: integer("price_grosze").notNull().default(0),
    feeLabel: feeLabelEnum("fee_label").notNull().default("free"),
    isSupportingActivity: boolean("is_supporting_activity").notNull().default(false),
    locationIds: uuid("location_ids").array().notNull().default([]),
    /** Lower-case text without diacritics (ł → l too) for accent-insensitive search. */
    searchText: text("search_text").notNull().default(""),
    reviewComment: text("review_comment"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("offer_revisions_offer_number").on(t.offerId, t.number), index("offer_revisions_area").on(t.area)],
);

/** The centre's programme of social services (PUS): a council resolution. */
export const programmes = pgTable("programmes", {
  id: uuid("id").primaryKey().defaultRandom(),
  cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  resolutionNumber: text("resolution_number").notNull(),
  resolutionDate: date("resolution_date").notNull(),
  validFrom: date("valid_from").notNull(),
  validTo: date("valid_to").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const servicePackages = pgTable("service_packages", {
  id: uuid("id").primaryKey().defaultRandom(),
  cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
  programmeId: uuid("programme_id").notNull().references(() => programmes.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  description: text("description"),
});

export const packageOffers = pgTable(
  "package_offers",
  {
    packageId: uuid("package_id").notNull().references(() => servicePackages.id, { onDelete: "cascade" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.offerId] }), index("package_offers_offer").on(t.offerId)],
);

import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { locations, offers } from "./directory";
import { centres, providerOrganisations } from "./organisations";
import { users } from "./identity";

/*
 * A resident is found by any part of the name, without diacritics, in any order ("woz", "marian wozniak"), by
 * PESEL, document number or phone. The database keeps the folded forms itself (generated columns), so every
 * writer is covered; the folding is that of normaliseSearchText (app/modules/kernel/search-text.ts, which the
 * typed query goes through), written with translate() so it does not depend on the server's locale: letters
 * with diacritics and Cyrillic capitals are mapped explicitly, then ASCII is lower-cased.
 */
const foldFrom = "ĄĆĘŁŃÓŚŹŻąćęłńóśźżÁÀÂÄÃÅÇČĎÉÈÊËĚÍÌÎÏĽŇÑÒÔÖÕŘŠŤÚÙÛÜŮÝŸŽáàâäãåçčďéèêëěíìîïľňñòôöõřšťúùûüůýÿžАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЄІЇҐйёї";
const foldTo = "acelnoszzacelnoszzaaaaaaccdeeeeeiiiilnnoooorstuuuuuyyzaaaaaaccdeeeeeiiiilnnoooorstuuuuuyyzабвгдеежзииклмнопрстуфхцчшщъыьэюяєііґиеі";
if ([...foldFrom].length !== [...foldTo].length) throw new Error("residents: search folding tables differ in length");
const fold = (column: string) => `lower(translate(${column}, '${foldFrom}', '${foldTo}'))`;

/** A resident (mieszkaniec) of a centre. Personal data: store the minimum, show it only to those who need it. */
export const residents = pgTable(
  "residents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    pesel: text("pesel"),
    birthDate: date("birth_date"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    gminaName: text("gmina_name"),
    phone: text("phone"),
    email: text("email"),
    preferredLanguage: text("preferred_language").notNull().default("pl"),
    /** An identity document number for people without a PESEL (e.g. refugees). */
    documentNumber: text("document_number"),
    /** phone, email, letter, or do_not_contact. */
    contactPreference: text("contact_preference").notNull().default("phone"),
    accessNeeds: text("access_needs"),
    /** Disability certificate (orzeczenie): none, light, moderate, severe; and until when it is valid. */
    disabilityLevel: text("disability_level"),
    disabilityValidUntil: date("disability_valid_until"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** "marian wozniak": the name folded for search, its words split at spaces and punctuation. */
    searchName: text("search_name")
      .notNull()
      .generatedAlwaysAs(sql.raw(`btrim(regexp_replace(${fold("first_name || ' ' || last_name")}, '[[:punct:][:space:]]+', ' ', 'g'))`)),
    /** The phone's last nine digits ("+48 600 100 200" → "600100200"). */
    phoneDigits: text("phone_digits").generatedAlwaysAs(sql.raw(`nullif(right(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), 9), '')`)),
    /** The document number without spaces or dashes, upper-case. */
    documentKey: text("document_key").generatedAlwaysAs(sql.raw(`nullif(upper(regexp_replace(coalesce(document_number, ''), '[^0-9A-Za-z]', '', 'g')), '')`)),
  },
  (t) => [
    uniqueIndex("residents_cus_pesel").on(t.cusId, t.pesel).where(sql`${t.pesel} is not null`),
    index("residents_cus_name").on(t.cusId, t.lastName, t.firstName),
    index("residents_search_name").using("gin", t.searchName.op("gin_trgm_ops")),
    index("residents_cus_phone").on(t.cusId, t.phoneDigits),
    index("residents_cus_document").on(t.cusId, t.documentKey),
    uniqueIndex("residents_user").on(t.userId).where(sql`${t.userId} is not null`),
  ],
);

export { consentPurposes, type ConsentPurpose } from "./values";

/** Consent by purpose, with when and how it was given and withdrawn (RODO). */
export const residentConsents = pgTable(
  "resident_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    /** For `share_with_provider`: the named provider. */
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    method: text("method").notNull(),
    givenAt: timestamp("given_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("resident_consents_resident").on(t.residentId)],
);

/** Family links between residents (a family plan covers several people). */
export const familyLinks = pgTable(
  "family_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    relatedResidentId: uuid("related_resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    relation: text("relation").notNull(),
  },
  (t) => [uniqueIndex("family_links_pair").on(t.residentId, t.relatedResidentId)],
);

export const applicationOutcomes = ["pending", "information", "single_service", "ipus", "declined"] as const;
export type ApplicationOutcome = (typeof applicationOutcomes)[number];
export const applicationOutcomeEnum = pgEnum("application_outcome", applicationOutcomes);

/** An application (wniosek): who applied, what is needed, and what the centre decided. */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    /** resident, family, social_worker, institution, other */
    applicantKind: text("applicant_kind").notNull(),
    applicantName: text("applicant_name"),
    needs: text("needs").notNull(),
    receivedOn: date("received_on").notNull(),
    outcome: applicationOutcomeEnum("outcome").notNull().default("pending"),
    declineReason: text("decline_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    coordinatorUserId: uuid("coordinator_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("applications_cus_received").on(t.cusId, t.receivedOn)],
);

export const planStatuses = ["draft", "approved", "active", "completed", "terminated"] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const planStatusEnum = pgEnum("plan_status", planStatuses);

/**
 * An individual plan (IPUS) for a person or a family, 3 to 12 months. Its goals and items are the current
 * version; every modification stores the previous content in plan_versions with a reason.
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id").references(() => applications.id, { onDelete: "set null" }),
    previousPlanId: uuid("previous_plan_id"),
    isFamilyPlan: boolean("is_family_plan").notNull().default(false),
    coordinatorUserId: uuid("coordinator_user_id").references(() => users.id, { onDelete: "set null" }),
    status: planStatusEnum("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to").notNull(),
    firstReviewOn: date("first_review_on"),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    closingSummary: text("closing_summary"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("plans_cus_status").on(t.cusId, t.status),
    index("plans_resident").on(t.residentId),
    check("plans_period", sql`${t.validTo} >= (${t.validFrom} + interval '3 months' - interval '1 day')::date and ${t.validTo} <= (${t.validFrom} + interval '12 months')::date`),
  ],
);

export const planMembers = pgTable(
  "plan_members",
  {
    planId: uuid("plan_id").notNull().references(() => plans.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("plan_members_pair").on(t.planId, t.residentId)],
);

export const planGoals = pgTable("plan_goals", {
  id: uuid("id").primaryKey().defaultRandom(),
  planId: uuid("plan_id").notNull().references(() => plans.id, { onDelete: "cascade" }),
  description: text("description").notNull(),
  criteria: text("criteria").notNull(),
  sortOrder: smallint("sort_order").notNull().default(0),
});

/** One service in a plan: which offer, who delivers where, how much and how often, for which dates. */
export const planItems = pgTable(
  "plan_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id").notNull().references(() => plans.id, { onDelete: "cascade" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "restrict" }),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "restrict" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "set null" }),
    /** Units in the offer's unit (hours, sessions, visits…) over the item's dates. */
    units: integer("units").notNull(),
    /** How often, as people say it: "1 × w tygodniu", "co drugi wtorek". */
    frequency: text("frequency").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to").notNull(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plan_items_plan").on(t.planId), check("plan_items_units", sql`${t.units} >= 1`), check("plan_items_dates", sql`${t.validTo} >= ${t.validFrom}`)],
);

/** The plan as it was before each modification, readable later (goals and items as JSON). */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id").notNull().references(() => plans.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    reason: text("reason").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_versions_number").on(t.planId, t.number)],
);

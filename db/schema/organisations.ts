import { sql } from "drizzle-orm";
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { providerLegalForms } from "./values";

/*
 * The organisations everyone belongs to: centres (the tenants) and provider organisations. Kept apart from
 * identity and the directory, which both point here, so neither file has to import the other.
 */

export { providerLegalForms };

/** A centre (CUS) is the tenant: every tenant-owned row carries its id as `cus_id`. */
export const centres = pgTable("centres", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  email: text("email").notNull(),
  phone: text("phone"),
  street: text("street"),
  postalCode: text("postal_code"),
  city: text("city").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The gminas a centre serves; a joint (międzygminny) CUS serves several. */
export const centreGminas = pgTable(
  "centre_gminas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    terytCode: text("teryt_code").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("centre_gminas_cus_teryt").on(t.cusId, t.terytCode)],
);

export type ProviderLegalForm = (typeof providerLegalForms)[number];
export const providerLegalFormEnum = pgEnum("provider_legal_form", providerLegalForms);

/** Provider organisations are global: one provider may work for several centres. */
export const providerOrganisations = pgTable(
  "provider_organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    legalForm: providerLegalFormEnum("legal_form").notNull(),
    /** Finer kind inside the legal form, e.g. CIS, KIS, WTZ, ZAZ, DPS, ŚDS. */
    subtype: text("subtype"),
    nip: text("nip"),
    regon: text("regon"),
    krs: text("krs"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city").notNull(),
    gminaName: text("gmina_name"),
    contactPerson: text("contact_person"),
    phone: text("phone"),
    email: text("email").notNull(),
    website: text("website"),
    description: text("description"),
    logoUrl: text("logo_url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("provider_organisations_nip").on(t.nip).where(sql`${t.nip} is not null`)],
);


import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contracts } from "./contracts";
import { users } from "./identity";
import { centres } from "./organisations";

/*
 * Funding (montaż finansowy): the sources that pay for delivered units — gmina budget lines (by the budget
 * classification), EU projects, government programmes, and residents' co-payments — and each contract's split.
 */

export const fundingKinds = ["gmina_budget", "eu_project", "government_programme", "copayment"] as const;
export type FundingKind = (typeof fundingKinds)[number];

export const fundingSources = pgTable(
  "funding_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    kind: text("kind").$type<FundingKind>().notNull(),
    name: text("name").notNull(),
    /** Budget classification of a gmina line: dział / rozdział / paragraf (e.g. 852 / 85295 / 4300). */
    dzial: text("dzial"),
    rozdzial: text("rozdzial"),
    paragraf: text("paragraf"),
    /** An EU project's programme (e.g. FERS) and number; a government programme's name in `name`. */
    programme: text("programme"),
    projectNumber: text("project_number"),
    /** When spending is eligible (EU projects, government programmes). */
    eligibleFrom: date("eligible_from"),
    eligibleTo: date("eligible_to"),
    budgetGrosze: integer("budget_grosze"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("funding_sources_cus").on(t.cusId),
    check("funding_sources_classification", sql`${t.kind} <> 'gmina_budget' or (${t.dzial} is not null and ${t.rozdzial} is not null and ${t.paragraf} is not null)`),
    check("funding_sources_eligibility", sql`${t.eligibleTo} is null or ${t.eligibleFrom} is null or ${t.eligibleTo} >= ${t.eligibleFrom}`),
  ],
);

/** A contract's funding split from a day: per source a share or a fixed amount per unit, with a ceiling per period. */
export const contractFundingSplits = pgTable(
  "contract_funding_splits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id").notNull().references(() => contracts.id, { onDelete: "cascade" }),
    sourceId: uuid("source_id").notNull().references(() => fundingSources.id, { onDelete: "restrict" }),
    validFrom: date("valid_from").notNull(),
    /** Order of the source in the split: where a spill goes next. */
    position: smallint("position").notNull(),
    shareBp: integer("share_bp"),
    fixedPerUnitGrosze: integer("fixed_per_unit_grosze"),
    ceilingGrosze: integer("ceiling_grosze"),
    ceilingPeriod: text("ceiling_period").$type<"month" | "year" | "contract">(),
  },
  (t) => [
    uniqueIndex("contract_funding_splits_position").on(t.contractId, t.validFrom, t.position),
    check("contract_funding_splits_amount", sql`(${t.shareBp} is null) <> (${t.fixedPerUnitGrosze} is null) and (${t.shareBp} is null or ${t.shareBp} between 1 and 10000) and (${t.fixedPerUnitGrosze} is null or ${t.fixedPerUnitGrosze} > 0)`),
    check("contract_funding_splits_ceiling", sql`(${t.ceilingGrosze} is null) = (${t.ceilingPeriod} is null) and (${t.ceilingGrosze} is null or ${t.ceilingGrosze} > 0)`),
  ],
);

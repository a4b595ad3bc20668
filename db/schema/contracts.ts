import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { offers } from "./directory";
import { users } from "./identity";
import { centres, providerOrganisations } from "./organisations";

/*
 * Commissioning (zlecanie): a contract between the centre and a provider for one or more offers, with a tariff per
 * unit per offer (dated changes) and a volume pool over its period. Providers are paid for delivered, confirmed
 * units under it (settlements), and every unit is paid by the contract's funding split (db/schema/funding.ts).
 */

export const contractModes = [
  "open_call_support", // konkurs ofert — wspieranie
  "open_call_entrust", // konkurs ofert — powierzenie
  "tender", // przetarg
  "tender_social_clauses", // przetarg z klauzulami społecznymi
  "reserved_contract", // zamówienie zastrzeżone
  "below_threshold", // zamówienie poniżej progu
  "agreement", // porozumienie z innym podmiotem publicznym
  "own_unit", // jednostka własna centrum
] as const;
export type ContractMode = (typeof contractModes)[number];

export const contracts = pgTable(
  "contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").notNull().references(() => providerOrganisations.id, { onDelete: "restrict" }),
    number: text("number").notNull(),
    mode: text("mode").$type<ContractMode>().notNull(),
    signedOn: date("signed_on").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to").notNull(),
    /** The volume pool over the period: in units (hundredths) and/or in grosze; null for none. */
    poolUnitsHundredths: integer("pool_units_hundredths"),
    poolGrosze: integer("pool_grosze"),
    /** The organiser's permission to book past the pool. */
    overrunAllowed: boolean("overrun_allowed").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contracts_cus_number").on(t.cusId, t.number),
    index("contracts_provider").on(t.providerId),
    check("contracts_period", sql`${t.validTo} >= ${t.validFrom}`),
    check("contracts_pool", sql`(${t.poolUnitsHundredths} is null or ${t.poolUnitsHundredths} > 0) and (${t.poolGrosze} is null or ${t.poolGrosze} > 0)`),
  ],
);

/** The price the centre pays per unit of an offer under a contract, from a day (a change is a new row). */
export const contractTariffs = pgTable(
  "contract_tariffs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id").notNull().references(() => contracts.id, { onDelete: "cascade" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "restrict" }),
    unitPriceGrosze: integer("unit_price_grosze").notNull(),
    validFrom: date("valid_from").notNull(),
  },
  (t) => [uniqueIndex("contract_tariffs_from").on(t.contractId, t.offerId, t.validFrom), index("contract_tariffs_offer").on(t.offerId), check("contract_tariffs_price", sql`${t.unitPriceGrosze} > 0`)],
);

import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bookings } from "./booking";
import { contracts } from "./contracts";
import { offers } from "./directory";
import { fundingSources } from "./funding";
import { users } from "./identity";
import { centres, providerOrganisations } from "./organisations";

/*
 * How a provider is paid: a Stripe Connect account (onboarded through Account Links), or a Polish bank account
 * (NRB) for a transfer from the gmina's account. A new bank account waits for an organiser's confirmation.
 */

export const connectStatuses = ["none", "onboarding", "active", "restricted"] as const;
export type ConnectStatus = (typeof connectStatuses)[number];

export const providerPayoutAccounts = pgTable(
  "provider_payout_accounts",
  {
    providerId: uuid("provider_id")
      .primaryKey()
      .references(() => providerOrganisations.id, { onDelete: "cascade" }),
    stripeAccountId: text("stripe_account_id"),
    connectStatus: text("connect_status").$type<ConnectStatus>().notNull().default("none"),
    /** What Stripe still asks for, as it says it (currently_due). */
    connectRequirements: text("connect_requirements").array().notNull().default([]),
    /** The confirmed bank account (26-digit NRB) and its holder. */
    bankNrb: text("bank_nrb"),
    bankHolder: text("bank_holder"),
    bankConfirmedBy: uuid("bank_confirmed_by").references(() => users.id, { onDelete: "set null" }),
    bankConfirmedAt: timestamp("bank_confirmed_at", { withTimezone: true }),
    /** A change the provider asked for, until an organiser confirms it. */
    pendingNrb: text("pending_nrb"),
    pendingHolder: text("pending_holder"),
    pendingRequestedBy: uuid("pending_requested_by").references(() => users.id, { onDelete: "set null" }),
    pendingRequestedAt: timestamp("pending_requested_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("provider_payout_accounts_stripe").on(t.stripeAccountId)],
);

/*
 * What the centre owes providers for delivered units. Every change of a visit's delivered units (the first
 * confirmation, a correction, a no-show after all, a dispute resolved) is an accrual row for the difference,
 * priced at the contract's tariff of the visit's day and allocated to funding sources; nothing is edited. An
 * accrual lands on exactly one provider statement line (statement_line_id) — the month it was delivered in, or a
 * later one as an adjustment, so a closed month is never rewritten. A unit with no contract in force is kept
 * with a flag for finance and no price, until a contract covers it.
 */
export const accrualKinds = ["delivery", "correction", "dispute_resolution"] as const;
export type AccrualKind = (typeof accrualKinds)[number];

export const serviceAccruals = pgTable(
  "service_accruals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").notNull().references(() => providerOrganisations.id, { onDelete: "restrict" }),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "restrict" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "restrict" }),
    contractId: uuid("contract_id").references(() => contracts.id, { onDelete: "restrict" }),
    kind: text("kind").$type<AccrualKind>().notNull(),
    serviceDate: date("service_date").notNull(),
    /** Signed: a correction downwards is negative. */
    unitsHundredths: integer("units_hundredths").notNull(),
    unitPriceGrosze: integer("unit_price_grosze"),
    amountGrosze: integer("amount_grosze").notNull(),
    /** Set while no contract covers the unit; cleared (with the row priced anew) when one does. */
    noContract: boolean("no_contract").notNull().default(false),
    statementLineId: uuid("statement_line_id").references((): AnyPgColumn => providerStatementLines.id, { onDelete: "restrict" }),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("service_accruals_booking").on(t.bookingId),
    index("service_accruals_unsettled").on(t.cusId, t.serviceDate).where(sql`${t.statementLineId} is null`),
    index("service_accruals_contract").on(t.contractId, t.serviceDate),
    index("service_accruals_line").on(t.statementLineId),
    check("service_accruals_priced", sql`${t.noContract} = (${t.contractId} is null) and (${t.noContract} or ${t.unitPriceGrosze} > 0) and (not ${t.noContract} or ${t.amountGrosze} = 0)`),
  ],
);

/** Who pays an accrual, to the grosz: the co-payment, named funding sources, or nobody yet (unfunded, flagged). */
export const allocationParts = ["copayment", "source", "unfunded"] as const;
export type AllocationPart = (typeof allocationParts)[number];

export const fundingAllocations = pgTable(
  "funding_allocations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accrualId: uuid("accrual_id").notNull().references(() => serviceAccruals.id, { onDelete: "restrict" }),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    contractId: uuid("contract_id").notNull().references(() => contracts.id, { onDelete: "restrict" }),
    part: text("part").$type<AllocationPart>().notNull(),
    sourceId: uuid("source_id").references(() => fundingSources.id, { onDelete: "restrict" }),
    serviceDate: date("service_date").notNull(),
    amountGrosze: integer("amount_grosze").notNull(),
  },
  (t) => [
    index("funding_allocations_accrual").on(t.accrualId),
    index("funding_allocations_source").on(t.contractId, t.sourceId, t.serviceDate),
    check("funding_allocations_source", sql`(${t.part} = 'source') = (${t.sourceId} is not null)`),
  ],
);

/*
 * A settlement run: finance opens one per month; it holds one statement (zestawienie) per provider. The person
 * who prepared it cannot approve it (four-eyes). Payment is one Stripe transfer per statement, through the
 * outbox, or a line of the bank payment file.
 */
export const settlementRuns = pgTable(
  "settlement_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    month: date("month").notNull(),
    preparedBy: uuid("prepared_by").notNull().references(() => users.id, { onDelete: "restrict" }),
    preparedAt: timestamp("prepared_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("settlement_runs_month").on(t.cusId, t.month)],
);

export const providerStatementStatuses = ["draft", "sent", "accepted", "disputed", "approved", "paid", "failed"] as const;
export type ProviderStatementStatus = (typeof providerStatementStatuses)[number];

export const providerStatements = pgTable(
  "provider_statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id").notNull().references(() => settlementRuns.id, { onDelete: "restrict" }),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").notNull().references(() => providerOrganisations.id, { onDelete: "restrict" }),
    /** e.g. ROZ/2026/11/0003 — what the provider quotes on its invoice and the bank transfer's title carries. */
    reference: text("reference").notNull(),
    status: text("status").$type<ProviderStatementStatus>().notNull().default("draft"),
    totalGrosze: integer("total_grosze").notNull(),
    /** Who last put lines on it (opening or refreshing the run): never the one who approves it. */
    preparedBy: uuid("prepared_by").references(() => users.id, { onDelete: "restrict" }),
    invoiceNumber: text("invoice_number"),
    ksefNumber: text("ksef_number"),
    invoiceDate: date("invoice_date"),
    answeredBy: uuid("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "restrict" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    paymentMethod: text("payment_method").$type<"stripe" | "bank">(),
    /** How many payment attempts failed: the next transfer's idempotency key names the attempt. */
    failedAttempts: integer("failed_attempts").notNull().default(0),
    failureReason: text("failure_reason"),
    stripeTransferId: text("stripe_transfer_id"),
    paidOn: date("paid_on"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("provider_statements_run_provider").on(t.runId, t.providerId),
    uniqueIndex("provider_statements_reference").on(t.cusId, t.reference),
    index("provider_statements_provider").on(t.providerId),
  ],
);

export const statementLineKinds = ["delivered", "late", "correction", "dispute_resolution"] as const;
export type StatementLineKind = (typeof statementLineKinds)[number];

/** A line: one contract × offer × tariff × month of service × kind, summing its accruals. */
export const providerStatementLines = pgTable(
  "provider_statement_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    statementId: uuid("statement_id").notNull().references(() => providerStatements.id, { onDelete: "restrict" }),
    contractId: uuid("contract_id").notNull().references(() => contracts.id, { onDelete: "restrict" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "restrict" }),
    kind: text("kind").$type<StatementLineKind>().notNull(),
    serviceMonth: date("service_month").notNull(),
    unitPriceGrosze: integer("unit_price_grosze").notNull(),
    unitsHundredths: integer("units_hundredths").notNull(),
    amountGrosze: integer("amount_grosze").notNull(),
    visits: integer("visits").notNull(),
    /** The provider's answer: accepted, or disputed with a reason; finance resolves a dispute with a note. */
    answer: text("answer").$type<"accepted" | "disputed">(),
    disputeReason: text("dispute_reason"),
    resolution: text("resolution").$type<"stands" | "corrected">(),
    resolutionNote: text("resolution_note"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("provider_statement_lines_statement").on(t.statementId)],
);

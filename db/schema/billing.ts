import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bookings } from "./booking";
import { offers, servicePackages } from "./directory";
import { centres } from "./organisations";
import { users } from "./identity";
import { residents } from "./plans";

/*
 * Co-payments (odpłatność): the council's rules as data, reliefs recorded on residents, charges accrued on
 * delivery, monthly statements, payments (Stripe, cash, transfer), refunds, and the Stripe events processed.
 * Every money event is also a journal entry in the ledger (db/schema/ledger.ts).
 */

export const copayScopes = ["offer", "package", "area"] as const;
export type CopayScope = (typeof copayScopes)[number];
export const copayMethods = ["free", "flat", "percent"] as const;
export type CopayMethod = (typeof copayMethods)[number];
export const reliefKinds = ["disability_light", "disability_moderate", "disability_severe", "large_family_card", "senior_card", "low_income"] as const;
export type ReliefKind = (typeof reliefKinds)[number];

/** A co-payment rule: what it applies to. Its content lives in versions, each citing the council's resolution. */
export const copayRules = pgTable(
  "copay_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope").$type<CopayScope>().notNull(),
    offerId: uuid("offer_id").references(() => offers.id, { onDelete: "restrict" }),
    packageId: uuid("package_id").references(() => servicePackages.id, { onDelete: "restrict" }),
    /** Statutory area 1–14 when the rule covers all offers of an area. */
    area: smallint("area"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("copay_rules_cus").on(t.cusId),
    check(
      "copay_rules_scope",
      sql`(${t.scope} = 'offer' and ${t.offerId} is not null) or (${t.scope} = 'package' and ${t.packageId} is not null) or (${t.scope} = 'area' and ${t.area} between 1 and 14)`,
    ),
  ],
);

/** A version of a rule, in force from `valid_from` until the next version's. Never changed once written. */
export const copayRuleVersions = pgTable(
  "copay_rule_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ruleId: uuid("rule_id").notNull().references(() => copayRules.id, { onDelete: "restrict" }),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    resolutionNumber: text("resolution_number").notNull(),
    resolutionDate: date("resolution_date").notNull(),
    validFrom: date("valid_from").notNull(),
    method: text("method").$type<CopayMethod>().notNull(),
    /** Flat amount per unit (method flat), in grosze. */
    flatGrosze: integer("flat_grosze"),
    /** Share of the unit price (method percent), in basis points: 1500 = 15 %. */
    percentBp: integer("percent_bp"),
    /** Units free of charge before the method applies, per month or per plan. */
    freeUnits: integer("free_units"),
    freeUnitsPer: text("free_units_per").$type<"month" | "plan">(),
    /** The most a resident pays under this rule in one month, in grosze. */
    monthlyCapGrosze: integer("monthly_cap_grosze"),
    chargeNoShow: boolean("charge_no_show").notNull().default(false),
    chargeLateCancellation: boolean("charge_late_cancellation").notNull().default(false),
    /** Discount per relief, in basis points (10000 = exempt). The best relief a resident holds wins. */
    reliefs: jsonb("reliefs").$type<Partial<Record<ReliefKind, number>>>().notNull().default({}),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("copay_rule_versions_number").on(t.ruleId, t.version),
    uniqueIndex("copay_rule_versions_from").on(t.ruleId, t.validFrom),
    check("copay_rule_versions_flat", sql`${t.method} <> 'flat' or ${t.flatGrosze} > 0`),
    check("copay_rule_versions_percent", sql`${t.method} <> 'percent' or ${t.percentBp} between 1 and 10000`),
    check("copay_rule_versions_cap", sql`${t.monthlyCapGrosze} is null or ${t.monthlyCapGrosze} > 0`),
    check("copay_rule_versions_quota", sql`(${t.freeUnits} is null) = (${t.freeUnitsPer} is null) and (${t.freeUnits} is null or ${t.freeUnits} > 0)`),
  ],
);

/** A relief a resident holds (disability certificate, Karta Dużej Rodziny, senior card, low income), with evidence. */
export const residentReliefs = pgTable(
  "resident_reliefs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ReliefKind>().notNull(),
    /** What was seen: the certificate's or card's number and issuer. */
    evidence: text("evidence").notNull(),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("resident_reliefs_resident").on(t.residentId)],
);

/** A month whose statements are issued: closed, never rewritten; later corrections go to the next month. */
export const billingMonths = pgTable(
  "billing_months",
  {
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    /** The month's first day. */
    month: date("month").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.cusId, t.month] })],
);

export const statementStatuses = ["issued", "partly_paid", "paid", "overdue", "waived", "cancelled", "carried_over"] as const;
export type StatementStatus = (typeof statementStatuses)[number];
export const statementStatusEnum = pgEnum("statement_status", statementStatuses);

/** One payer's statement for one month (a family plan bills one payer). */
export const statements = pgTable(
  "statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    payerId: uuid("payer_id").notNull().references(() => residents.id, { onDelete: "restrict" }),
    month: date("month").notNull(),
    /** The reference a resident quotes on a bank transfer, e.g. ODP/2026/03/000042. */
    reference: text("reference").notNull(),
    status: statementStatusEnum("status").notNull().default("issued"),
    totalGrosze: integer("total_grosze").notNull(),
    paidGrosze: integer("paid_grosze").notNull().default(0),
    refundedGrosze: integer("refunded_grosze").notNull().default(0),
    issuedOn: date("issued_on").notNull(),
    dueOn: date("due_on").notNull(),
    language: text("language").notNull().default("pl"),
    waivedReason: text("waived_reason"),
    waivedBy: uuid("waived_by").references(() => users.id, { onDelete: "set null" }),
    /** When the overdue reminder was queued (once). */
    reminderQueuedAt: timestamp("reminder_queued_at", { withTimezone: true }),
    issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("statements_payer_month").on(t.payerId, t.month),
    uniqueIndex("statements_cus_reference").on(t.cusId, t.reference),
    index("statements_cus_month_status").on(t.cusId, t.month, t.status),
    check("statements_amounts", sql`${t.totalGrosze} >= 0 and ${t.paidGrosze} >= 0 and ${t.refundedGrosze} >= 0`),
  ],
);

/** A charge accrued for a delivered (or charged missed) visit, or a correction of one. Never changed once written. */
export const copayCharges = pgTable(
  "copay_charges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "restrict" }),
    /** Who received the service, and who pays (the family plan's holder). */
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "restrict" }),
    payerId: uuid("payer_id").notNull().references(() => residents.id, { onDelete: "restrict" }),
    ruleVersionId: uuid("rule_version_id").references(() => copayRuleVersions.id, { onDelete: "restrict" }),
    /** The rule (across its versions) and the plan, for free quotas counted per month or per plan. */
    ruleId: uuid("rule_id").references(() => copayRules.id, { onDelete: "restrict" }),
    planId: uuid("plan_id"),
    kind: text("kind").$type<"charge" | "correction">().notNull(),
    /** delivered, no_show or late_cancellation. */
    reason: text("reason").notNull(),
    description: text("description").notNull(),
    serviceDate: date("service_date").notNull(),
    /** Units in hundredths (1.5 hours = 150), and the price per unit the booking was made at. */
    unitsHundredths: integer("units_hundredths").notNull(),
    unitPriceGrosze: integer("unit_price_grosze").notNull(),
    /** For a correction: the change (may be negative). */
    amountGrosze: integer("amount_grosze").notNull(),
    /** How the amount was reached, for the statement and for anyone asking ("8 bezpłatnych wykorzystane"). */
    explanation: text("explanation").notNull(),
    gmina: text("gmina").notNull(),
    statementId: uuid("statement_id").references(() => statements.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("copay_charges_booking_charge").on(t.bookingId).where(sql`${t.kind} = 'charge'`),
    index("copay_charges_unbilled").on(t.cusId, t.payerId).where(sql`${t.statementId} is null`),
    index("copay_charges_booking").on(t.bookingId),
    index("copay_charges_rule_resident").on(t.ruleId, t.residentId, t.serviceDate),
    index("copay_charges_statement").on(t.statementId),
  ],
);

/** What a statement lists: its charges, corrections, amounts carried from earlier months and credits. */
export const statementLines = pgTable(
  "statement_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    statementId: uuid("statement_id").notNull().references(() => statements.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"charge" | "correction" | "carried" | "credit">().notNull(),
    chargeId: uuid("charge_id").references(() => copayCharges.id, { onDelete: "restrict" }),
    description: text("description").notNull(),
    serviceDate: date("service_date"),
    unitsHundredths: integer("units_hundredths"),
    amountGrosze: integer("amount_grosze").notNull(),
    explanation: text("explanation"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("statement_lines_statement").on(t.statementId, t.sortOrder)],
);

export const paymentMethods = ["stripe", "cash", "transfer"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** Money received against a statement: online through Stripe, at the cash desk, or by bank transfer. */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    statementId: uuid("statement_id").notNull().references(() => statements.id, { onDelete: "restrict" }),
    method: text("method").$type<PaymentMethod>().notNull(),
    amountGrosze: integer("amount_grosze").notNull(),
    refundedGrosze: integer("refunded_grosze").notNull().default(0),
    receivedOn: date("received_on").notNull(),
    /** Cash receipt (KP) or bank statement number; for Stripe the PaymentIntent. */
    documentNumber: text("document_number"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    /** How the payer paid online: blik, p24 or card. */
    paidWith: text("paid_with"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_statement").on(t.statementId),
    index("payments_cus_received").on(t.cusId, t.receivedOn),
    uniqueIndex("payments_stripe_intent").on(t.stripePaymentIntentId).where(sql`${t.stripePaymentIntentId} is not null`),
    check("payments_amounts", sql`${t.amountGrosze} > 0 and ${t.refundedGrosze} between 0 and ${t.amountGrosze}`),
  ],
);

export const refundStatuses = ["pending", "succeeded", "failed"] as const;
export type RefundStatus = (typeof refundStatuses)[number];

/** Money given back from a payment: through Stripe (card, BLIK, Przelewy24) or paid out in cash. */
export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    paymentId: uuid("payment_id").notNull().references(() => payments.id, { onDelete: "restrict" }),
    statementId: uuid("statement_id").notNull().references(() => statements.id, { onDelete: "restrict" }),
    method: text("method").$type<"stripe" | "cash">().notNull(),
    amountGrosze: integer("amount_grosze").notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<RefundStatus>().notNull().default("pending"),
    stripeRefundId: text("stripe_refund_id"),
    failureReason: text("failure_reason"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    index("refunds_payment").on(t.paymentId),
    uniqueIndex("refunds_stripe").on(t.stripeRefundId).where(sql`${t.stripeRefundId} is not null`),
    check("refunds_amount", sql`${t.amountGrosze} > 0`),
  ],
);

/** A Stripe Checkout Session opened for a statement (a new one only when the last expired or was paid in part). */
export const checkoutSessions = pgTable(
  "checkout_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    statementId: uuid("statement_id").notNull().references(() => statements.id, { onDelete: "restrict" }),
    attempt: integer("attempt").notNull(),
    /** Who opened it: the resident from their page, or someone paying for them by a pay link. */
    channel: text("channel").$type<"resident" | "pay_link">().notNull().default("resident"),
    stripeSessionId: text("stripe_session_id").notNull(),
    url: text("url").notNull(),
    amountGrosze: integer("amount_grosze").notNull(),
    status: text("status").$type<"open" | "complete" | "expired" | "failed">().notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("checkout_sessions_stripe").on(t.stripeSessionId), uniqueIndex("checkout_sessions_attempt").on(t.statementId, t.channel, t.attempt)],
);

/** Each Stripe event processed, stored in the transaction that applied it: a second delivery changes nothing. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  /** The event's own creation time (Stripe's `created`), to tell an older event from a newer one. */
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull(),
  /** What processing did: "applied", or why it changed nothing ("stale", "unknown session"). */
  outcome: text("outcome").notNull(),
});

/** A link a coordinator sends to the person who pays for a resident (a daughter, a neighbour): no account needed. */
export const payLinks = pgTable(
  "pay_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    statementId: uuid("statement_id").notNull().references(() => statements.id, { onDelete: "cascade" }),
    /** Only the token's SHA-256 is stored. */
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pay_links_token").on(t.tokenHash), index("pay_links_statement").on(t.statementId)],
);

/** How a centre bills: whether the worker issues last month's statements on the 1st, and the days to pay. */
export const billingSettings = pgTable("billing_settings", {
  cusId: uuid("cus_id")
    .primaryKey()
    .references(() => centres.id, { onDelete: "cascade" }),
  autoIssue: boolean("auto_issue").notNull().default(false),
  dueDays: integer("due_days").notNull().default(14),
  /** The account providers are paid from by bank file (the gmina treasury's or the centre's own), and its holder. */
  treasuryNrb: text("treasury_nrb"),
  treasuryName: text("treasury_name"),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { centres } from "./organisations";

/*
 * The double-entry journal. Append-only: the database refuses updates and deletes, and refuses an entry whose
 * lines do not sum to zero (triggers in db/migrations/0008_ledger.sql). A mistake is corrected by a new entry.
 */

/** One money event (a charge accrued, a payment received, a refund, a waiver, a carry-over). */
export const journalEntries = pgTable(
  "journal_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "restrict" }),
    /** What kind of event: charge, charge_correction, statement_issued, carry_over, payment, refund, waiver. */
    kind: text("kind").notNull(),
    /** The event's own name (e.g. "payment:stripe:pi_…"): the same event is never posted twice. */
    sourceKey: text("source_key").notNull(),
    memo: text("memo").notNull(),
    /** When the money event happened (a payment's date, a delivery's time); periods are counted by it. */
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    /** The person who caused it; null for the portal itself (a webhook, a worker). No FK: the journal outlives users. */
    recordedBy: uuid("recorded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("journal_entries_source").on(t.sourceKey), index("journal_entries_cus_occurred").on(t.cusId, t.occurredAt)],
);

/** A debit (positive) or credit (negative) of one account, in grosze. */
export const journalLines = pgTable(
  "journal_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id").notNull().references(() => journalEntries.id, { onDelete: "restrict" }),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "restrict" }),
    /** e.g. resident_receivable:<resident>, stripe:balance, cash:desk, bank:treasury, copay_income:<gmina>. */
    account: text("account").notNull(),
    amountGrosze: bigint("amount_grosze", { mode: "number" }).notNull(),
  },
  (t) => [
    index("journal_lines_entry").on(t.entryId),
    index("journal_lines_cus_account").on(t.cusId, t.account),
    check("journal_lines_amount_not_zero", sql`${t.amountGrosze} <> 0`),
  ],
);

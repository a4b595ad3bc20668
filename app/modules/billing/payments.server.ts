import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { copayCharges, outbox, payments, refunds, residents, statements, users, type PaymentMethod } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isUuid } from "~/modules/kernel/ids";
import { accounts } from "~/modules/ledger/accounts";
import { postJournalEntry } from "~/modules/ledger/journal.server";
import { outstandingOf } from "./statements.server";

/*
 * Money in and out against statements: payments (Stripe, cash desk, bank transfer; partial allowed), waivers and
 * refunds. A statement's status only moves forward: once paid, a late or repeated event never makes it unpaid.
 * Each is a journal entry; what exceeds a statement's outstanding amount becomes the payer's credit.
 */

const moneyAccount: Record<PaymentMethod, string> = { stripe: accounts.stripeBalance, cash: accounts.cashDesk, transfer: accounts.bankTreasury };

export type PaymentInput = {
  cusId: string;
  statementId: string;
  method: PaymentMethod;
  amountGrosze: number;
  receivedOn: string;
  documentNumber: string | null;
  stripePaymentIntentId?: string | null;
  stripeCheckoutSessionId?: string | null;
  paidWith?: string | null;
  actor: Actor | null;
  now: Date;
};

export type PaymentRefusal = "not_found" | "amount" | "closed";

/** Records money received. For Stripe, the PaymentIntent makes it once: a second call returns the first payment. */
export async function recordPayment(tx: Database, input: PaymentInput): Promise<{ ok: true; paymentId: string; duplicate: boolean } | { ok: false; reason: PaymentRefusal }> {
  if (!Number.isSafeInteger(input.amountGrosze) || input.amountGrosze <= 0) return { ok: false, reason: "amount" };
  const [statement] = await tx.select().from(statements).where(and(eq(statements.id, input.statementId), eq(statements.cusId, input.cusId))).for("update");
  if (!statement) return { ok: false, reason: "not_found" };
  // Money at the desk is taken only for a statement that asks for it; money Stripe already took is always recorded.
  if (input.method !== "stripe" && (statement.status === "cancelled" || statement.status === "carried_over" || statement.status === "waived")) return { ok: false, reason: "closed" };
  const [payment] = await tx
    .insert(payments)
    .values({
      cusId: input.cusId,
      statementId: statement.id,
      method: input.method,
      amountGrosze: input.amountGrosze,
      receivedOn: input.receivedOn,
      documentNumber: input.documentNumber,
      stripePaymentIntentId: input.stripePaymentIntentId ?? null,
      stripeCheckoutSessionId: input.stripeCheckoutSessionId ?? null,
      paidWith: input.paidWith ?? null,
      recordedBy: input.actor?.userId ?? null,
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!payment) {
    const [first] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.stripePaymentIntentId, input.stripePaymentIntentId ?? ""));
    return { ok: true, paymentId: first!.id, duplicate: true };
  }
  const outstanding = outstandingOf(statement);
  const applied = Math.min(outstanding, input.amountGrosze);
  const excess = input.amountGrosze - applied;
  const paid = statement.paidGrosze + applied;
  const status = statement.status === "waived" || statement.status === "cancelled" || statement.status === "carried_over" ? statement.status : paid >= statement.totalGrosze ? "paid" : "partly_paid";
  await tx.update(statements).set({ paidGrosze: paid, status, updatedAt: input.now }).where(eq(statements.id, statement.id));
  await postJournalEntry(tx, {
    cusId: input.cusId,
    kind: "payment",
    sourceKey: `payment:${payment.id}`,
    memo: `${statement.reference} ${input.method}${input.documentNumber ? ` ${input.documentNumber}` : ""}`,
    occurredAt: input.now,
    recordedBy: input.actor?.userId ?? null,
    lines: [
      { account: moneyAccount[input.method], amountGrosze: input.amountGrosze },
      { account: accounts.residentReceivable(statement.payerId), amountGrosze: -applied },
      { account: accounts.residentCredit(statement.payerId), amountGrosze: -excess },
    ],
  });
  await recordAudit(tx, input.actor, { cusId: input.cusId, action: "payment.recorded", entityType: "statement", entityId: statement.id, after: { method: input.method, amountGrosze: input.amountGrosze, receivedOn: input.receivedOn, documentNumber: input.documentNumber, status } });
  return { ok: true, paymentId: payment.id, duplicate: false };
}

/** Finance records cash or a bank transfer against a statement (found by its id or by the reference on the transfer). */
export async function recordDeskPayment(input: Omit<PaymentInput, "stripePaymentIntentId" | "stripeCheckoutSessionId" | "paidWith"> & { method: "cash" | "transfer"; actor: Actor }, db: Database = getDb()) {
  if (!isUuid(input.statementId)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction((tx) => recordPayment(tx, input));
}

/** The statement a bank transfer's title names by its reference (ODP/2026/03/000042), if any. */
export async function findStatementByReference(cusId: string, text: string, db: Database = getDb()) {
  const match = /ODP\s*\/\s*(\d{4})\s*\/\s*(\d{2})\s*\/\s*(\d{1,6})/i.exec(text);
  if (!match) return null;
  const reference = `ODP/${match[1]}/${match[2]}/${match[3]!.padStart(6, "0")}`;
  const [row] = await db.select().from(statements).where(and(eq(statements.cusId, cusId), eq(statements.reference, reference)));
  return row ?? null;
}

/** The gmina most of a statement's charges are income of (where a waiver or refund is counted). */
async function statementGmina(tx: Database, statementId: string): Promise<string> {
  const [row] = await tx
    .select({ gmina: copayCharges.gmina })
    .from(copayCharges)
    .where(eq(copayCharges.statementId, statementId))
    .groupBy(copayCharges.gmina)
    .orderBy(sql`sum(abs(${copayCharges.amountGrosze})) desc`)
    .limit(1);
  return row?.gmina ?? "cus";
}

/** Finance waives what is still owed on a statement, with a reason (the centre gives up the income). */
export async function waiveStatement(input: { cusId: string; statementId: string; reason: string; actor: Actor; now: Date }, db: Database = getDb()): Promise<{ ok: true } | { ok: false; reason: "not_found" | "nothing_owed" }> {
  if (!isUuid(input.statementId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [statement] = await tx.select().from(statements).where(and(eq(statements.id, input.statementId), eq(statements.cusId, input.cusId))).for("update");
    if (!statement) return { ok: false as const, reason: "not_found" as const };
    const owed = outstandingOf(statement);
    if (owed === 0) return { ok: false as const, reason: "nothing_owed" as const };
    await tx.update(statements).set({ status: "waived", waivedReason: input.reason, waivedBy: input.actor.userId, updatedAt: input.now }).where(eq(statements.id, statement.id));
    await postJournalEntry(tx, {
      cusId: input.cusId,
      kind: "waiver",
      sourceKey: `waiver:${statement.id}`,
      memo: `${statement.reference}: ${input.reason}`,
      occurredAt: input.now,
      recordedBy: input.actor.userId,
      lines: [
        { account: accounts.copayWaived(await statementGmina(tx, statement.id)), amountGrosze: owed },
        { account: accounts.residentReceivable(statement.payerId), amountGrosze: -owed },
      ],
    });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "statement.waived", entityType: "statement", entityId: statement.id, before: { status: statement.status }, after: { status: "waived", owedGrosze: owed, reason: input.reason } });
    return { ok: true as const };
  });
}

export type RefundRefusal = "not_found" | "amount" | "above_payment";

/**
 * A refund of (part of) a payment, with a reason. Cash is paid out at the desk at once; a Stripe payment is
 * refunded through Stripe by the outbox worker (idempotency key: the refund's id), settled by its webhook.
 */
export async function requestRefund(
  input: { cusId: string; paymentId: string; amountGrosze: number; reason: string; actor: Actor; now: Date },
  db: Database = getDb(),
): Promise<{ ok: true; refundId: string; method: "stripe" | "cash" } | { ok: false; reason: RefundRefusal; maxGrosze?: number }> {
  if (!isUuid(input.paymentId)) return { ok: false, reason: "not_found" };
  if (!Number.isSafeInteger(input.amountGrosze) || input.amountGrosze <= 0) return { ok: false, reason: "amount" };
  return db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(and(eq(payments.id, input.paymentId), eq(payments.cusId, input.cusId))).for("update");
    if (!payment) return { ok: false as const, reason: "not_found" as const };
    const [pending] = await tx
      .select({ sum: sql<string>`coalesce(sum(${refunds.amountGrosze}), 0)` })
      .from(refunds)
      .where(and(eq(refunds.paymentId, payment.id), eq(refunds.status, "pending")));
    const refundable = payment.amountGrosze - payment.refundedGrosze - Number(pending?.sum ?? 0);
    if (input.amountGrosze > refundable) return { ok: false as const, reason: "above_payment" as const, maxGrosze: refundable };
    const method = payment.method === "stripe" ? "stripe" : "cash";
    const [refund] = await tx
      .insert(refunds)
      .values({ cusId: input.cusId, paymentId: payment.id, statementId: payment.statementId, method, amountGrosze: input.amountGrosze, reason: input.reason, requestedBy: input.actor.userId, createdAt: input.now })
      .returning();
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "refund.requested", entityType: "statement", entityId: payment.statementId, after: { paymentId: payment.id, amountGrosze: input.amountGrosze, reason: input.reason, method } });
    if (method === "cash") {
      await settleRefund(tx, { refundId: refund!.id, succeeded: true, stripeRefundId: null, failureReason: null, now: input.now, recordedBy: input.actor.userId });
    } else {
      await tx.insert(outbox).values({ kind: "stripe-refund", key: `stripe-refund:${refund!.id}`, payload: { refundId: refund!.id }, cusId: input.cusId, nextAttemptAt: input.now });
    }
    return { ok: true as const, refundId: refund!.id, method };
  });
}

/** A refund's outcome (at once for cash; from Stripe's answer or webhook otherwise). Settles once. */
export async function settleRefund(tx: Database, input: { refundId: string; succeeded: boolean; stripeRefundId: string | null; failureReason: string | null; now: Date; recordedBy: string | null }): Promise<boolean> {
  const [refund] = await tx.select().from(refunds).where(eq(refunds.id, input.refundId)).for("update");
  if (!refund || refund.status !== "pending") return false;
  await tx
    .update(refunds)
    .set({ status: input.succeeded ? "succeeded" : "failed", stripeRefundId: input.stripeRefundId ?? refund.stripeRefundId, failureReason: input.failureReason, settledAt: input.now })
    .where(eq(refunds.id, refund.id));
  if (!input.succeeded) return true;
  await tx.update(payments).set({ refundedGrosze: sql`${payments.refundedGrosze} + ${refund.amountGrosze}` }).where(eq(payments.id, refund.paymentId));
  await tx.update(statements).set({ refundedGrosze: sql`${statements.refundedGrosze} + ${refund.amountGrosze}`, updatedAt: input.now }).where(eq(statements.id, refund.statementId));
  const [statement] = await tx.select({ reference: statements.reference }).from(statements).where(eq(statements.id, refund.statementId));
  await postJournalEntry(tx, {
    cusId: refund.cusId,
    kind: refund.method === "cash" ? "cash_payout" : "refund",
    sourceKey: `refund:${refund.id}`,
    memo: `${statement?.reference ?? ""}: ${refund.reason}`,
    occurredAt: input.now,
    recordedBy: input.recordedBy,
    lines: [
      { account: accounts.copayIncome(await statementGmina(tx, refund.statementId)), amountGrosze: refund.amountGrosze },
      { account: refund.method === "cash" ? accounts.cashDesk : accounts.stripeBalance, amountGrosze: -refund.amountGrosze },
    ],
  });
  return true;
}

export async function getRefund(refundId: string, db: Database = getDb()) {
  const [row] = await db.select({ refund: refunds, paymentIntent: payments.stripePaymentIntentId }).from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.id, refundId));
  return row ?? null;
}

/** Payments and refunds of a statement, oldest first. */
export async function statementMoney(statementId: string, db: Database = getDb()) {
  // Who recorded each (finance's desk shows it; null for Stripe, which the portal records by itself).
  const [paid, refunded] = await Promise.all([
    db.select({ payment: payments, by: users.name }).from(payments).leftJoin(users, eq(users.id, payments.recordedBy)).where(eq(payments.statementId, statementId)).orderBy(payments.createdAt),
    db.select({ refund: refunds, by: users.name }).from(refunds).leftJoin(users, eq(users.id, refunds.requestedBy)).where(eq(refunds.statementId, statementId)).orderBy(refunds.createdAt),
  ]);
  return { payments: paid.map((p) => ({ ...p.payment, recordedByName: p.by })), refunds: refunded.map((r) => ({ ...r.refund, requestedByName: r.by })) };
}

/** A period's payments with who paid (the desk's list and the export). */
export async function listPayments(cusId: string, range: { from: string; to: string; methods?: PaymentMethod[] }, db: Database = getDb()) {
  const conditions = [eq(payments.cusId, cusId), gte(payments.receivedOn, range.from), lt(payments.receivedOn, range.to)];
  if (range.methods?.length) conditions.push(inArray(payments.method, range.methods));
  return db
    .select({ payment: payments, reference: statements.reference, firstName: residents.firstName, lastName: residents.lastName })
    .from(payments)
    .innerJoin(statements, eq(statements.id, payments.statementId))
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(and(...conditions))
    .orderBy(desc(payments.receivedOn), desc(payments.createdAt));
}

export async function listRefunds(cusId: string, db: Database = getDb()) {
  return db
    .select({ refund: refunds, reference: statements.reference, firstName: residents.firstName, lastName: residents.lastName })
    .from(refunds)
    .innerJoin(statements, eq(statements.id, refunds.statementId))
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(eq(refunds.cusId, cusId))
    .orderBy(desc(refunds.createdAt))
    .limit(200);
}

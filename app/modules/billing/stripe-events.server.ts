import { and, eq, isNotNull } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { checkoutSessions, payments, refunds, stripeEvents } from "@db/schema";
import { enqueue, type OutboxHandler } from "~/modules/notifications/outbox.server";
import type { Stripe } from "~/modules/stripe/client.server";
import { stripe } from "~/modules/stripe/client.server";
import { warsawDate } from "~/modules/kernel/dates";
import { applyConnectAccount } from "~/modules/settlements/payout-accounts.server";
import { recordPayment, settleRefund, getRefund } from "./payments.server";

/*
 * Stripe's events, each processed once: its id is stored in the same transaction as its effects, so a second
 * delivery finds it and changes nothing. Order does not matter: a paid statement never goes back (an expiry
 * arriving after the payment leaves the payment be), and a refund settles once.
 */

export type EventOutcome = "applied" | "duplicate" | "ignored" | "stale" | "unknown";

type Session = Stripe.Checkout.Session;

async function sessionPaid(tx: Database, session: Session, now: Date): Promise<EventOutcome> {
  const [checkout] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.stripeSessionId, session.id)).for("update");
  const statementId = checkout?.statementId ?? session.metadata?.statementId;
  const cusId = checkout?.cusId ?? session.metadata?.cusId;
  if (!statementId || !cusId) return "unknown";
  const intentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? `session:${session.id}`);
  const paid = await recordPayment(tx, {
    cusId,
    statementId,
    method: "stripe",
    amountGrosze: session.amount_total ?? 0,
    receivedOn: warsawDate(now),
    documentNumber: intentId,
    stripePaymentIntentId: intentId,
    stripeCheckoutSessionId: session.id,
    paidWith: session.payment_method_types?.length === 1 ? session.payment_method_types[0]! : null,
    actor: null,
    now,
  });
  if (!paid.ok) return "unknown";
  if (checkout) await tx.update(checkoutSessions).set({ status: "complete" }).where(eq(checkoutSessions.id, checkout.id));
  if (!paid.duplicate) await enqueue(tx, "statement-notice", { statementId, kind: "receipt", paymentId: paid.paymentId }, { key: `statement-notice:receipt:${paid.paymentId}`, cusId });
  return paid.duplicate ? "duplicate" : "applied";
}

async function sessionEnded(tx: Database, session: Session, status: "expired" | "failed"): Promise<EventOutcome> {
  // Only an open session ends: an expiry that arrives after the payment changes nothing.
  const rows = await tx.update(checkoutSessions).set({ status }).where(and(eq(checkoutSessions.stripeSessionId, session.id), eq(checkoutSessions.status, "open"))).returning();
  return rows.length > 0 ? "applied" : "stale";
}

async function refundOutcome(tx: Database, refund: Stripe.Refund, now: Date): Promise<EventOutcome> {
  const ours = refund.metadata?.refundId;
  if (!ours) return "unknown";
  if (refund.status === "succeeded") return (await settleRefund(tx, { refundId: ours, succeeded: true, stripeRefundId: refund.id, failureReason: null, now, recordedBy: null })) ? "applied" : "stale";
  if (refund.status === "failed" || refund.status === "canceled") return (await settleRefund(tx, { refundId: ours, succeeded: false, stripeRefundId: refund.id, failureReason: refund.failure_reason ?? refund.status, now, recordedBy: null })) ? "applied" : "stale";
  return "ignored";
}

async function chargeRefunded(tx: Database, charge: Stripe.Charge, now: Date): Promise<EventOutcome> {
  const intentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!intentId) return "unknown";
  const pending = await tx
    .select({ id: refunds.id })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(payments.stripePaymentIntentId, intentId), eq(refunds.status, "pending"), isNotNull(refunds.stripeRefundId)));
  let settled = 0;
  for (const r of pending) if (await settleRefund(tx, { refundId: r.id, succeeded: true, stripeRefundId: null, failureReason: null, now, recordedBy: null })) settled += 1;
  return settled > 0 ? "applied" : "stale";
}

/**
 * The resident is back from Checkout before (or without) the webhook: ask Stripe about the session and, when it
 * is paid, apply it as the webhook would — once, whichever comes first (the payment is unique per PaymentIntent).
 */
export async function confirmCheckoutReturn(input: { sessionId: string; statementId: string; now: Date }, db: Database = getDb()): Promise<boolean> {
  if (!/^cs_[A-Za-z0-9_]+$/.test(input.sessionId)) return false;
  let session: Session;
  try {
    session = await stripe().checkout.sessions.retrieve(input.sessionId);
  } catch {
    return false;
  }
  if (session.metadata?.statementId !== input.statementId || session.payment_status !== "paid") return false;
  const outcome = await db.transaction((tx) => sessionPaid(tx, session, input.now));
  return outcome === "applied" || outcome === "duplicate";
}

/** Applies one verified event, once. */
export async function processStripeEvent(event: Stripe.Event, now: Date, db: Database = getDb()): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, createdAt: new Date(event.created * 1000), processedAt: now, outcome: "processing" })
      .onConflictDoNothing()
      .returning();
    if (!fresh) return "duplicate" as const;
    let outcome: EventOutcome = "ignored";
    switch (event.type) {
      case "checkout.session.completed":
        outcome = event.data.object.payment_status === "paid" ? await sessionPaid(tx, event.data.object, now) : "ignored";
        break;
      case "checkout.session.async_payment_succeeded":
        outcome = await sessionPaid(tx, event.data.object, now);
        break;
      case "checkout.session.async_payment_failed":
        outcome = await sessionEnded(tx, event.data.object, "failed");
        break;
      case "checkout.session.expired":
        outcome = await sessionEnded(tx, event.data.object, "expired");
        break;
      case "refund.updated":
      case "refund.created":
        outcome = await refundOutcome(tx, event.data.object, now);
        break;
      case "charge.refunded":
        outcome = await chargeRefunded(tx, event.data.object, now);
        break;
      case "account.updated":
        // A provider's Connect account (settlements): onboarding finished, or Stripe asks for more.
        outcome = (await applyConnectAccount(event.data.object, tx)) ? "applied" : "unknown";
        break;
    }
    await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, event.id));
    return outcome;
  });
}

/** The "stripe-refund" handler: asks Stripe to refund, with the outbox key as the idempotency key. */
export const stripeRefundHandler: OutboxHandler = async (message, { db, now }) => {
  const { refundId } = message.payload as { refundId: string };
  const found = await getRefund(refundId, db);
  if (!found || found.refund.status !== "pending" || found.refund.stripeRefundId) return;
  if (!found.paymentIntent) throw new Error(`refund ${refundId}: the payment has no PaymentIntent`);
  const refund = await stripe().refunds.create(
    { payment_intent: found.paymentIntent, amount: found.refund.amountGrosze, metadata: { refundId, statementId: found.refund.statementId } },
    { idempotencyKey: message.key },
  );
  await db.transaction(async (tx) => {
    await tx.update(refunds).set({ stripeRefundId: refund.id }).where(and(eq(refunds.id, refundId), eq(refunds.status, "pending")));
    if (refund.status === "succeeded") await settleRefund(tx, { refundId, succeeded: true, stripeRefundId: refund.id, failureReason: null, now, recordedBy: null });
  });
};

import { and, desc, eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { checkoutSessions, statements } from "@db/schema";
import { clock } from "~/modules/kernel/clock.server";
import { isUuid } from "~/modules/kernel/ids";
import { enqueue, type OutboxHandler } from "~/modules/notifications/outbox.server";
import { runNow } from "~/modules/notifications/worker.server";
import { stripe, stripeErrorCode } from "~/modules/stripe/client.server";
import type { Locale } from "~/utils/i18n";
import { STRIPE_MINIMUM_GROSZE } from "./copay-engine";
import { outstandingOf } from "./statements.server";

/*
 * Paying a statement online: a Stripe Checkout Session in PLN for what is still owed, with BLIK, Przelewy24 and
 * card. It is made through the outbox with a deterministic key (the statement, who pays, the attempt) that is
 * also Stripe's idempotency key, so a double click, or two tabs, make one session; a new attempt only when the
 * last one expired or the amount owed changed. Metadata carries our ids, never personal data. What was paid comes
 * back by webhook.
 */

/** Stripe Checkout's languages for ours; Ukrainian is not among Checkout's, so the browser's language decides. */
const checkoutLocale: Record<Locale, "pl" | "en" | "auto"> = { pl: "pl", en: "en", uk: "auto" };

export type CheckoutRefusal = "not_found" | "nothing_owed" | "below_minimum" | "unavailable";

export async function startCheckout(
  input: { cusId: string; statementId: string; payerId: string | null; locale: Locale; baseUrl: string; description: string; returnPath?: string },
  db: Database = getDb(),
): Promise<{ ok: true; url: string } | { ok: false; reason: CheckoutRefusal }> {
  if (!isUuid(input.statementId)) return { ok: false, reason: "not_found" };
  const conditions = [eq(statements.id, input.statementId), eq(statements.cusId, input.cusId)];
  if (input.payerId) conditions.push(eq(statements.payerId, input.payerId));
  const [statement] = await db.select().from(statements).where(and(...conditions));
  if (!statement) return { ok: false, reason: "not_found" };
  const owed = outstandingOf(statement);
  if (owed === 0) return { ok: false, reason: "nothing_owed" };
  if (owed < STRIPE_MINIMUM_GROSZE) return { ok: false, reason: "below_minimum" };
  const now = clock.now();

  const channel = input.returnPath ? "pay_link" : "resident";
  const [last] = await db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.statementId, statement.id), eq(checkoutSessions.channel, channel)))
    .orderBy(desc(checkoutSessions.attempt))
    .limit(1);
  if (last && last.status === "open" && last.expiresAt > now && last.amountGrosze === owed) {
    try {
      const session = await stripe().checkout.sessions.retrieve(last.stripeSessionId);
      if (session.status === "open" && session.url) return { ok: true, url: session.url };
    } catch (error) {
      if (stripeErrorCode(error) !== "resource_missing") return { ok: false, reason: "unavailable" };
    }
  }
  const attempt = (last?.attempt ?? 0) + 1;
  const key = `checkout:${statement.id}:${channel}:${attempt}`;
  const returnPath = input.returnPath ?? `/me/statements/${statement.id}`;
  const request: CheckoutRequest = {
    statementId: statement.id,
    cusId: statement.cusId,
    channel,
    attempt,
    amountGrosze: owed,
    locale: checkoutLocale[input.locale],
    description: input.description,
    reference: statement.reference,
    successUrl: `${input.baseUrl}${returnPath}/paid?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${input.baseUrl}${returnPath}?payment=cancelled`,
  };
  // Through the outbox like every call that makes something at Stripe, carried out at once because the resident
  // is waiting; a double click queues the same message (same key) and waits for the one session it makes.
  await enqueue(db, "stripe-checkout", request, { key, cusId: statement.cusId });
  if ((await runNow(key, stripeCheckoutHandler, db)) === "failed") return { ok: false, reason: "unavailable" };
  for (let waited = 0; waited <= 5_000; waited += 100) {
    const [made] = await db.select().from(checkoutSessions).where(and(eq(checkoutSessions.statementId, statement.id), eq(checkoutSessions.channel, channel), eq(checkoutSessions.attempt, attempt)));
    if (made) return { ok: true, url: made.url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ok: false, reason: "unavailable" };
}

type CheckoutRequest = {
  statementId: string;
  cusId: string;
  channel: "resident" | "pay_link";
  attempt: number;
  amountGrosze: number;
  locale: "pl" | "en" | "auto";
  description: string;
  reference: string;
  successUrl: string;
  cancelUrl: string;
};

/** The "stripe-checkout" handler: makes the Checkout Session, with the outbox key as the idempotency key. */
export const stripeCheckoutHandler: OutboxHandler = async (message, { db, now }) => {
  const r = message.payload as CheckoutRequest;
  const metadata = { statementId: r.statementId, cusId: r.cusId, attempt: String(r.attempt) };
  const session = await stripe().checkout.sessions.create(
    {
      mode: "payment",
      currency: "pln",
      // The API this SDK speaks (2026-10-28) names the list allowed_payment_method_types (once payment_method_types).
      allowed_payment_method_types: ["blik", "p24", "card"],
      locale: r.locale,
      line_items: [{ quantity: 1, price_data: { currency: "pln", unit_amount: r.amountGrosze, product_data: { name: r.description } } }],
      client_reference_id: r.statementId,
      metadata,
      payment_intent_data: { metadata, description: r.reference },
      success_url: r.successUrl,
      cancel_url: r.cancelUrl,
    },
    { idempotencyKey: message.key },
  );
  if (!session.url) throw new Error(`checkout session ${session.id} has no URL`);
  await db
    .insert(checkoutSessions)
    .values({ cusId: r.cusId, statementId: r.statementId, channel: r.channel, attempt: r.attempt, stripeSessionId: session.id, url: session.url, amountGrosze: r.amountGrosze, expiresAt: new Date(session.expires_at * 1000), createdAt: now })
    .onConflictDoNothing();
};

/** The latest checkout of a statement (the paid page asks whether the webhook has arrived yet). */
export async function latestCheckout(statementId: string, db: Database = getDb()) {
  if (!isUuid(statementId)) return null;
  const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.statementId, statementId)).orderBy(desc(checkoutSessions.attempt)).limit(1);
  return row ?? null;
}

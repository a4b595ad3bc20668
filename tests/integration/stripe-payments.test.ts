import { eq } from "drizzle-orm";
import { journalEntries, outbox, payments, statements } from "@db/schema";
import { recordAttendance } from "~/modules/booking/attendance.server";
import { bookSlot } from "~/modules/booking/seats.server";
import { startCheckout } from "~/modules/billing/checkout.server";
import { requestRefund } from "~/modules/billing/payments.server";
import { issueStatements } from "~/modules/billing/statements.server";
import { stripeRefundHandler } from "~/modules/billing/stripe-events.server";
import { receiveStripeWebhook } from "~/modules/billing/webhook.server";
import { warsawDate } from "~/modules/kernel/dates";
import { processOutbox } from "~/modules/notifications/worker.server";
import { makeCopayRule } from "../fixtures/billing";
import { expectLedgerBalanced } from "../fixtures/ledger";
import { actorOf, makeUser } from "../fixtures/people";
import { payOnStandin, setupStripeStandin, webhookRequest } from "../fixtures/stripe";
import { bookableWorld } from "../fixtures/world";
import { setupTestDatabase } from "../setup/test-database";

const test$ = setupTestDatabase();
const stripe$ = setupStripeStandin();

/** An issued statement of 24.00 zł (two delivered visits at 15 % of 80 zł). */
async function issuedStatement() {
  const world = await bookableWorld(test$.db, 3, 1);
  const finance = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
  await makeCopayRule(world.centre.id, world.offerId, finance);
  const resident = world.people[0]!;
  let last = new Date();
  for (const slot of world.weekly.slice(0, 2)) {
    const booked = await bookSlot({ cusId: world.centre.id, slotId: slot.id, residentId: resident.id, actor: world.actor }, test$.db);
    if (!booked.ok) throw new Error(booked.reason);
    last = new Date(slot.startsAt.getTime() + 3_600_000);
    await recordAttendance({ bookingId: booked.bookingId, providerId: world.provider.id, attendance: "delivered", units: 1, actor: world.providerActor, now: new Date(world.weekly[1]!.startsAt.getTime() + 3_600_000) }, test$.db);
  }
  const month = `${warsawDate(world.weekly[1]!.startsAt).slice(0, 7)}-01`;
  await issueStatements({ cusId: world.centre.id, month, issuedOn: month, actor: finance, now: last }, test$.db);
  const [statement] = await test$.db.select().from(statements).where(eq(statements.payerId, resident.id));
  return { world, finance, resident, statement: statement! };
}

const checkoutInput = (s: { cusId: string; id: string; payerId: string }) => ({ cusId: s.cusId, statementId: s.id, payerId: s.payerId, locale: "pl" as const, baseUrl: "http://localhost:3000", description: "Odpłatność" });

describe("paying a statement through Stripe Checkout (the local stand-in)", () => {
  afterEach(async () => expectLedgerBalanced(test$.db));

  it("a double click makes one Checkout Session", async () => {
    const { statement } = await issuedStatement();
    const [a, b] = await Promise.all([startCheckout(checkoutInput(statement), test$.db), startCheckout(checkoutInput(statement), test$.db)]);
    expect(a.ok && b.ok && a.url === b.url).toBe(true);
    const again = await startCheckout(checkoutInput(statement), test$.db);
    expect(again).toEqual(a);
    // Made through the outbox, once, under its deterministic key (also Stripe's idempotency key).
    const queued = await test$.db.select().from(outbox).where(eq(outbox.kind, "stripe-checkout"));
    expect(queued.filter((m) => m.key.startsWith(`checkout:${statement.id}:`)).map((m) => [m.key, m.status])).toEqual([[`checkout:${statement.id}:resident:1`, "sent"]]);
  });

  it("checkout.session.completed delivered three times, then an older expiry: paid once, one ledger entry, never unpaid again", async () => {
    const { statement } = await issuedStatement();
    const checkout = await startCheckout(checkoutInput(statement), test$.db);
    if (!checkout.ok) throw new Error(checkout.reason);
    const before = stripe$.standin.events.length;
    const paid = await payOnStandin(checkout.url, { method: "blik", blikCode: "123456" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toContain(`/me/statements/${statement.id}/paid?session_id=cs_test_`);
    const completed = stripe$.standin.events.slice(before).find((e) => e.type === "checkout.session.completed")!;
    expect((completed.data as { object: { payment_status: string } }).object.payment_status).toBe("paid");

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await receiveStripeWebhook(webhookRequest(stripe$.standin, completed))).json());
    expect(answers.map((a) => (a as { outcome: string }).outcome)).toEqual(["applied", "duplicate", "duplicate"]);
    // An expiry of the same session, created earlier, arriving late.
    const expired = { ...completed, id: "evt_older_expiry", type: "checkout.session.expired", created: (completed.created as number) - 60, data: { object: { ...(completed.data as { object: object }).object, status: "expired", payment_status: "unpaid" } } };
    expect(await (await receiveStripeWebhook(webhookRequest(stripe$.standin, expired))).json()).toEqual({ received: true, outcome: "stale" });

    const [after] = await test$.db.select().from(statements).where(eq(statements.id, statement.id));
    expect([after!.status, after!.paidGrosze]).toEqual(["paid", 2_400]);
    expect((await test$.db.select().from(payments).where(eq(payments.statementId, statement.id))).length).toBe(1);
    const entries = await test$.db.select().from(journalEntries).where(eq(journalEntries.kind, "payment"));
    expect(entries.filter((e) => e.memo.startsWith(statement.reference)).length).toBe(1);
  });

  it("Przelewy24 confirmed later: the completed session waits unpaid, the async success pays it", async () => {
    const { statement } = await issuedStatement();
    const checkout = await startCheckout(checkoutInput(statement), test$.db);
    if (!checkout.ok) throw new Error(checkout.reason);
    const before = stripe$.standin.events.length;
    await payOnStandin(checkout.url, { method: "p24", bank: "pending" });
    const completed = stripe$.standin.events.slice(before).find((e) => e.type === "checkout.session.completed")!;
    expect(await (await receiveStripeWebhook(webhookRequest(stripe$.standin, completed))).json()).toEqual({ received: true, outcome: "ignored" });
    const [waiting] = await test$.db.select().from(statements).where(eq(statements.id, statement.id));
    expect(waiting!.status).toBe("issued");
    await new Promise((r) => setTimeout(r, 1_700));
    const succeeded = stripe$.standin.events.slice(before).find((e) => e.type === "checkout.session.async_payment_succeeded")!;
    expect(await (await receiveStripeWebhook(webhookRequest(stripe$.standin, succeeded))).json()).toEqual({ received: true, outcome: "applied" });
    const [paid] = await test$.db.select().from(statements).where(eq(statements.id, statement.id));
    expect([paid!.status, paid!.paidGrosze]).toEqual(["paid", 2_400]);
  });

  it("a forged or stale signature gets 400 and changes nothing", async () => {
    const { statement } = await issuedStatement();
    const checkout = await startCheckout(checkoutInput(statement), test$.db);
    if (!checkout.ok) throw new Error(checkout.reason);
    const before = stripe$.standin.events.length;
    await payOnStandin(checkout.url, { method: "card", cardNumber: "4242 4242 4242 4242", cardExpiry: "12/30", cardCvc: "123" });
    const completed = stripe$.standin.events.slice(before).find((e) => e.type === "checkout.session.completed")!;
    const forged = await receiveStripeWebhook(webhookRequest(stripe$.standin, completed, "t=1,v1=0000"));
    const body = JSON.stringify(completed);
    const stale = await receiveStripeWebhook(webhookRequest(stripe$.standin, completed, stripe$.standin.sign(body, Math.floor(Date.now() / 1000) - 3600)));
    const tampered = new Request("http://localhost/webhooks/stripe", { method: "POST", headers: { "Stripe-Signature": stripe$.standin.sign(body) }, body: body.replace('"paid"', '"unpaid"') });
    expect([forged.status, stale.status, (await receiveStripeWebhook(tampered)).status]).toEqual([400, 400, 400]);
    const [after] = await test$.db.select().from(statements).where(eq(statements.id, statement.id));
    expect([after!.status, after!.paidGrosze]).toEqual(["issued", 0]);
  });

  it("a declined card leaves the statement unpaid; a refund goes to Stripe once and settles by its webhook", async () => {
    const { statement, finance } = await issuedStatement();
    const checkout = await startCheckout(checkoutInput(statement), test$.db);
    if (!checkout.ok) throw new Error(checkout.reason);
    const declined = await payOnStandin(checkout.url, { method: "card", cardNumber: "4000 0000 0000 0002", cardExpiry: "12/30", cardCvc: "123" });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Karta została odrzucona");

    const before = stripe$.standin.events.length;
    await payOnStandin(checkout.url, { method: "p24", bank: "pko" });
    for (const e of stripe$.standin.events.slice(before)) await receiveStripeWebhook(webhookRequest(stripe$.standin, e));
    const [payment] = await test$.db.select().from(payments).where(eq(payments.statementId, statement.id));
    const refund = await requestRefund({ cusId: statement.cusId, paymentId: payment!.id, amountGrosze: 1_200, reason: "Wizyta się nie odbyła", actor: finance, now: new Date() }, test$.db);
    expect(refund).toMatchObject({ ok: true, method: "stripe" });
    const afterRefund = stripe$.standin.events.length;
    // The worker asks Stripe; a second pass of the worker asks nothing more.
    await processOutbox({ "stripe-refund": stripeRefundHandler }, { db: test$.db });
    await processOutbox({ "stripe-refund": stripeRefundHandler }, { db: test$.db });
    await new Promise((r) => setTimeout(r, 600));
    for (const e of stripe$.standin.events.slice(afterRefund)) await receiveStripeWebhook(webhookRequest(stripe$.standin, e));
    const created = stripe$.standin.events.slice(afterRefund).filter((e) => e.type === "refund.created");
    expect(created.length).toBe(1);
    const [after] = await test$.db.select().from(statements).where(eq(statements.id, statement.id));
    expect([after!.status, after!.refundedGrosze]).toEqual(["paid", 1_200]);
  });
});

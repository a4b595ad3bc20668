import { and, eq, like } from "drizzle-orm";
import { outbox, statements } from "@db/schema";
import { recordAttendance } from "~/modules/booking/attendance.server";
import { bookSlot } from "~/modules/booking/seats.server";
import { billingPass } from "~/modules/billing/billing-worker.server";
import { saveBillingSettings } from "~/modules/billing/billing-settings.server";
import { startCheckout } from "~/modules/billing/checkout.server";
import { openPayLink, sendPayLink } from "~/modules/billing/pay-links.server";
import { issueStatements } from "~/modules/billing/statements.server";
import { receiveStripeWebhook } from "~/modules/billing/webhook.server";
import { addDays, addMonths, warsawDate } from "~/modules/kernel/dates";
import { makeCopayRule } from "../fixtures/billing";
import { expectLedgerBalanced } from "../fixtures/ledger";
import { actorOf, makeUser } from "../fixtures/people";
import { payOnStandin, setupStripeStandin, webhookRequest } from "../fixtures/stripe";
import { bookableWorld } from "../fixtures/world";
import { setupTestDatabase } from "../setup/test-database";

const test$ = setupTestDatabase();
const stripe$ = setupStripeStandin();

/** A centre with one resident's two delivered visits (24.00 zł) in the month of the first weekly slot. */
async function deliveredMonth() {
  const world = await bookableWorld(test$.db, 3, 1);
  const finance = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
  await makeCopayRule(world.centre.id, world.offerId, finance);
  const resident = world.people[0]!;
  const after = new Date(world.weekly[1]!.startsAt.getTime() + 3_600_000);
  for (const slot of world.weekly.slice(0, 2)) {
    const booked = await bookSlot({ cusId: world.centre.id, slotId: slot.id, residentId: resident.id, actor: world.actor }, test$.db);
    if (!booked.ok) throw new Error(booked.reason);
    await recordAttendance({ bookingId: booked.bookingId, providerId: world.provider.id, attendance: "delivered", units: 1, actor: world.providerActor, now: after }, test$.db);
  }
  const month = `${warsawDate(world.weekly[1]!.startsAt).slice(0, 7)}-01`;
  return { world, finance, resident, month, after };
}

describe("after a statement is issued", () => {
  afterEach(async () => expectLedgerBalanced(test$.db));

  it("the worker issues last month on the 1st in a centre that chose it, marks unpaid statements overdue, and reminds once", async () => {
    const { world, finance, resident, month, after } = await deliveredMonth();
    await saveBillingSettings({ cusId: world.centre.id, autoIssue: true, dueDays: 10, actor: finance, now: after }, test$.db);
    const firstOfNext = addMonths(month, 1);
    const onTheFirst = new Date(`${firstOfNext}T06:00:00Z`);
    expect((await billingPass(onTheFirst, test$.db)).issued).toBeGreaterThanOrEqual(1);
    const [issued] = await test$.db.select().from(statements).where(eq(statements.payerId, resident.id));
    expect([issued!.status, issued!.issuedOn, issued!.dueOn]).toEqual(["issued", firstOfNext, addDays(firstOfNext, 10)]);
    // Running again issues nothing more.
    await billingPass(onTheFirst, test$.db);
    expect((await test$.db.select().from(statements).where(eq(statements.payerId, resident.id))).length).toBe(1);

    const late = new Date(`${addDays(firstOfNext, 11)}T06:00:00Z`);
    await billingPass(late, test$.db);
    await billingPass(new Date(late.getTime() + 86_400_000), test$.db);
    const [overdue] = await test$.db.select().from(statements).where(eq(statements.id, issued!.id));
    expect(overdue!.status).toBe("overdue");
    const reminders = await test$.db.select().from(outbox).where(and(eq(outbox.kind, "statement-notice"), eq(outbox.key, `statement-notice:overdue:${issued!.id}`)));
    expect(reminders.length).toBe(1);
  });

  it("a pay link lets someone else pay without an account; it shows only the amount and the payer's first name", async () => {
    const { world, finance, resident, month, after } = await deliveredMonth();
    await issueStatements({ cusId: world.centre.id, month, issuedOn: month, actor: finance, now: after }, test$.db);
    const [statement] = await test$.db.select().from(statements).where(eq(statements.payerId, resident.id));
    expect(await sendPayLink({ cusId: world.centre.id, statementId: statement!.id, email: "corka@example.test", actor: world.actor, now: after, baseUrl: "http://localhost:3000" }, test$.db)).toEqual({ ok: true });
    const [queued] = await test$.db.select().from(outbox).where(and(eq(outbox.cusId, world.centre.id), like(outbox.key, "statement-notice:pay_link:%")));
    const token = String((queued!.payload as { payUrl: string }).payUrl).split("/pay/")[1]!;
    const opened = await openPayLink(token, after, test$.db);
    expect(opened).toMatchObject({ payerShortName: "Osoba N.", outstandingGrosze: 2_400 });
    expect(await openPayLink(token, new Date(after.getTime() + 31 * 86_400_000), test$.db)).toBeNull();
    expect(await openPayLink("not-a-real-token-at-all-xyz", after, test$.db)).toBeNull();

    const checkout = await startCheckout({ cusId: world.centre.id, statementId: statement!.id, payerId: null, locale: "pl", baseUrl: "http://localhost:3000", description: "Odpłatność", returnPath: `/pay/${token}` }, test$.db);
    if (!checkout.ok) throw new Error(checkout.reason);
    const before = stripe$.standin.events.length;
    const paid = await payOnStandin(checkout.url, { method: "p24", bank: "pekao" });
    expect(paid.headers.get("location")).toContain(`/pay/${token}/paid?session_id=`);
    for (const e of stripe$.standin.events.slice(before)) await receiveStripeWebhook(webhookRequest(stripe$.standin, e));
    const [after2] = await test$.db.select().from(statements).where(eq(statements.id, statement!.id));
    expect(after2!.status).toBe("paid");
  });
});

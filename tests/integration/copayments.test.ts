import { eq, sql } from "drizzle-orm";
import { bookings, copayCharges, offerRevisions, offers, statements } from "@db/schema";
import { recordAttendance } from "~/modules/booking/attendance.server";
import { cancelBooking } from "~/modules/booking/changes.server";
import { bookSlot } from "~/modules/booking/seats.server";
import { recordDeskPayment, requestRefund, statementMoney, waiveStatement } from "~/modules/billing/payments.server";
import { getStatement, issueStatements } from "~/modules/billing/statements.server";
import { previewCopay } from "~/modules/billing/preview.server";
import { recordRelief } from "~/modules/billing/rules.server";
import { accounts } from "~/modules/ledger/accounts";
import { accountBalance } from "~/modules/ledger/journal.server";
import { addDays, addMonths, warsawDate } from "~/modules/kernel/dates";
import { linkFamily } from "~/modules/plans/family.server";
import { addPlanItem, addPlanMember, approvePlan, createPlan } from "~/modules/plans/plans.server";
import { makeCopayRule } from "../fixtures/billing";
import { expectLedgerBalanced } from "../fixtures/ledger";
import { actorOf, makeUser } from "../fixtures/people";
import { bookableWorld } from "../fixtures/world";
import { setupTestDatabase } from "../setup/test-database";

const test$ = setupTestDatabase();

/** A world where one resident has two delivered visits of an 80 zł offer charged 15 % (12 zł each). */
async function deliveredWorld() {
  const world = await bookableWorld(test$.db, 3, 2);
  const finance = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
  await makeCopayRule(world.centre.id, world.offerId, finance);
  const resident = world.people[0]!;
  const visits = [];
  for (const slot of world.weekly.slice(0, 2)) {
    const booked = await bookSlot({ cusId: world.centre.id, slotId: slot.id, residentId: resident.id, actor: world.actor }, test$.db);
    if (!booked.ok) throw new Error(booked.reason);
    visits.push({ bookingId: booked.bookingId, startsAt: slot.startsAt });
  }
  const after = new Date(visits[1]!.startsAt.getTime() + 3_600_000);
  for (const v of visits) {
    const r = await recordAttendance({ bookingId: v.bookingId, providerId: world.provider.id, attendance: "delivered", units: 1, actor: world.providerActor, now: after }, test$.db);
    expect(r.ok).toBe(true);
  }
  return { ...world, finance, resident, visits, after, month: `${warsawDate(visits[1]!.startsAt).slice(0, 7)}-01` };
}

describe("co-payments from delivery to statement", () => {
  afterEach(async () => expectLedgerBalanced(test$.db));

  it("a booking records what it was booked under, and a later price change never reprices the visit", async () => {
    const world = await bookableWorld(test$.db, 3, 1);
    const finance = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
    await makeCopayRule(world.centre.id, world.offerId, finance);
    const slot = world.weekly[0]!;
    const booked = await bookSlot({ cusId: world.centre.id, slotId: slot.id, residentId: world.people[0]!.id, actor: world.actor }, test$.db);
    expect(booked.ok).toBe(true);
    const [row] = await test$.db.select().from(bookings).where(eq(bookings.id, (booked as { bookingId: string }).bookingId));
    expect(row!.unitPriceGrosze).toBe(8_000);
    expect(row!.offerRevisionId).toBeTruthy();
    expect(row!.copayRuleVersionId).toBeTruthy();
    // The offer's price goes up to 200 zł after the booking.
    const [offer] = await test$.db.select().from(offers).where(eq(offers.id, world.offerId));
    await test$.db.update(offerRevisions).set({ priceGrosze: 20_000 }).where(eq(offerRevisions.id, offer!.publishedRevisionId!));
    await recordAttendance({ bookingId: row!.id, providerId: world.provider.id, attendance: "delivered", units: 1.5, actor: world.providerActor, now: new Date(slot.startsAt.getTime() + 3_600_000) }, test$.db);
    const charges = await test$.db.select().from(copayCharges).where(eq(copayCharges.bookingId, row!.id));
    // 15 % of 80 zł × 1.5 = 18.00 zł, not 15 % of 200 zł.
    expect(charges.map((c) => [c.kind, c.unitsHundredths, c.amountGrosze])).toEqual([["charge", 150, 1_800]]);
    expect(await accountBalance(world.centre.id, accounts.residentUnbilled(world.people[0]!.id), test$.db)).toBe(1_800);
  });

  it("a correction of delivered units corrects the charge by a new line, never by editing the first", async () => {
    const world = await deliveredWorld();
    const visit = world.visits[0]!;
    await recordAttendance({ bookingId: visit.bookingId, providerId: world.provider.id, attendance: "delivered", units: 0.5, actor: world.providerActor, now: world.after }, test$.db);
    const charges = await test$.db.select().from(copayCharges).where(eq(copayCharges.bookingId, visit.bookingId)).orderBy(copayCharges.createdAt);
    expect(charges.map((c) => [c.kind, c.unitsHundredths, c.amountGrosze])).toEqual([["charge", 100, 1_200], ["correction", -50, -600]]);
    // Recording the same again changes nothing.
    await recordAttendance({ bookingId: visit.bookingId, providerId: world.provider.id, attendance: "delivered", units: 0.5, actor: world.providerActor, now: world.after }, test$.db);
    expect((await test$.db.select().from(copayCharges).where(eq(copayCharges.bookingId, visit.bookingId))).length).toBe(2);
    const edit = await test$.db.execute(sql`update copay_charges set amount_grosze = 1 where booking_id = ${visit.bookingId}`).catch((e: unknown) => e);
    expect(String((edit as Error).message) + String((edit as { cause?: Error }).cause?.message)).toMatch(/never rewritten/);
  });

  it("issues one statement per payer, closes the month, and cash, partial payment, refund and waiver each show on it and in the ledger", async () => {
    const world = await deliveredWorld();
    const issued = await issueStatements({ cusId: world.centre.id, month: world.month, issuedOn: world.month, actor: world.finance, now: world.after }, test$.db);
    expect(issued).toEqual({ ok: true, issued: 1, carried: 0, totalGrosze: 2_400 });
    expect(await issueStatements({ cusId: world.centre.id, month: world.month, issuedOn: world.month, actor: world.finance, now: world.after }, test$.db)).toEqual({ ok: false, reason: "already_issued" });
    const [row] = await test$.db.select().from(statements).where(eq(statements.payerId, world.resident.id));
    const statement = await getStatement(world.centre.id, row!.id, {}, test$.db);
    expect(statement!.lines.map((l) => l.amountGrosze)).toEqual([1_200, 1_200]);
    expect(statement!.statement.reference).toMatch(/^ODP\/\d{4}\/\d{2}\/000001$/);
    expect(await accountBalance(world.centre.id, accounts.residentReceivable(world.resident.id), test$.db)).toBe(2_400);

    // 10 zł in cash now (partly paid), then a refund above it is refused, 4 zł refunded in cash.
    const cash = await recordDeskPayment({ cusId: world.centre.id, statementId: row!.id, method: "cash", amountGrosze: 1_000, receivedOn: world.month, documentNumber: "KP 12/2026", actor: world.finance, now: world.after }, test$.db);
    expect(cash.ok).toBe(true);
    expect((await getStatement(world.centre.id, row!.id, {}, test$.db))!.statement.status).toBe("partly_paid");
    const tooMuch = await requestRefund({ cusId: world.centre.id, paymentId: (cash as { paymentId: string }).paymentId, amountGrosze: 1_001, reason: "Błąd", actor: world.finance, now: world.after }, test$.db);
    expect(tooMuch).toEqual({ ok: false, reason: "above_payment", maxGrosze: 1_000 });
    const refund = await requestRefund({ cusId: world.centre.id, paymentId: (cash as { paymentId: string }).paymentId, amountGrosze: 400, reason: "Wizyta skrócona", actor: world.finance, now: world.after }, test$.db);
    expect(refund).toMatchObject({ ok: true, method: "cash" });
    const money = await statementMoney(row!.id, test$.db);
    expect(money.refunds.map((r) => [r.status, r.amountGrosze])).toEqual([["succeeded", 400]]);
    expect(await accountBalance(world.centre.id, accounts.cashDesk, test$.db)).toBe(600);

    // The rest (14 zł) is waived with a reason.
    expect(await waiveStatement({ cusId: world.centre.id, statementId: row!.id, reason: "Trudna sytuacja materialna", actor: world.finance, now: world.after }, test$.db)).toEqual({ ok: true });
    const after = (await getStatement(world.centre.id, row!.id, {}, test$.db))!.statement;
    expect([after.status, after.paidGrosze, after.refundedGrosze]).toEqual(["waived", 1_000, 400]);
    expect(await accountBalance(world.centre.id, accounts.residentReceivable(world.resident.id), test$.db)).toBe(0);
  });

  it("a no-show and a late cancellation cost what the rule says: nothing unless it charges them, never when the provider cancels", async () => {
    const world = await bookableWorld(test$.db, 3, 1);
    const finance = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
    await makeCopayRule(world.centre.id, world.offerId, finance, { method: "flat", flat: "20", percent: "", chargeLateCancellation: "on" });
    const resident = world.people[0]!;
    const book = async (i: number) => {
      const booked = await bookSlot({ cusId: world.centre.id, slotId: world.weekly[i]!.id, residentId: resident.id, actor: world.actor }, test$.db);
      if (!booked.ok) throw new Error(booked.reason);
      return { id: booked.bookingId, startsAt: world.weekly[i]!.startsAt };
    };
    const missed = await book(0);
    await recordAttendance({ bookingId: missed.id, providerId: world.provider.id, attendance: "no_show", units: null, actor: world.providerActor, now: new Date(missed.startsAt.getTime() + 3_600_000) }, test$.db);
    const lateByResident = await book(1);
    await cancelBooking({ bookingId: lateByResident.id, scope: { residentId: resident.id }, by: "resident", reason: "Choroba", actor: world.actor, now: new Date(lateByResident.startsAt.getTime() - 3_600_000) }, test$.db);
    const lateByProvider = await book(2);
    await cancelBooking({ bookingId: lateByProvider.id, scope: { providerId: world.provider.id }, by: "provider", reason: "Choroba terapeuty", actor: world.providerActor, now: new Date(lateByProvider.startsAt.getTime() - 3_600_000) }, test$.db);
    const charges = await test$.db.select().from(copayCharges).where(eq(copayCharges.residentId, resident.id));
    expect(charges.map((c) => [c.bookingId, c.reason, c.amountGrosze])).toEqual([[lateByResident.id, "late_cancellation", 2_000]]);
  });

  it("previews a plan's monthly co-payment: units spread over the months, the resident's relief, the rule's cap, free when no rule", async () => {
    const world = await bookableWorld(test$.db, 3, 1);
    const finance = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
    await makeCopayRule(world.centre.id, world.offerId, finance, { monthlyCap: "40", relief_senior_card: "50" });
    const resident = world.people[0]!;
    const item = { offerId: world.offerId, offerName: "Gimnastyka", units: 24, validFrom: "2026-01-01", validTo: "2026-06-30" };
    // 24 visits over 6 months = 4 a month × 15 % of 80 zł = 48 zł, capped at 40 zł.
    expect((await previewCopay({ cusId: world.centre.id, residentId: resident.id, items: [item], day: "2026-01-15" }, test$.db)).monthlyGrosze).toBe(4_000);
    await recordRelief({ cusId: world.centre.id, residentId: resident.id, kind: "senior_card", evidence: "Karta seniora nr 12", validFrom: "2026-01-01", validUntil: null, actor: finance, residentInCentre: true }, test$.db);
    expect((await previewCopay({ cusId: world.centre.id, residentId: resident.id, items: [item], day: "2026-01-15" }, test$.db)).monthlyGrosze).toBe(2_400);
    // Before the rule was in force, the service was free.
    expect((await previewCopay({ cusId: world.centre.id, residentId: resident.id, items: [item], day: "2025-12-15" }, test$.db)).monthlyGrosze).toBe(0);
  });

  it("a family plan bills one payer: the husband's visits are on his wife's statement", async () => {
    const world = await bookableWorld(test$.db, 3, 2);
    const finance = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
    await makeCopayRule(world.centre.id, world.offerId, finance);
    const [wife, husband] = world.people as [(typeof world.people)[number], (typeof world.people)[number]];
    await linkFamily({ cusId: world.centre.id, residentId: wife.id, relatedResidentId: husband.id, relation: "spouse", actor: world.actor });
    const first = world.weekly[0]!;
    const from = warsawDate(first.startsAt);
    const to = addDays(from, 120);
    const plan = await createPlan({ cusId: world.centre.id, residentId: wife.id, applicationId: null, content: { validFrom: from, validTo: to, isFamilyPlan: true, previousPlanId: null }, actor: world.actor });
    if (!plan.ok) throw new Error(plan.reason);
    await addPlanMember({ cusId: world.centre.id, planId: plan.planId, residentId: husband.id, actor: world.actor });
    const item = await addPlanItem({ cusId: world.centre.id, planId: plan.planId, item: { offerId: world.offerId, locationId: null, units: 4, frequency: "1 × w tygodniu", validFrom: from, validTo: to }, actor: world.actor });
    if (!item.ok) throw new Error("item");
    await approvePlan({ cusId: world.centre.id, planId: plan.planId, actor: world.actor });
    for (const person of [wife, husband]) {
      const booked = await bookSlot({ cusId: world.centre.id, slotId: first.id, residentId: person.id, planItemId: item.itemId, actor: world.actor }, test$.db);
      if (!booked.ok) throw new Error(booked.reason);
      await recordAttendance({ bookingId: booked.bookingId, providerId: world.provider.id, attendance: "delivered", units: 1, actor: world.providerActor, now: new Date(first.startsAt.getTime() + 3_600_000) }, test$.db);
    }
    const month = `${from.slice(0, 7)}-01`;
    expect(await issueStatements({ cusId: world.centre.id, month, issuedOn: month, actor: finance, now: first.startsAt }, test$.db)).toMatchObject({ ok: true, issued: 1, totalGrosze: 2_400 });
    const [statement] = await test$.db.select().from(statements).where(eq(statements.cusId, world.centre.id));
    expect(statement!.payerId).toBe(wife.id);
    expect((await getStatement(world.centre.id, statement!.id, {}, test$.db))!.lines.map((l) => l.amountGrosze)).toEqual([1_200, 1_200]);
  });

  it("a charge confirmed after its month was issued goes on the next month's statement", async () => {
    const world = await deliveredWorld();
    await issueStatements({ cusId: world.centre.id, month: world.month, issuedOn: world.month, actor: world.finance, now: world.after }, test$.db);
    await recordAttendance({ bookingId: world.visits[0]!.bookingId, providerId: world.provider.id, attendance: "delivered", units: 2, actor: world.providerActor, now: world.after }, test$.db);
    const next = addMonths(world.month, 1);
    const second = await issueStatements({ cusId: world.centre.id, month: next, issuedOn: next, actor: world.finance, now: world.after }, test$.db);
    expect(second).toMatchObject({ ok: true, issued: 1, totalGrosze: 1_200 });
  });
});

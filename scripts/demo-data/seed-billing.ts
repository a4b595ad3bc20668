/**
 * Demo co-payments: the programme's rules (supporting activities free; home care 15 % of the hour with a
 * monthly cap and a senior-card discount; psychological support free for 8 sessions, then 20 zł; physiotherapy
 * 20 % with reliefs), a senior card on record, delivered home-care visits over the last two months, and their
 * statements: one to pay online (the demo resident's), one paid online, one in cash, one refunded, one overdue,
 * one carried over under 2.00 zł. Idempotent: nothing is added once the centre has rules.
 */
import { and, eq, isNull } from "drizzle-orm";
import { visitFacts } from "../../app/modules/booking/attendance.server";
import { accrueCharge } from "../../app/modules/billing/charges.server";
import { parseUnits } from "../../app/modules/billing/copay-engine";
import { recordPayment, requestRefund } from "../../app/modules/billing/payments.server";
import { newRuleSchema } from "../../app/modules/billing/rule-form";
import { createCopayRule, recordRelief } from "../../app/modules/billing/rules.server";
import { issueStatements, markOverdue } from "../../app/modules/billing/statements.server";
import { clock } from "../../app/modules/kernel/clock.server";
import { addDays, addMonths, warsawDate, warsawInstant } from "../../app/modules/kernel/dates";
import type { Database } from "../../db/client";
import { bookings, copayCharges, copayRules, offerRevisions, offers, slots, statements } from "../../db/schema";

type Ids = { centreId: string; providerId: (name: string) => string; stableId: (name: string) => string; financeUserId: string };

const HOME_CARE = "Usługi opiekuńcze w domu";

export async function seedBilling(db: Database, ids: Ids, now = clock.now()): Promise<void> {
  const [existing] = await db.select({ id: copayRules.id }).from(copayRules).where(eq(copayRules.cusId, ids.centreId)).limit(1);
  if (existing) return;
  const finance = { userId: ids.financeUserId, email: "finanse@cus-demo.example", name: "Katarzyna Lewandowska", ip: "seed" };
  const today = warsawDate(now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const lastMonth = addMonths(thisMonth, -1);
  const twoAgo = addMonths(thisMonth, -2);
  const validFrom = addMonths(thisMonth, -3);
  const resolutionDate = addDays(validFrom, -20);
  const resolution = { resolutionNumber: `XXIV/187/${resolutionDate.slice(0, 4)}`, resolutionDate, validFrom, freeUnitsPer: "none" };
  const offerId = (name: string) => ids.stableId(`offer:${name}`);

  const rules: Record<string, string>[] = [
    { name: "Działania wspierające i zajęcia w klubach — bezpłatne", scope: "area", area: "10", method: "free" },
    { name: "Usługi opiekuńcze — 15 % ceny godziny, najwyżej 120 zł miesięcznie", scope: "offer", offerId: offerId(HOME_CARE), method: "percent", percent: "15", monthlyCap: "120", relief_senior_card: "50", relief_disability_severe: "100" },
    { name: "Wsparcie psychologiczne — 8 sesji bezpłatnie, potem 20 zł", scope: "offer", offerId: offerId("Wsparcie psychologiczne dla dorosłych"), method: "flat", flat: "20", freeUnits: "8", freeUnitsPer: "plan" },
    { name: "Fizjoterapia w gabinecie — 20 % ceny, ulgi dla rodzin i osób z orzeczeniem", scope: "offer", offerId: offerId("Fizjoterapia w gabinecie"), method: "percent", percent: "20", relief_large_family_card: "50", relief_disability_severe: "100", chargeNoShow: "on" },
  ];
  for (const fields of rules) {
    const created = await createCopayRule({ cusId: ids.centreId, rule: newRuleSchema.parse({ ...resolution, ...fields }), actor: finance }, db);
    if (!created.ok) throw new Error(`demo rule refused: ${created.reason}`);
  }
  await recordRelief(
    { cusId: ids.centreId, residentId: ids.stableId("resident:Marian:Woźniak:1948-01-17"), kind: "senior_card", evidence: "Karta Seniora Gminy Lipnica Mała nr 0147", validFrom, validUntil: addMonths(thisMonth, 21), actor: finance, residentInCentre: true },
    db,
  );

  // Home-care visits as they happened (hours delivered), written like the plans' past visits.
  const [care] = await db.select({ price: offerRevisions.priceGrosze, revision: offerRevisions.id }).from(offers).innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId)).where(eq(offers.id, offerId(HOME_CARE)));
  const visits: [string, string, number][] = [
    // [resident, day, hours]
    ["resident:Józef:Jankowski:1942-04-08", addDays(twoAgo, 6), 1],
    ["resident:Józef:Jankowski:1942-04-08", addDays(twoAgo, 13), 1],
    ["resident:Stanisława:Jabłońska:1944-03-12", addDays(lastMonth, 3), 2],
    ["resident:Stanisława:Jabłońska:1944-03-12", addDays(lastMonth, 10), 2],
    ["resident:Stanisława:Jabłońska:1944-03-12", addDays(lastMonth, 17), 2],
    ["resident:Henryk:Kowalczyk:1939-11-02", addDays(lastMonth, 4), 1],
    ["resident:Henryk:Kowalczyk:1939-11-02", addDays(lastMonth, 11), 1.5],
    ["resident:Zofia:Szymańska:1951-06-25", addDays(lastMonth, 5), 1.5],
    ["resident:Zofia:Szymańska:1951-06-25", addDays(lastMonth, 12), 1.5],
    ["resident:Halina:Nowakowska:1953-07-19", addDays(lastMonth, 8), 0.25],
  ];
  const provider = ids.providerId("Fundacja Pomocna Dłoń");
  for (const [n, [resident, day, hours]] of visits.entries()) {
    const startsAt = warsawInstant(day, 9 * 60);
    const endsAt = new Date(startsAt.getTime() + hours * 3_600_000);
    const [slot] = await db.insert(slots).values({ cusId: ids.centreId, offerId: offerId(HOME_CARE), providerId: provider, sourceKey: `demo-billing:${n}`, startsAt, endsAt, capacity: 1, booked: 1 }).returning();
    await db.insert(bookings).values({
      cusId: ids.centreId, slotId: slot!.id, offerId: offerId(HOME_CARE), providerId: provider, residentId: ids.stableId(resident), startsAt, endsAt, createdBy: ids.financeUserId,
      offerRevisionId: care?.revision ?? null, unitPriceGrosze: care?.price ?? null,
      attendance: "delivered", deliveredUnits: hours.toFixed(2), attendanceRecordedAt: endsAt,
    });
  }

  // Every recorded visit of the demo accrues its co-payment, oldest first (quotas and caps count in order).
  const recorded = await db
    .select()
    .from(bookings)
    .leftJoin(copayCharges, eq(copayCharges.bookingId, bookings.id))
    .where(and(eq(bookings.cusId, ids.centreId), isNull(copayCharges.id)))
    .orderBy(bookings.startsAt);
  const accrueUntil = (limit: string) =>
    db.transaction(async (tx) => {
      for (const { bookings: b } of recorded) {
        if (!b.attendance || warsawDate(b.startsAt) >= limit) continue;
        const [done] = await tx.select({ id: copayCharges.id }).from(copayCharges).where(eq(copayCharges.bookingId, b.id));
        if (done) continue;
        const units = b.attendance === "delivered" ? (parseUnits(b.deliveredUnits ?? "1") ?? 100) : 100;
        await accrueCharge(tx, await visitFacts(tx, b), { reason: b.attendance, unitsHundredths: units }, null, b.attendanceRecordedAt ?? b.endsAt);
      }
    });

  // Two months ago: issued on the 1st of last month, due in 14 days, not paid — overdue now.
  await accrueUntil(lastMonth);
  await issueStatements({ cusId: ids.centreId, month: twoAgo, issuedOn: lastMonth, actor: finance, now: warsawInstant(lastMonth, 8 * 60) }, db);
  await markOverdue(ids.centreId, today, now, db);
  // Last month: issued today.
  await accrueUntil(thisMonth);
  await issueStatements({ cusId: ids.centreId, month: lastMonth, issuedOn: thisMonth, actor: finance, now }, db);

  const statementOf = async (resident: string) => {
    const [row] = await db.select().from(statements).where(and(eq(statements.payerId, ids.stableId(resident)), eq(statements.month, lastMonth)));
    return row;
  };
  const paidOnline = await statementOf("resident:Marian:Woźniak:1948-01-17");
  if (paidOnline) {
    await db.transaction((tx) =>
      recordPayment(tx, { cusId: ids.centreId, statementId: paidOnline.id, method: "stripe", amountGrosze: paidOnline.totalGrosze, receivedOn: today, documentNumber: "pi_demo_marian", stripePaymentIntentId: "pi_demo_marian", stripeCheckoutSessionId: null, paidWith: "blik", actor: null, now }),
    );
  }
  const paidCash = await statementOf("resident:Henryk:Kowalczyk:1939-11-02");
  if (paidCash) await db.transaction((tx) => recordPayment(tx, { cusId: ids.centreId, statementId: paidCash.id, method: "cash", amountGrosze: paidCash.totalGrosze, receivedOn: today, documentNumber: "KP 14/2026", actor: finance, now }));
  const refunded = await statementOf("resident:Zofia:Szymańska:1951-06-25");
  if (refunded) {
    const paid = await db.transaction((tx) => recordPayment(tx, { cusId: ids.centreId, statementId: refunded.id, method: "cash", amountGrosze: refunded.totalGrosze, receivedOn: today, documentNumber: "KP 15/2026", actor: finance, now }));
    if (paid.ok) await requestRefund({ cusId: ids.centreId, paymentId: paid.paymentId, amountGrosze: Math.min(1_013, refunded.totalGrosze), reason: "Jedna wizyta skrócona o połowę — zwrot za niewykonaną część", actor: finance, now }, db);
  }
}

import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { centreGminas, copayCharges, copayRuleVersions, residents } from "@db/schema";
import { addMonths, warsawDate } from "~/modules/kernel/dates";
import { accounts } from "~/modules/ledger/accounts";
import { postJournalEntry } from "~/modules/ledger/journal.server";
import { computeCharge, type ChargeReason } from "./copay-engine";
import { findRuleVersionId, reliefsOnDay, termsOf } from "./rules.server";

/*
 * Charges: the moment money hangs on. When a provider confirms a delivery (or records a missed visit the rule
 * charges for), the resident's co-payment is computed under the rule version the visit was booked under and
 * accrued — a charge row and a journal entry, in the transaction that records the attendance. A later change
 * of the units is a correction: a new row and entry for the difference, never an edit of the first.
 */

/** What the booking module tells billing about a visit. */
export type VisitFacts = {
  bookingId: string;
  cusId: string;
  residentId: string;
  /** Who pays: the resident, or the holder of the family plan the visit was booked under. */
  payerId: string;
  planId: string | null;
  offerId: string;
  offerName: string;
  startsAt: Date;
  unitPriceGrosze: number;
  ruleVersionId: string | null;
};

/** The gmina whose income a resident's co-payment is: the centre's gmina of the resident's address, or its first one. */
async function incomeGmina(db: Database, cusId: string, residentId: string): Promise<string> {
  const [row] = await db
    .select({ teryt: centreGminas.terytCode })
    .from(centreGminas)
    .leftJoin(residents, and(eq(residents.id, residentId), eq(residents.gminaName, centreGminas.name)))
    .where(eq(centreGminas.cusId, cusId))
    .orderBy(sql`${residents.id} is null`, centreGminas.terytCode)
    .limit(1);
  return row?.teryt ?? "cus";
}

/**
 * Accrues (or corrects) the co-payment of one visit. `units` in hundredths; null with a reason that is not a
 * delivery (the booked length counts as one unit). Returns the amount now charged for the visit in total.
 */
export async function accrueCharge(
  tx: Database,
  visit: VisitFacts,
  outcome: { reason: ChargeReason; unitsHundredths: number },
  recordedBy: string | null,
  now: Date,
): Promise<{ totalGrosze: number; changeGrosze: number }> {
  const day = warsawDate(visit.startsAt);
  const monthStart = `${day.slice(0, 7)}-01`;
  const nextMonth = addMonths(monthStart, 1);
  const ruleVersionId = visit.ruleVersionId ?? (await findRuleVersionId(visit.cusId, visit.offerId, day, tx));
  const [version] = ruleVersionId ? await tx.select().from(copayRuleVersions).where(eq(copayRuleVersions.id, ruleVersionId)) : [];
  const ruleId = version?.ruleId ?? null;

  // Serialise charges of one resident: quotas and caps count what was charged before.
  await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, visit.residentId)).for("update");
  const own = await tx.select().from(copayCharges).where(eq(copayCharges.bookingId, visit.bookingId));
  const chargedBefore = own.reduce((sum, c) => sum + c.amountGrosze, 0);
  const unitsBefore = own.reduce((sum, c) => sum + c.unitsHundredths, 0);

  let unitsUsedBefore = 0;
  let chargedThisMonth = 0;
  if (ruleId) {
    const quotaScope =
      version?.freeUnitsPer === "plan" && visit.planId
        ? sql`${copayCharges.planId} = ${visit.planId}`
        : sql`${copayCharges.serviceDate} >= ${monthStart} and ${copayCharges.serviceDate} < ${nextMonth}`;
    const [used] = await tx
      .select({ units: sql<string>`coalesce(sum(${copayCharges.unitsHundredths}), 0)` })
      .from(copayCharges)
      .where(and(eq(copayCharges.ruleId, ruleId), eq(copayCharges.residentId, visit.residentId), ne(copayCharges.bookingId, visit.bookingId), eq(copayCharges.reason, "delivered"), quotaScope));
    const [month] = await tx
      .select({ amount: sql<string>`coalesce(sum(${copayCharges.amountGrosze}), 0)` })
      .from(copayCharges)
      .where(and(eq(copayCharges.ruleId, ruleId), eq(copayCharges.residentId, visit.residentId), ne(copayCharges.bookingId, visit.bookingId), sql`${copayCharges.serviceDate} >= ${monthStart} and ${copayCharges.serviceDate} < ${nextMonth}`));
    unitsUsedBefore = Number(used?.units ?? 0);
    chargedThisMonth = Number(month?.amount ?? 0);
  }
  const result = computeCharge({
    terms: version ? termsOf(version) : null,
    unitPriceGrosze: visit.unitPriceGrosze,
    unitsHundredths: outcome.unitsHundredths,
    reason: outcome.reason,
    unitsUsedBefore,
    chargedThisMonthGrosze: chargedThisMonth,
    reliefs: await reliefsOnDay(visit.residentId, day, tx),
  });

  const change = result.amountGrosze - chargedBefore;
  const unitsChange = (outcome.reason === "delivered" ? outcome.unitsHundredths : 0) - unitsBefore;
  const first = own.length === 0;
  if (!first && change === 0 && unitsChange === 0) return { totalGrosze: result.amountGrosze, changeGrosze: 0 };
  // A missed or late-cancelled visit the rule does not charge leaves no line on anyone's statement.
  if (first && result.amountGrosze === 0 && outcome.reason !== "delivered") return { totalGrosze: 0, changeGrosze: 0 };

  const [row] = await tx
    .insert(copayCharges)
    .values({
      cusId: visit.cusId,
      bookingId: visit.bookingId,
      residentId: visit.residentId,
      payerId: visit.payerId,
      ruleVersionId: version?.id ?? null,
      ruleId,
      planId: visit.planId,
      kind: first ? "charge" : "correction",
      reason: outcome.reason,
      description: visit.offerName,
      serviceDate: day,
      unitsHundredths: first ? (outcome.reason === "delivered" ? outcome.unitsHundredths : 0) : unitsChange,
      unitPriceGrosze: visit.unitPriceGrosze,
      amountGrosze: first ? result.amountGrosze : change,
      explanation: JSON.stringify(result.explanation),
      gmina: await incomeGmina(tx, visit.cusId, visit.residentId),
      createdAt: now,
    })
    .returning();
  const amount = row!.amountGrosze;
  if (amount !== 0) {
    await postJournalEntry(tx, {
      cusId: visit.cusId,
      kind: first ? "charge" : "charge_correction",
      sourceKey: `${first ? "charge" : "charge_correction"}:${row!.id}`,
      memo: `${visit.offerName} ${day}`,
      occurredAt: now,
      recordedBy,
      lines: [
        { account: accounts.residentUnbilled(visit.payerId), amountGrosze: amount },
        { account: accounts.copayIncome(row!.gmina), amountGrosze: -amount },
      ],
    });
  }
  return { totalGrosze: result.amountGrosze, changeGrosze: change };
}

/** A visit's charges and corrections (for the provider's and the coordinator's view of a visit). */
export async function chargesOfBooking(bookingId: string, db: Database) {
  return db.select().from(copayCharges).where(eq(copayCharges.bookingId, bookingId)).orderBy(copayCharges.createdAt);
}

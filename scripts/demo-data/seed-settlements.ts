/**
 * Demo contracts and settlements: funding sources (a gmina budget line 852 / 85228 / §4300, an EU project under
 * FERS, the government's respite-care programme, the co-payments), a contract for every demo provider with
 * published offers — across every mode, one konkurs with a 2,000-hour pool over three years, one przetarg with
 * social clauses, one porozumienie — with their funding splits; every delivered visit accrued; last month settled
 * (sent, accepted with invoice numbers, approved by a second person, paid: Fundacja Pomocna Dłoń by Stripe, the
 * others by the bank file); this month open. Idempotent: nothing is added once the centre has contracts.
 */
import { eq, sql } from "drizzle-orm";
import { contractFormSchema } from "../../app/modules/contracts/contract-form";
import { createContract } from "../../app/modules/contracts/contracts.server";
import { createFundingSource, setContractSplit, type SplitLineInput } from "../../app/modules/funding/sources.server";
import type { ContractMode } from "../../app/modules/contracts/values";
import { clock } from "../../app/modules/kernel/clock.server";
import { addDays, addMonths, warsawDate, warsawInstant } from "../../app/modules/kernel/dates";
import { rowsOf } from "../../app/modules/kernel/rows.server";
import { accrueDeliveries } from "../../app/modules/settlements/accruals.server";
import { setTreasuryAccount } from "../../app/modules/settlements/payout-accounts.server";
import { answerStatement, approveRun, getRun, markBankPaid, openSettlementRun, recordTransfer, sendRun } from "../../app/modules/settlements/runs.server";
import type { Database } from "../../db/client";
import { bookings, contracts, providerPayoutAccounts, providerStatementLines, slots } from "../../db/schema";

type Ids = { centreId: string; providerId: (name: string) => string; organiserUserId: string; financeUserId: string; directorUserId: string };

/** A valid NRB for a demo bank account: the bank's sort code with its check digit, then the IBAN check digits. */
function demoNrb(sortCode7: string, account16: string): string {
  const weights = [3, 9, 7, 1, 3, 9, 7];
  const check = (10 - ([...sortCode7].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 10)) % 10;
  const bban = `${sortCode7}${check}${account16}`;
  const remainder = BigInt(`${bban}252100`) % 97n;
  return `${String(98n - remainder).padStart(2, "0")}${bban}`;
}

const modesInTurn: ContractMode[] = ["open_call_support", "tender", "reserved_contract", "below_threshold"];

export async function seedSettlements(db: Database, ids: Ids, now = clock.now()): Promise<void> {
  const [existing] = await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.cusId, ids.centreId)).limit(1);
  if (existing) return;
  const actor = (userId: string, email: string, name: string) => ({ userId, email, name, ip: "seed" });
  const organiser = actor(ids.organiserUserId, "organizator@cus-demo.example", "Tomasz Kaczmarek");
  const finance = actor(ids.financeUserId, "finanse@cus-demo.example", "Katarzyna Lewandowska");
  const director = actor(ids.directorUserId, "dyrektor@cus-demo.example", "Barbara Wiśniewska");
  const today = warsawDate(now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const lastMonth = addMonths(thisMonth, -1);
  const since = addMonths(thisMonth, -12);
  const year = since.slice(0, 4);

  const gmina = await createFundingSource({ cusId: ids.centreId, source: { kind: "gmina_budget", name: "Budżet gminy — usługi opiekuńcze i specjalistyczne", dzial: "852", rozdzial: "85228", paragraf: "4300" }, actor: organiser }, db);
  const eu = await createFundingSource({ cusId: ids.centreId, source: { kind: "eu_project", name: "Centrum Usług Społecznych w Borkowie — usługi w społeczności", programme: "FERS", projectNumber: "FERS.03.01-IP.01-0042/25", eligibleFrom: since, eligibleTo: addDays(addMonths(since, 36), -1), budgetGrosze: 2_400_000_00 }, actor: organiser }, db);
  const respite = await createFundingSource({ cusId: ids.centreId, source: { kind: "government_programme", name: "Opieka wytchnieniowa — edycja 2026", programme: "Resortowy program MRPiPS", eligibleFrom: `${thisMonth.slice(0, 4)}-01-01`, eligibleTo: `${thisMonth.slice(0, 4)}-12-31`, budgetGrosze: 180_000_00 }, actor: organiser }, db);
  await createFundingSource({ cusId: ids.centreId, source: { kind: "copayment", name: "Odpłatność mieszkańców" }, actor: organiser }, db);

  // The demo providers' published offers and list prices.
  const offered = await rowsOf<{ providerId: string; providerName: string; legalForm: string; offerId: string; price: number | null }>(
    db,
    sql`select p.id as "providerId", p.name as "providerName", p.legal_form as "legalForm", o.id as "offerId", r.price_grosze as price
        from offers o join provider_organisations p on p.id = o.provider_id join offer_revisions r on r.id = o.published_revision_id
        join centre_providers cp on cp.provider_id = p.id and cp.cus_id = o.cus_id and cp.status = 'verified'
        where o.cus_id = ${ids.centreId} order by p.name, r.name`,
  );
  const byProvider = new Map<string, typeof offered>();
  for (const o of offered) byProvider.set(o.providerId, [...(byProvider.get(o.providerId) ?? []), o]);

  let turn = 0;
  let publicUnits = 0;
  for (const [providerId, rows] of byProvider) {
    const name = rows[0]!.providerName;
    const helpingHand = providerId === ids.providerId("Fundacja Pomocna Dłoń");
    const mode: ContractMode = helpingHand ? "open_call_entrust" : name === "Spółdzielnia Socjalna Razem" ? "tender_social_clauses" : rows[0]!.legalForm === "public_unit" && publicUnits < 2 ? (publicUnits++ === 0 ? "agreement" : "own_unit") : modesInTurn[turn++ % modesInTurn.length]!;
    const number = { open_call_entrust: `KO/1/${year}`, open_call_support: `KO/${turn + 1}/${year}`, tender_social_clauses: `ZP/4/${year}`, tender: `ZP/${turn + 4}/${year}`, reserved_contract: `ZZ/${turn}/${year}`, below_threshold: `ZPP/${turn}/${year}`, agreement: `POR/1/${year}`, own_unit: `JW/${turn}/${year}` }[mode];
    const fields = {
      providerId,
      number,
      mode,
      signedOn: addDays(since, -14),
      validFrom: since,
      validTo: addDays(addMonths(since, helpingHand ? 36 : 24), -1),
      poolUnits: helpingHand ? "2000" : "",
      poolAmount: mode === "tender_social_clauses" ? "180000" : "",
      offerId: rows.map((r) => r.offerId),
      // The contract's price: the list price, or 50 zł a unit where the offer is free to residents.
      tariff: rows.map((r) => ((r.price && r.price > 0 ? r.price : 5_000) / 100).toFixed(2).replace(".", ",")),
    };
    const created = await createContract({ cusId: ids.centreId, contract: contractFormSchema.parse(fields), actor: organiser }, db);
    if (!created.ok) throw new Error(`demo contract refused: ${created.reason}`);
    const line = (sourceId: string, share: number, ceiling: number | null = null): SplitLineInput => ({ sourceId, shareBp: share * 100, fixedPerUnitGrosze: null, ceilingGrosze: ceiling, ceilingPeriod: ceiling ? "month" : null });
    const split: SplitLineInput[] = helpingHand
      ? [line(eu.id, 85, 40_000_00), line(gmina.id, 15)]
      : mode === "agreement" || mode === "own_unit"
        ? [line(gmina.id, 100)]
        : turn % 2 === 0
          ? [{ sourceId: respite.id, shareBp: null, fixedPerUnitGrosze: 2_000, ceilingGrosze: 10_000_00, ceilingPeriod: "year" }, line(gmina.id, 100)]
          : [line(eu.id, 60), line(gmina.id, 40)];
    const splitSet = await setContractSplit({ cusId: ids.centreId, contractId: created.contractId, validFrom: since, lines: split, actor: organiser }, db);
    if (!splitSet.ok) throw new Error(`demo split refused: ${splitSet.reason}`);
    // Fundacja Pomocna Dłoń is paid through Stripe Connect; the others to bank accounts the organiser confirmed.
    await db
      .insert(providerPayoutAccounts)
      .values(
        helpingHand
          ? { providerId, stripeAccountId: "acct_demo_pomocna_dlon", connectStatus: "active" }
          : { providerId, bankNrb: demoNrb("1020102", String(4_000_000_000_000_000 + turn * 7_919 + publicUnits).padStart(16, "0")), bankHolder: name, bankConfirmedBy: ids.organiserUserId, bankConfirmedAt: now },
      )
      .onConflictDoNothing();
  }
  await setTreasuryAccount({ cusId: ids.centreId, nrb: demoNrb("1020102", "0000710201234567"), name: "Gmina Borków — Urząd Gminy", actor: finance }, db);

  // Last month's visits of two more providers, delivered and recorded as the plans' past visits are.
  const people = await rowsOf<{ id: string }>(db, sql`select id from residents where cus_id = ${ids.centreId} order by last_name limit 4`);
  for (const [providerName, hours] of [["Spółdzielnia Socjalna Razem", 2], ["Stowarzyszenie Aktywni Seniorzy", 1.5]] as const) {
    const offer = byProvider.get(ids.providerId(providerName))?.[0];
    if (!offer) continue;
    for (const [n, day] of [3, 7, 10, 14, 17, 21].entries()) {
      const startsAt = warsawInstant(addDays(lastMonth, day), 11 * 60);
      const endsAt = new Date(startsAt.getTime() + hours * 3_600_000);
      const [slot] = await db.insert(slots).values({ cusId: ids.centreId, offerId: offer.offerId, providerId: offer.providerId, sourceKey: `demo-settlement:${providerName}:${n}`, startsAt, endsAt, capacity: 1, booked: 1 }).returning();
      await db.insert(bookings).values({ cusId: ids.centreId, slotId: slot!.id, offerId: offer.offerId, providerId: offer.providerId, residentId: people[n % people.length]!.id, startsAt, endsAt, createdBy: ids.organiserUserId, attendance: "delivered", deliveredUnits: hours.toFixed(2), attendanceRecordedAt: endsAt });
    }
  }

  // Every visit recorded so far accrues what the centre owes for it.
  await db.transaction((tx) => accrueDeliveries(tx, { cusId: ids.centreId, before: addDays(today, 1) }, null, now));

  // Last month: prepared by finance, answered for each provider (the demo providers but one have no account: the
  // organiser records the answer and invoice they sent on paper), approved by the director, paid.
  const opened = await openSettlementRun({ cusId: ids.centreId, month: lastMonth, actor: finance, now }, db);
  if (!opened.ok) return;
  await sendRun({ cusId: ids.centreId, runId: opened.runId, actor: finance, now }, db);
  const run = await getRun(ids.centreId, opened.runId, db);
  for (const [n, { s }] of (run?.statements ?? []).entries()) {
    const lines = await db.select({ id: providerStatementLines.id }).from(providerStatementLines).where(eq(providerStatementLines.statementId, s.id));
    const invoice = { lines: lines.map((l) => ({ lineId: l.id, answer: "accepted" as const, reason: null })), invoiceNumber: `FV/${n + 1}/${thisMonth.slice(5, 7)}/${thisMonth.slice(0, 4)}`, ksefNumber: n % 2 === 0 ? `${5_260_250_274 + n}-${thisMonth.replaceAll("-", "")}-0A1B2C3D4E5F-6A` : null, invoiceDate: thisMonth };
    await answerStatement({ statementId: s.id, providerId: s.providerId, answer: invoice, actor: organiser, now }, db);
  }
  await approveRun({ cusId: ids.centreId, runId: opened.runId, actor: director, now }, db);
  for (const { s } of (await getRun(ids.centreId, opened.runId, db))?.statements ?? []) {
    if (s.status === "approved" && s.paymentMethod === "stripe") await recordTransfer(db, s, `tr_demo_${s.reference.replaceAll("/", "_")}`, now);
  }
  await markBankPaid({ cusId: ids.centreId, runId: opened.runId, paidOn: today, actor: finance, now }, db);
}

import { eq } from "drizzle-orm";
import { billingSettings, bookings, providerPayoutAccounts, providerStatementLines } from "@db/schema";
import { recordAttendance } from "~/modules/booking/attendance.server";
import { bookSlot } from "~/modules/booking/seats.server";
import { contractFormSchema } from "~/modules/contracts/contract-form";
import { changeTariff, createContract } from "~/modules/contracts/contracts.server";
import { createFundingSource, setContractSplit } from "~/modules/funding/sources.server";
import { addMonths, warsawDate } from "~/modules/kernel/dates";
import { accounts } from "~/modules/ledger/accounts";
import { accountBalance, accountBalances } from "~/modules/ledger/journal.server";
import { processOutbox } from "~/modules/notifications/worker.server";
import { answerStatement, approveRun, bankFile, getProviderStatement, getRun, markBankPaid, openSettlementRun, resolveDispute, sendRun, settlementTransferHandler, transferKey } from "~/modules/settlements/runs.server";
import { stripe } from "~/modules/stripe/client.server";
import { expectLedgerBalanced } from "../fixtures/ledger";
import { actorOf, makeCentre, makeUser } from "../fixtures/people";
import { setupStripeStandin } from "../fixtures/stripe";
import { bookableWorld } from "../fixtures/world";
import { setupTestDatabase } from "../setup/test-database";

const test$ = setupTestDatabase();
setupStripeStandin();

/** Two visits delivered under a contract whose tariff rose between them (two lines), 85 % EU / 15 % gmina. */
async function deliveredMonth(payout: "stripe" | "bank") {
  const world = await bookableWorld(test$.db, 2, 2);
  const organiser = actorOf(world.organiser);
  const preparer = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
  const approver = actorOf(await makeUser(test$.db, { role: "finance", cusId: world.centre.id }));
  const [first, second] = [world.weekly[0]!, world.weekly[1]!];
  const from = warsawDate(first.startsAt);
  const created = await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse({ providerId: world.provider.id, number: "KO/3/2026", mode: "open_call_support", signedOn: from, validFrom: from, validTo: addMonths(from, 24), poolUnits: "2000", poolAmount: "", offerId: [world.offerId], tariff: ["80,00"] }), actor: organiser }, test$.db);
  if (!created.ok) throw new Error(created.reason);
  await changeTariff({ cusId: world.centre.id, contractId: created.contractId, offerId: world.offerId, unitPriceGrosze: 9_000, validFrom: warsawDate(second.startsAt), actor: organiser }, test$.db);
  const eu = await createFundingSource({ cusId: world.centre.id, source: { kind: "eu_project", name: "FERS", programme: "FERS", projectNumber: "FERS.03.01-IP.01-0002/26" }, actor: organiser }, test$.db);
  const gmina = await createFundingSource({ cusId: world.centre.id, source: { kind: "gmina_budget", name: "Gmina", dzial: "852", rozdzial: "85295", paragraf: "4300" }, actor: organiser }, test$.db);
  await setContractSplit({ cusId: world.centre.id, contractId: created.contractId, validFrom: from, lines: [{ sourceId: eu.id, shareBp: 8_500, fixedPerUnitGrosze: null, ceilingGrosze: null, ceilingPeriod: null }, { sourceId: gmina.id, shareBp: 1_500, fixedPerUnitGrosze: null, ceilingGrosze: null, ceilingPeriod: null }], actor: organiser }, test$.db);
  for (const [slot, resident] of [[first, world.people[0]!], [second, world.people[1]!]] as const) {
    const booked = await bookSlot({ cusId: world.centre.id, slotId: slot.id, residentId: resident.id, actor: world.actor }, test$.db);
    if (!booked.ok) throw new Error(booked.reason);
    await recordAttendance({ bookingId: booked.bookingId, providerId: world.provider.id, attendance: "delivered", units: 2, actor: world.providerActor, now: new Date(slot.startsAt.getTime() + 7_200_000) }, test$.db);
  }
  if (payout === "stripe") {
    const account = await stripe().accounts.create({ type: "express", country: "PL" });
    const link = await stripe().accountLinks.create({ account: account.id, type: "account_onboarding", return_url: "http://localhost/provider/payouts", refresh_url: "http://localhost/provider/payouts" });
    await fetch(link.url, { method: "POST", redirect: "manual" });
    await test$.db.insert(providerPayoutAccounts).values({ providerId: world.provider.id, stripeAccountId: account.id, connectStatus: "active" });
    await stripe().topups.create({ amount: 1_000_000, currency: "pln", description: "Zasilenie salda na wypłaty" });
  } else {
    await test$.db.insert(providerPayoutAccounts).values({ providerId: world.provider.id, bankNrb: "61109010140000071219812874", bankHolder: "Fundacja Testowa", bankConfirmedAt: new Date() });
    await test$.db.insert(billingSettings).values({ cusId: world.centre.id, treasuryNrb: "77102010260000710201234567", treasuryName: "Gmina Borków" }).onConflictDoUpdate({ target: billingSettings.cusId, set: { treasuryNrb: "77102010260000710201234567", treasuryName: "Gmina Borków" } });
  }
  const month = `${warsawDate(second.startsAt).slice(0, 7)}-01`;
  const now = new Date(second.startsAt.getTime() + 86_400_000);
  return { ...world, preparer, approver, month, now, eu, gmina, contractId: created.contractId };
}

describe("monthly settlement of providers", () => {
  afterEach(async () => expectLedgerBalanced(test$.db));

  it("from delivery to transfer: dispute, resolution, four-eyes approval, one transfer, and the ledger agrees", async () => {
    const w = await deliveredMonth("stripe");
    const opened = await openSettlementRun({ cusId: w.centre.id, month: w.month, actor: w.preparer, now: w.now }, test$.db);
    if (!opened.ok) throw new Error(opened.reason);
    const { statements } = (await getRun(w.centre.id, opened.runId, test$.db))!;
    expect(statements.map((s) => [s.s.status, s.s.totalGrosze])).toEqual([["draft", 2 * 8_000 + 2 * 9_000]]);
    const statementId = statements[0]!.s.id;
    // A draft is finance's alone.
    expect(await getProviderStatement({ providerId: w.provider.id }, statementId, test$.db)).toBeNull();
    await sendRun({ cusId: w.centre.id, runId: opened.runId, actor: w.preparer, now: w.now }, test$.db);
    const seen = (await getProviderStatement({ providerId: w.provider.id }, statementId, test$.db))!;
    expect(seen.lines.map((l) => [l.line.unitPriceGrosze, l.line.unitsHundredths])).toEqual(expect.arrayContaining([[8_000, 200], [9_000, 200]]));
    const [cheap, dear] = [seen.lines.find((l) => l.line.unitPriceGrosze === 8_000)!, seen.lines.find((l) => l.line.unitPriceGrosze === 9_000)!];
    const answer = (invoiceDate: string) => ({ lines: [{ lineId: cheap.line.id, answer: "disputed" as const, reason: "Zrealizowano 3 godziny, nie 2" }, { lineId: dear.line.id, answer: "accepted" as const, reason: null }], invoiceNumber: "FV/11/2026", ksefNumber: null, invoiceDate });
    expect(await answerStatement({ statementId, providerId: w.provider.id, answer: answer(addMonths(w.month, -1)), actor: w.providerActor, now: w.now }, test$.db)).toEqual({ ok: false, reason: "invoice_date" });
    expect(await answerStatement({ statementId, providerId: w.provider.id, answer: answer(w.month), actor: w.providerActor, now: w.now }, test$.db)).toEqual({ ok: true, status: "disputed" });
    expect(await approveRun({ cusId: w.centre.id, runId: opened.runId, actor: w.approver, now: w.now }, test$.db)).toEqual({ ok: false, reason: "nothing_to_approve" });
    expect(await resolveDispute({ cusId: w.centre.id, lineId: cheap.line.id, resolution: "corrected", correctedUnitsHundredths: 300, note: "Karta czasu pracy potwierdza 3 h", actor: w.preparer, now: w.now }, test$.db)).toEqual({ ok: true });
    const resolved = (await getProviderStatement({ cusId: w.centre.id }, statementId, test$.db))!;
    expect([resolved.s.status, resolved.s.totalGrosze]).toEqual(["accepted", 3 * 8_000 + 2 * 9_000]);
    expect(resolved.lines.find((l) => l.line.id === cheap.line.id)!.line.unitsHundredths).toBe(200);

    expect(await approveRun({ cusId: w.centre.id, runId: opened.runId, actor: w.preparer, now: w.now }, test$.db)).toEqual({ ok: false, reason: "four_eyes" });
    expect(await approveRun({ cusId: w.centre.id, runId: opened.runId, actor: w.approver, now: w.now }, test$.db)).toEqual({ ok: true, approved: 1 });
    expect(await approveRun({ cusId: w.centre.id, runId: opened.runId, actor: w.approver, now: w.now }, test$.db)).toEqual({ ok: false, reason: "nothing_to_approve" });
    while ((await processOutbox({ "settlement-transfer": settlementTransferHandler }, { db: test$.db })) > 0);
    const paid = (await getProviderStatement({ providerId: w.provider.id }, statementId, test$.db))!;
    expect([paid.s.status, paid.s.stripeTransferId?.startsWith("tr_")]).toEqual(["paid", true]);
    const transfers = await stripe().transfers.list({ transfer_group: opened.runId });
    expect(transfers.data.map((t) => t.amount)).toEqual([42_000]);

    // The run's totals are the ledger's: everything accrued was paid, by source the allocations' sums.
    expect(await accountBalance(w.centre.id, accounts.providerPayable(w.provider.id), test$.db)).toBe(0);
    const expense = await accountBalances(w.centre.id, { prefix: "funding_expense:" }, test$.db);
    expect([...expense.values()].reduce((s, v) => s + v, 0)).toBe(42_000);
    expect(await accountBalance(w.centre.id, accounts.stripeBalance, test$.db)).toBe(-42_000);
    // Opening the month again changes nothing that was settled.
    await openSettlementRun({ cusId: w.centre.id, month: w.month, actor: w.preparer, now: w.now }, test$.db);
    expect((await getRun(w.centre.id, opened.runId, test$.db))!.statements.map((s) => [s.s.status, s.s.totalGrosze])).toEqual([["paid", 42_000]]);
  });

  it("bringing a draft up to date adds corrections to their line: never a second line for the same terms", async () => {
    const w = await deliveredMonth("bank");
    const opened = await openSettlementRun({ cusId: w.centre.id, month: w.month, actor: w.preparer, now: w.now }, test$.db);
    if (!opened.ok) throw new Error(opened.reason);
    const [booking] = await test$.db.select().from(bookings).where(eq(bookings.slotId, w.weekly[1]!.id));
    for (const units of [3, 4]) {
      const corrected = await recordAttendance({ bookingId: booking!.id, providerId: w.provider.id, attendance: "delivered", units, actor: w.providerActor, now: w.now }, test$.db);
      expect(corrected.ok).toBe(true);
      await openSettlementRun({ cusId: w.centre.id, month: w.month, actor: w.preparer, now: w.now }, test$.db);
    }
    const statement = (await getRun(w.centre.id, opened.runId, test$.db))!.statements[0]!;
    const lines = await test$.db.select().from(providerStatementLines).where(eq(providerStatementLines.statementId, statement.s.id));
    expect(lines.map((l) => [l.kind, l.unitPriceGrosze, l.unitsHundredths, l.amountGrosze]).sort()).toEqual([
      ["correction", 9_000, 200, 18_000],
      ["delivered", 8_000, 200, 16_000],
      ["delivered", 9_000, 200, 18_000],
    ]);
    expect(statement.s.totalGrosze).toBe(2 * 8_000 + 4 * 9_000);
  });

  it("a worker that dies after Stripe made the transfer makes no second one when the message is tried again", async () => {
    const w = await deliveredMonth("stripe");
    const opened = await openSettlementRun({ cusId: w.centre.id, month: w.month, actor: w.preparer, now: w.now }, test$.db);
    if (!opened.ok) throw new Error(opened.reason);
    await sendRun({ cusId: w.centre.id, runId: opened.runId, actor: w.preparer, now: w.now }, test$.db);
    const statement = (await getRun(w.centre.id, opened.runId, test$.db))!.statements[0]!.s;
    const lines = await test$.db.select().from(providerStatementLines).where(eq(providerStatementLines.statementId, statement.id));
    await answerStatement({ statementId: statement.id, providerId: w.provider.id, answer: { lines: lines.map((l) => ({ lineId: l.id, answer: "accepted" as const, reason: null })), invoiceNumber: "R/7/2026", ksefNumber: "5260250274-20261130-0A1B2C3D4E5F-6A", invoiceDate: w.month }, actor: w.providerActor, now: w.now }, test$.db);
    await approveRun({ cusId: w.centre.id, runId: opened.runId, actor: w.approver, now: w.now }, test$.db);
    // The call went out and Stripe made the transfer, then the worker died before recording it.
    const [account] = await test$.db.select().from(providerPayoutAccounts).where(eq(providerPayoutAccounts.providerId, w.provider.id));
    const approved = (await getRun(w.centre.id, opened.runId, test$.db))!.statements[0]!.s;
    await stripe().transfers.create({ amount: approved.totalGrosze, currency: "pln", destination: account!.stripeAccountId!, transfer_group: approved.runId, description: approved.reference, metadata: { statementId: approved.id, reference: approved.reference } }, { idempotencyKey: transferKey(approved) });
    while ((await processOutbox({ "settlement-transfer": settlementTransferHandler }, { db: test$.db })) > 0);
    while ((await processOutbox({ "settlement-transfer": settlementTransferHandler }, { db: test$.db, now: new Date(Date.now() + 3_600_000) })) > 0);
    expect((await stripe().transfers.list({ transfer_group: opened.runId })).data).toHaveLength(1);
    expect((await getRun(w.centre.id, opened.runId, test$.db))!.statements[0]!.s.status).toBe("paid");
    expect(await accountBalance(w.centre.id, accounts.stripeBalance, test$.db)).toBe(-approved.totalGrosze);
  });

  it("a provider paid by bank: the Elixir-O file carries the statement reference, then it is marked paid with the date", async () => {
    const w = await deliveredMonth("bank");
    const opened = await openSettlementRun({ cusId: w.centre.id, month: w.month, actor: w.preparer, now: w.now }, test$.db);
    if (!opened.ok) throw new Error(opened.reason);
    await sendRun({ cusId: w.centre.id, runId: opened.runId, actor: w.preparer, now: w.now }, test$.db);
    const statement = (await getRun(w.centre.id, opened.runId, test$.db))!.statements[0]!.s;
    const lines = await test$.db.select().from(providerStatementLines).where(eq(providerStatementLines.statementId, statement.id));
    await answerStatement({ statementId: statement.id, providerId: w.provider.id, answer: { lines: lines.map((l) => ({ lineId: l.id, answer: "accepted" as const, reason: null })), invoiceNumber: "R/8/2026", ksefNumber: null, invoiceDate: w.month }, actor: w.providerActor, now: w.now }, test$.db);
    await approveRun({ cusId: w.centre.id, runId: opened.runId, actor: w.approver, now: w.now }, test$.db);
    const file = await bankFile({ cusId: w.centre.id, runId: opened.runId, format: "elixir", executionDate: warsawDate(w.now) }, test$.db);
    if (!file.ok) throw new Error(file.reason);
    const text = file.body.toString("latin1");
    expect(text).toContain(statement.reference);
    expect(text).toContain(`,${statement.totalGrosze},`);
    expect(text).toContain('"61109010140000071219812874"');
    expect(await markBankPaid({ cusId: w.centre.id, runId: opened.runId, paidOn: addMonths(w.month, -1), actor: w.approver, now: w.now }, test$.db)).toEqual({ ok: false, reason: "paid_on" });
    expect(await markBankPaid({ cusId: w.centre.id, runId: opened.runId, paidOn: warsawDate(w.now), actor: w.approver, now: w.now }, test$.db)).toEqual({ ok: true, paid: 1 });
    expect(await accountBalance(w.centre.id, accounts.providerPayable(w.provider.id), test$.db)).toBe(0);
    expect(await accountBalance(w.centre.id, accounts.bankTreasury, test$.db)).toBe(-statement.totalGrosze);
    // Once paid, the statement is not in the file again: a treasurer downloading it twice never pays twice.
    expect(await bankFile({ cusId: w.centre.id, runId: opened.runId, format: "elixir", executionDate: warsawDate(w.now) }, test$.db)).toEqual({ ok: false, reason: "nothing" });
  });

  it("a provider sees only its own statements; another centre's finance sees nothing of this one", async () => {
    const w = await deliveredMonth("bank");
    const opened = await openSettlementRun({ cusId: w.centre.id, month: w.month, actor: w.preparer, now: w.now }, test$.db);
    if (!opened.ok) throw new Error(opened.reason);
    await sendRun({ cusId: w.centre.id, runId: opened.runId, actor: w.preparer, now: w.now }, test$.db);
    const statementId = (await getRun(w.centre.id, opened.runId, test$.db))!.statements[0]!.s.id;
    const other = await bookableWorld(test$.db, 1, 1);
    const elsewhere = await makeCentre(test$.db);
    expect(await getProviderStatement({ providerId: other.provider.id }, statementId, test$.db)).toBeNull();
    expect(await answerStatement({ statementId, providerId: other.provider.id, answer: { lines: [], invoiceNumber: "X", ksefNumber: null, invoiceDate: w.month }, actor: other.providerActor, now: w.now }, test$.db)).toEqual({ ok: false, reason: "not_found" });
    expect(await getProviderStatement({ cusId: elsewhere.id }, statementId, test$.db)).toBeNull();
    expect(await getRun(elsewhere.id, opened.runId, test$.db)).toBeNull();
    expect(await approveRun({ cusId: elsewhere.id, runId: opened.runId, actor: w.approver, now: w.now }, test$.db)).toEqual({ ok: false, reason: "not_found" });
  });
});

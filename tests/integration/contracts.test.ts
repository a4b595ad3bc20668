import { eq, sql } from "drizzle-orm";
import { fundingAllocations, serviceAccruals } from "@db/schema";
import { recordAttendance } from "~/modules/booking/attendance.server";
import { bookSlot } from "~/modules/booking/seats.server";
import { contractFormSchema } from "~/modules/contracts/contract-form";
import { changeTariff, contractInForce, createContract, poolUsage, setOverrun } from "~/modules/contracts/contracts.server";
import { accounts } from "~/modules/ledger/accounts";
import { accountBalance } from "~/modules/ledger/journal.server";
import { accrueDeliveries, unitsWithoutContract } from "~/modules/settlements/accruals.server";
import { makeCopayRule } from "../fixtures/billing";
import { parseInput } from "~/modules/kernel/boundary.server";
import { warsawDate } from "~/modules/kernel/dates";
import { createFundingSource, setContractSplit, splitInForce } from "~/modules/funding/sources.server";
import { expectLedgerBalanced } from "../fixtures/ledger";
import { actorOf, makeProvider, makeUser } from "../fixtures/people";
import { bookableWorld } from "../fixtures/world";
import { setupTestDatabase } from "../setup/test-database";

const test$ = setupTestDatabase();

const fields = (providerId: string, offerId: string, extra: Record<string, string | string[]> = {}) => ({
  providerId,
  number: "ZP/12/2026",
  mode: "open_call_entrust",
  signedOn: "2026-01-10",
  validFrom: "2026-01-01",
  validTo: "2028-12-31",
  poolUnits: "3",
  poolAmount: "",
  offerId: [offerId],
  tariff: ["95,00"],
  ...extra,
});

describe("contracts and their funding", () => {
  afterEach(async () => expectLedgerBalanced(test$.db));

  it("refuses a tariff of zero or less and a period that ends before it starts, naming the field", () => {
    const parsed = parseInput(fields("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", { tariff: ["0"], validTo: "2025-12-31" }), contractFormSchema);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? {} : parsed.errors).toMatchObject({ validTo: "contracts.periodInvalid" });
    const zero = parseInput(fields("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", { tariff: ["-5"] }), contractFormSchema);
    expect(zero.ok ? {} : zero.errors).toMatchObject({ tariff: "contracts.tariffPositive" });
  });

  it("a contract only with a verified partner, for its own offers, under a number not taken; tariffs change by date", async () => {
    const world = await bookableWorld(test$.db, 3, 1);
    const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: world.centre.id }));
    const stranger = await makeProvider(test$.db);
    const parse = (extra: Record<string, string | string[]> = {}) => contractFormSchema.parse(fields(world.provider.id, world.offerId, extra));
    expect(await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse(fields(stranger.id, world.offerId)), actor: organiser }, test$.db)).toEqual({ ok: false, reason: "provider" });
    const created = await createContract({ cusId: world.centre.id, contract: parse(), actor: organiser }, test$.db);
    if (!created.ok) throw new Error(created.reason);
    expect(await createContract({ cusId: world.centre.id, contract: parse(), actor: organiser }, test$.db)).toEqual({ ok: false, reason: "number_taken" });
    expect(await changeTariff({ cusId: world.centre.id, contractId: created.contractId, offerId: world.offerId, unitPriceGrosze: 10_500, validFrom: "2027-01-01", actor: organiser }, test$.db)).toEqual({ ok: true });
    expect((await contractInForce(world.centre.id, world.offerId, "2026-06-01", test$.db))?.unitPriceGrosze).toBe(9_500);
    expect((await contractInForce(world.centre.id, world.offerId, "2027-02-01", test$.db))?.unitPriceGrosze).toBe(10_500);
    expect(await contractInForce(world.centre.id, world.offerId, "2029-01-01", test$.db)).toBeNull();
  });

  it("a split's shares add up to 100 %; the pool counts booked and delivered units and warns at 80 %", async () => {
    const world = await bookableWorld(test$.db, 3, 2);
    const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: world.centre.id }));
    const from = warsawDate(world.weekly[0]!.startsAt);
    const created = await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse(fields(world.provider.id, world.offerId, { validFrom: from, signedOn: from })), actor: organiser }, test$.db);
    if (!created.ok) throw new Error(created.reason);
    const eu = await createFundingSource({ cusId: world.centre.id, source: { kind: "eu_project", name: "Usługi w Borkowie", programme: "FERS", projectNumber: "FERS.03.01-IP.01-0012/25", eligibleFrom: "2026-01-01", eligibleTo: "2028-12-31", budgetGrosze: 100_000_00 } , actor: organiser }, test$.db);
    const gmina = await createFundingSource({ cusId: world.centre.id, source: { kind: "gmina_budget", name: "Budżet gminy — usługi opiekuńcze", dzial: "852", rozdzial: "85228", paragraf: "4300" }, actor: organiser }, test$.db);
    const line = (sourceId: string, shareBp: number, ceilingGrosze: number | null = null) => ({ sourceId, shareBp, fixedPerUnitGrosze: null, ceilingGrosze, ceilingPeriod: ceilingGrosze ? ("year" as const) : null });
    expect(await setContractSplit({ cusId: world.centre.id, contractId: created.contractId, validFrom: from, lines: [line(eu.id, 8_500), line(gmina.id, 1_400)], actor: organiser }, test$.db)).toEqual({ ok: false, reason: "shares_not_100" });
    expect(await setContractSplit({ cusId: world.centre.id, contractId: created.contractId, validFrom: from, lines: [line(eu.id, 8_500, 5_000_00), line(gmina.id, 1_500)], actor: organiser }, test$.db)).toEqual({ ok: true });
    expect((await splitInForce(created.contractId, from, test$.db)).map((l) => [l.position, l.shareBp])).toEqual([[0, 8_500], [1, 1_500]]);

    // Pool of 3 units: one visit booked (1 committed), another delivered in 1.5 hours → 2.5 of 3 = 83 %.
    const [a, b] = world.people as [(typeof world.people)[number], (typeof world.people)[number]];
    await bookSlot({ cusId: world.centre.id, slotId: world.weekly[1]!.id, residentId: a.id, actor: world.actor }, test$.db);
    const delivered = await bookSlot({ cusId: world.centre.id, slotId: world.weekly[0]!.id, residentId: b.id, actor: world.actor }, test$.db);
    if (!delivered.ok) throw new Error(delivered.reason);
    await recordAttendance({ bookingId: delivered.bookingId, providerId: world.provider.id, attendance: "delivered", units: 1.5, actor: world.providerActor, now: new Date(world.weekly[0]!.startsAt.getTime() + 3_600_000) }, test$.db);
    const usage = await poolUsage(world.centre.id, created.contractId, test$.db);
    expect(usage && [usage.committedHundredths, usage.usedHundredths, usage.poolHundredths, usage.level]).toEqual([100, 150, 300, "warning"]);
  });
});

describe("delivered units accrue to the provider, allocated to funding sources", () => {
  afterEach(async () => expectLedgerBalanced(test$.db));

  /** A 100 zł tariff split 85 % EU project (ceiling per month) / 15 % gmina, and a 20 zł co-payment per visit. */
  async function fundedWorld(euCeilingZl: number | null, seats = 3, residents = 3) {
    const world = await bookableWorld(test$.db, seats, residents);
    const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: world.centre.id }));
    const from = warsawDate(world.weekly[0]!.startsAt);
    await makeCopayRule(world.centre.id, world.offerId, organiser, { method: "flat", flat: "20", percent: "", validFrom: "2026-01-01" });
    const created = await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse(fields(world.provider.id, world.offerId, { validFrom: from, signedOn: from, poolUnits: "", tariff: ["100,00"] })), actor: organiser }, test$.db);
    if (!created.ok) throw new Error(created.reason);
    const eu = await createFundingSource({ cusId: world.centre.id, source: { kind: "eu_project", name: "FERS", programme: "FERS", projectNumber: "FERS.03.01-IP.01-0001/26" }, actor: organiser }, test$.db);
    const gmina = await createFundingSource({ cusId: world.centre.id, source: { kind: "gmina_budget", name: "Gmina", dzial: "852", rozdzial: "85295", paragraf: "4300" }, actor: organiser }, test$.db);
    const split = await setContractSplit({
      cusId: world.centre.id,
      contractId: created.contractId,
      validFrom: from,
      lines: [
        { sourceId: eu.id, shareBp: 8_500, fixedPerUnitGrosze: null, ceilingGrosze: euCeilingZl === null ? null : euCeilingZl * 100, ceilingPeriod: euCeilingZl === null ? null : "month" },
        { sourceId: gmina.id, shareBp: 1_500, fixedPerUnitGrosze: null, ceilingGrosze: null, ceilingPeriod: null },
      ],
      actor: organiser,
    }, test$.db);
    expect(split).toEqual({ ok: true });
    const deliver = async (slotIndex: number, residentIndex: number, units: number) => {
      const slot = world.weekly[slotIndex]!;
      const booked = await bookSlot({ cusId: world.centre.id, slotId: slot.id, residentId: world.people[residentIndex]!.id, actor: world.actor }, test$.db);
      if (!booked.ok) throw new Error(booked.reason);
      const done = await recordAttendance({ bookingId: booked.bookingId, providerId: world.provider.id, attendance: "delivered", units, actor: world.providerActor, now: new Date(slot.startsAt.getTime() + 3_600_000) }, test$.db);
      expect(done.ok).toBe(true);
      return { bookingId: booked.bookingId, slot };
    };
    return { ...world, organiser, contractId: created.contractId, eu, gmina, deliver };
  }

  const bySource = async (cusId: string) =>
    Object.fromEntries((await test$.db.select({ part: fundingAllocations.part, sourceId: fundingAllocations.sourceId, amount: sql<number>`sum(${fundingAllocations.amountGrosze})::int` }).from(fundingAllocations).where(eq(fundingAllocations.cusId, cusId)).groupBy(fundingAllocations.part, fundingAllocations.sourceId)).map((r) => [r.sourceId ?? r.part, r.amount]));

  it("85 % EU / 15 % gmina with a 20 zł co-payment allocates to the grosz, and the ledger says the same", async () => {
    const w = await fundedWorld(null);
    await w.deliver(0, 0, 1);
    expect(await bySource(w.centre.id)).toEqual({ copayment: 2_000, [w.eu.id]: 6_800, [w.gmina.id]: 1_200 });
    expect(await accountBalance(w.centre.id, accounts.providerPayable(w.provider.id), test$.db)).toBe(-10_000);
    expect(await accountBalance(w.centre.id, accounts.fundingExpense(w.eu.id), test$.db)).toBe(6_800);
    expect(await accountBalance(w.centre.id, accounts.fundingExpense(w.gmina.id), test$.db)).toBe(1_200);
    expect(await accountBalance(w.centre.id, accounts.fundingExpense("copayment"), test$.db)).toBe(2_000);
  });

  it("when the EU project's monthly ceiling is reached the rest spills to the gmina; a correction gives room back", async () => {
    const w = await fundedWorld(100);
    // Three visits in one slot (one week): 68 zł + 32 zł of the 100 zł ceiling, then 0.
    const visits = [await w.deliver(0, 0, 1), await w.deliver(0, 1, 1), await w.deliver(0, 2, 1)];
    expect(await bySource(w.centre.id)).toEqual({ copayment: 6_000, [w.eu.id]: 10_000, [w.gmina.id]: 14_000 });
    // The first visit was 0.5 h after all: its cost halves (50 zł − 20 zł co-pay), its allocation is made anew.
    await recordAttendance({ bookingId: visits[0]!.bookingId, providerId: w.provider.id, attendance: "delivered", units: 0.5, actor: w.providerActor, now: new Date(visits[0]!.slot.startsAt.getTime() + 7_200_000) }, test$.db);
    const after = await bySource(w.centre.id);
    expect(after.copayment! + after[w.eu.id]! + after[w.gmina.id]!).toBe(25_000);
    expect(after[w.eu.id]).toBeLessThanOrEqual(10_000);
    const rows = await test$.db.select().from(serviceAccruals).where(eq(serviceAccruals.bookingId, visits[0]!.bookingId));
    expect(rows.map((r) => [r.kind, r.unitsHundredths, r.amountGrosze])).toEqual([["delivery", 100, 10_000], ["correction", -50, -5_000]]);
    expect(await accountBalance(w.centre.id, accounts.providerPayable(w.provider.id), test$.db)).toBe(-25_000);
  });

  it("a delivered unit with no contract in force is flagged for finance, not paid and not lost; a contract made later prices it", async () => {
    const world = await bookableWorld(test$.db, 3, 1);
    const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: world.centre.id }));
    const slot = world.weekly[0]!;
    const booked = await bookSlot({ cusId: world.centre.id, slotId: slot.id, residentId: world.people[0]!.id, actor: world.actor }, test$.db);
    if (!booked.ok) throw new Error(booked.reason);
    await recordAttendance({ bookingId: booked.bookingId, providerId: world.provider.id, attendance: "delivered", units: 1, actor: world.providerActor, now: new Date(slot.startsAt.getTime() + 3_600_000) }, test$.db);
    expect((await unitsWithoutContract(world.centre.id, test$.db)).map((u) => u.bookingId)).toEqual([booked.bookingId]);
    expect(await accountBalance(world.centre.id, accounts.providerPayable(world.provider.id), test$.db)).toBe(0);
    const from = warsawDate(slot.startsAt);
    await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse(fields(world.provider.id, world.offerId, { validFrom: from, signedOn: from, poolUnits: "" })), actor: organiser }, test$.db);
    await test$.db.transaction((tx) => accrueDeliveries(tx, { cusId: world.centre.id }, null, new Date()));
    expect(await unitsWithoutContract(world.centre.id, test$.db)).toEqual([]);
    expect(await accountBalance(world.centre.id, accounts.providerPayable(world.provider.id), test$.db)).toBe(-9_500);
    expect(await bySource(world.centre.id)).toEqual({ unfunded: 9_500 });
  });

  it("six coordinators booking at once into a pool of two: exactly two get in (a race on PostgreSQL)", async () => {
    const world = await bookableWorld(test$.db, 10, 6);
    const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: world.centre.id }));
    const from = warsawDate(world.weekly[0]!.startsAt);
    const created = await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse(fields(world.provider.id, world.offerId, { validFrom: from, signedOn: from, poolUnits: "2" })), actor: organiser }, test$.db);
    if (!created.ok) throw new Error(created.reason);
    const results = await Promise.all(world.people.map((person) => bookSlot({ cusId: world.centre.id, slotId: world.weekly[0]!.id, residentId: person.id, actor: world.actor }, test$.db)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => (r as { reason: string }).reason)).toEqual(Array(4).fill("pool_full"));
  });

  it("visits booked before the contract was recorded draw on its pool once it is", async () => {
    const world = await bookableWorld(test$.db, 3, 2);
    const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: world.centre.id }));
    for (const person of world.people) expect((await bookSlot({ cusId: world.centre.id, slotId: world.weekly[0]!.id, residentId: person.id, actor: world.actor }, test$.db)).ok).toBe(true);
    const from = warsawDate(world.weekly[0]!.startsAt);
    const created = await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse(fields(world.provider.id, world.offerId, { validFrom: from, signedOn: from, poolUnits: "10" })), actor: organiser }, test$.db);
    if (!created.ok) throw new Error(created.reason);
    const usage = await poolUsage(world.centre.id, created.contractId, test$.db);
    expect(usage && [usage.committedHundredths, usage.committedGrosze]).toEqual([200, 2 * 9_500]);
  });

  it("a booking past the pool is refused with a reason, and allowed once the organiser permits an overrun", async () => {
    const world = await bookableWorld(test$.db, 3, 3);
    const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: world.centre.id }));
    const from = warsawDate(world.weekly[0]!.startsAt);
    const created = await createContract({ cusId: world.centre.id, contract: contractFormSchema.parse(fields(world.provider.id, world.offerId, { validFrom: from, signedOn: from, poolUnits: "2" })), actor: organiser }, test$.db);
    if (!created.ok) throw new Error(created.reason);
    const book = (i: number) => bookSlot({ cusId: world.centre.id, slotId: world.weekly[0]!.id, residentId: world.people[i]!.id, actor: world.actor }, test$.db);
    expect((await book(0)).ok).toBe(true);
    expect((await book(1)).ok).toBe(true);
    expect(await book(2)).toEqual({ ok: false, reason: "pool_full" });
    expect((await poolUsage(world.centre.id, created.contractId, test$.db))?.level).toBe("full");
    expect(await setOverrun({ cusId: world.centre.id, contractId: created.contractId, allowed: true, actor: organiser }, test$.db)).toEqual({ ok: true });
    expect((await book(2)).ok).toBe(true);
  });
});

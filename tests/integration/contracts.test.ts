import { recordAttendance } from "~/modules/booking/attendance.server";
import { bookSlot } from "~/modules/booking/seats.server";
import { contractFormSchema } from "~/modules/contracts/contract-form";
import { changeTariff, contractInForce, createContract, poolUsage } from "~/modules/contracts/contracts.server";
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

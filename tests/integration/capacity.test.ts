import { eq, sql } from "drizzle-orm";
import { bookings, centreProviders, residents, slotHolds, slots } from "@db/schema";
import { ruleFormSchema } from "~/modules/capacity/availability-form";
import { archiveAvailabilityRule, createAvailabilityException, createAvailabilityRule, deleteAvailabilityException } from "~/modules/capacity/availability.server";
import { computeFreeSlots, materialiseOfferSlots } from "~/modules/capacity/slots.server";
import { createLocation, reviewOffer, submitOffer } from "~/modules/directory/offers.server";
import { draftOffer, offerContent } from "../fixtures/offers";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

async function world(name = "Wsparcie psychologiczne") {
  const centre = await makeCentre(t.db);
  const provider = await makeProvider(t.db);
  await t.db.insert(centreProviders).values({ cusId: centre.id, providerId: provider.id, status: "verified" });
  const admin = await makeUser(t.db, { role: "provider_admin", providerId: provider.id });
  const organiser = await makeUser(t.db, { role: "organizer", cusId: centre.id });
  const actor = actorOf(admin);
  const place = await createLocation({ providerId: provider.id }, { name: "Gabinet", street: "ul. Lipowa 1", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", accessibility: [] }, actor);
  const offerId = await draftOffer({ providerId: provider.id, cusId: centre.id, content: offerContent({ name, area: 5, deliveryModes: ["place"], locationIds: [place.id] }), actor });
  await submitOffer({ offerId, providerId: provider.id, actor });
  await reviewOffer({ offerId, cusId: centre.id, decision: "publish", comment: null, actor: actorOf(organiser) });
  const [resident] = await t.db.insert(residents).values({ cusId: centre.id, firstName: "Jan", lastName: "Kowalski" }).returning();
  return { centre, provider, actor, place, offerId, resident: resident! };
}

/** Next Monday (Warsaw) as an ISO date, at least two days ahead so the minimum notice never bites. */
function nextMonday(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function weeklyRule(offerId: string, locationId: string, overrides: Record<string, string | string[]> = {}) {
  return ruleFormSchema.parse({
    offerId, locationId, staffUserId: "", weekdays: ["1", "3"], startTime: "09:00", endTime: "12:00", validFrom: nextMonday(), validTo: "", kind: "slots",
    slotMinutes: "50", bufferMinutes: "10", seats: "2", minNoticeHours: "24", horizonDays: "28", ...overrides,
  });
}

async function book(slotId: string, residentId: string) {
  const [slot] = await t.db.update(slots).set({ booked: sql`${slots.booked} + 1` }).where(eq(slots.id, slotId)).returning();
  await t.db.insert(bookings).values({ cusId: slot!.cusId, slotId, offerId: slot!.offerId, providerId: slot!.providerId, residentId, startsAt: slot!.startsAt, endsAt: slot!.endsAt });
}

describe("availability and free slots", () => {
  it("a weekly rule gives slots over its horizon; bookings and unexpired holds take seats", async () => {
    const w = await world();
    const created = await createAvailabilityRule({ owner: { providerId: w.provider.id }, rule: weeklyRule(w.offerId, w.place.id), actor: w.actor });
    expect(created.ok).toBe(true);
    const from = new Date();
    const to = new Date(Date.now() + 35 * 86_400_000);
    const all = await computeFreeSlots({ scope: { cusId: w.centre.id }, from, to, offerId: w.offerId });
    // Mondays and Wednesdays within 28 days, three 50-minute sessions each (holidays aside).
    expect(all.length).toBeGreaterThanOrEqual(21);
    expect(all.length).toBeLessThanOrEqual(24);
    expect(all.every((s) => s.capacity === 2 && s.free === 2 && s.offerName === "Wsparcie psychologiczne")).toBe(true);

    const [first, second] = all;
    await book(first!.slotId, w.resident.id);
    await t.db.insert(slotHolds).values({ slotId: first!.slotId, expiresAt: new Date(Date.now() + 5 * 60_000) });
    await t.db.insert(slotHolds).values({ slotId: second!.slotId, expiresAt: new Date(Date.now() - 60_000) }); // expired
    const after = await computeFreeSlots({ scope: { cusId: w.centre.id }, from, to, offerId: w.offerId, bookableOnly: true });
    expect(after.find((s) => s.slotId === first!.slotId)).toBeUndefined(); // 2 − 1 booked − 1 held
    expect(after.find((s) => s.slotId === second!.slotId)?.free).toBe(2);

    // The database refuses to oversell, whatever the caller does.
    await t.db.update(slots).set({ booked: 2 }).where(eq(slots.id, second!.slotId));
    await expect(t.db.update(slots).set({ booked: 3 }).where(eq(slots.id, second!.slotId))).rejects.toThrow();
  });

  it("a closure removes empty slots and closes booked ones; removing it brings them back", async () => {
    const w = await world();
    await createAvailabilityRule({ owner: { providerId: w.provider.id }, rule: weeklyRule(w.offerId, w.place.id), actor: w.actor });
    const monday = nextMonday();
    const from = new Date(`${monday}T00:00:00Z`);
    const to = new Date(from.getTime() + 86_400_000);
    const day = await computeFreeSlots({ scope: { providerId: w.provider.id }, from, to });
    expect(day).toHaveLength(3);
    await book(day[0]!.slotId, w.resident.id);

    const closure = await createAvailabilityException({
      owner: { providerId: w.provider.id },
      exception: { kind: "closure", offerId: null, locationId: null, startsOn: monday, endsOn: monday, startTime: null, endTime: null, seats: null, slotMinutes: null, reason: "Zwolnienie lekarskie" },
      actor: w.actor,
    });
    if (!closure.ok) throw new Error(closure.reason);
    expect(closure.closed).toBe(1);
    const closedDay = await computeFreeSlots({ scope: { providerId: w.provider.id }, from, to });
    expect(closedDay.map((s) => [s.slotId, s.closed])).toEqual([[day[0]!.slotId, true]]);
    expect(await computeFreeSlots({ scope: { cusId: w.centre.id }, from, to, bookableOnly: true })).toHaveLength(0);

    await deleteAvailabilityException({ owner: { providerId: w.provider.id }, exceptionId: closure.id, actor: w.actor });
    const reopened = await computeFreeSlots({ scope: { providerId: w.provider.id }, from, to });
    expect(reopened.map((s) => [s.closed, s.booked])).toEqual([
      [false, 1],
      [false, 0],
      [false, 0],
    ]);
  });

  it("materialising twice changes nothing, and archiving a rule keeps only booked slots", async () => {
    const w = await world();
    const created = await createAvailabilityRule({ owner: { providerId: w.provider.id }, rule: weeklyRule(w.offerId, w.place.id), actor: w.actor });
    if (!created.ok) throw new Error(created.reason);
    const before = await t.db.select({ id: slots.id }).from(slots).where(eq(slots.offerId, w.offerId));
    expect((await t.db.transaction((tx) => materialiseOfferSlots(tx, w.offerId))).added).toBe(0);
    expect(await t.db.select({ id: slots.id }).from(slots).where(eq(slots.offerId, w.offerId))).toHaveLength(before.length);

    await book(before[0]!.id, w.resident.id);
    await archiveAvailabilityRule({ owner: { providerId: w.provider.id }, ruleId: created.id, actor: w.actor });
    const left = await t.db.select().from(slots).where(eq(slots.offerId, w.offerId));
    expect(left.map((s) => [s.id, s.booked, s.closedAt !== null])).toEqual([[before[0]!.id, 1, true]]);
  });

  it("a provider cannot plan another provider's offer nor see its slots", async () => {
    const a = await world("Fizjoterapia");
    const b = await world("Logopeda");
    expect(await createAvailabilityRule({ owner: { providerId: a.provider.id }, rule: weeklyRule(b.offerId, a.place.id), actor: a.actor })).toEqual({ ok: false, reason: "not_found" });
    expect(await createAvailabilityRule({ owner: { providerId: a.provider.id }, rule: weeklyRule(a.offerId, b.place.id), actor: a.actor })).toEqual({ ok: false, reason: "forbidden_place" });
    const bStaff = await makeUser(t.db, { role: "provider_staff", providerId: b.provider.id });
    expect(await createAvailabilityRule({ owner: { providerId: a.provider.id }, rule: weeklyRule(a.offerId, a.place.id, { staffUserId: bStaff.id }), actor: a.actor })).toEqual({ ok: false, reason: "forbidden_staff" });
    await createAvailabilityRule({ owner: { providerId: b.provider.id }, rule: weeklyRule(b.offerId, b.place.id), actor: b.actor });
    const to = new Date(Date.now() + 35 * 86_400_000);
    expect(await computeFreeSlots({ scope: { providerId: a.provider.id }, from: new Date(), to })).toHaveLength(0);
    expect((await computeFreeSlots({ scope: { providerId: b.provider.id }, from: new Date(), to })).length).toBeGreaterThan(0);
    // Another centre's staff see nothing of it either.
    expect(await computeFreeSlots({ scope: { cusId: a.centre.id }, from: new Date(), to, offerId: b.offerId })).toHaveLength(0);
  });

  it("the search across providers filters by words, area, gmina and delivery mode", async () => {
    const w = await world("Konsultacje psychologiczne dla seniorów");
    await createAvailabilityRule({ owner: { providerId: w.provider.id }, rule: weeklyRule(w.offerId, w.place.id), actor: w.actor });
    const range = { from: new Date(), to: new Date(Date.now() + 28 * 86_400_000) };
    const hits = await computeFreeSlots({ scope: { cusId: w.centre.id }, ...range, filter: { q: "psychologiczne seniorow", area: 5, gmina: "Gmina Borków", mode: "place" }, bookableOnly: true });
    expect(hits.length).toBeGreaterThan(0);
    expect(await computeFreeSlots({ scope: { cusId: w.centre.id }, ...range, filter: { q: "psycholog", mode: "home" } })).toHaveLength(0);
  });
});

/**
 * Booking throughput through the booking module on a generated large centre (300 providers, 2,000 offers,
 * eight weeks of slots, 20,000 residents), with 16 concurrent clients.
 * Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/booking.ts
 * It creates (and afterwards drops) a database `cus_bench_booking`. Prints bookings per second, p50/p95 of
 * bookSlot(), how many attempts found the slot full, and checks that no slot is oversold.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { availabilityRules, centreProviders, centres, offerRevisions, offers, providerOrganisations, residents, slots, users } from "../db/schema";
import { bookSlot } from "../app/modules/booking/bookings.server";
import { materialiseOfferSlots } from "../app/modules/capacity/slots.server";
import { createBenchDatabase, percentiles, seededRandom } from "./bench-database";

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const bench = await createBenchDatabase("cus_bench_booking");
const db = bench.db;
const { random, pick } = seededRandom(11);

const [centre] = await db.insert(centres).values({ name: "CUS Bench", shortName: "CUS Bench", email: "bench@example.test", city: "Toruń" }).returning();
const cusId = centre!.id;
const providerRows = await db
  .insert(providerOrganisations)
  .values(Array.from({ length: 300 }, (_, i) => ({ name: `Usługodawca ${i}`, legalForm: "foundation" as const, city: "Toruń", email: `b${i}@example.test` })))
  .returning({ id: providerOrganisations.id });
await db.insert(centreProviders).values(providerRows.map((p) => ({ cusId, providerId: p.id, status: "verified" as const })));
const offerRows = await db.insert(offers).values(Array.from({ length: 2000 }, () => ({ cusId, providerId: pick(providerRows).id }))).returning();
for (let i = 0; i < offerRows.length; i += 500) {
  const revisions = await db
    .insert(offerRevisions)
    .values(offerRows.slice(i, i + 500).map((o, j) => ({ offerId: o.id, number: 1, status: "published" as const, name: `Usługa ${i + j}`, description: "opis", area: 4, unit: "session" as const, deliveryModes: ["home"] })))
    .returning({ id: offerRevisions.id, offerId: offerRevisions.offerId });
  for (const r of revisions) await db.update(offers).set({ publishedRevisionId: r.id }).where(sql`${offers.id} = ${r.offerId}`);
}
const today = new Date().toISOString().slice(0, 10);
await db.insert(availabilityRules).values(
  offerRows.map((o) => ({
    cusId, offerId: o.id, providerId: o.providerId, weekdays: [1, 2, 3, 4, 5], startTime: "08:00", endTime: "16:00", validFrom: today,
    kind: "slots" as const, slotMinutes: 60, bufferMinutes: 0, seats: random() < 0.2 ? 8 : 2, minNoticeHours: 0, horizonDays: 56,
  })),
);
const started = performance.now();
for (const o of offerRows) await db.transaction((tx) => materialiseOfferSlots(tx, o.id));
const [coordinator] = await db.insert(users).values({ email: "bench-coordinator@example.test", name: "Koordynator", passwordHash: "x" }).returning();
const residentIds: string[] = [];
for (let i = 0; i < 20_000; i += 2000) {
  const rows = await db.insert(residents).values(Array.from({ length: 2000 }, (_, j) => ({ cusId, firstName: "Osoba", lastName: `Nr ${i + j}` }))).returning({ id: residents.id });
  residentIds.push(...rows.map((r) => r.id));
}
// Bookings concentrate on the coming two weeks, as in a real centre, so many attempts meet full slots.
const slotIds = (await db.select({ id: slots.id }).from(slots).where(sql`${slots.startsAt} < now() + interval '14 days'`)).map((s) => s.id);
await db.execute(sql`analyze`);
console.log(`Generated 300 providers, 2,000 offers, ${slotIds.length.toLocaleString("en")} bookable slots in the next two weeks, 20,000 residents in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const actor = { userId: coordinator!.id, email: coordinator!.email, name: coordinator!.name, ip: "127.0.0.1" };
const times: number[] = [];
const outcomes = new Map<string, number>();
const deadline = performance.now() + SECONDS * 1000;
const benchStart = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const result = await bookSlot({ cusId, slotId: pick(slotIds), residentId: pick(residentIds), actor });
      times.push(performance.now() - t0);
      const key = result.ok ? "booked" : result.reason;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
  }),
);
const elapsed = (performance.now() - benchStart) / 1000;
const [check] = (await db.execute(sql`
  select
    (select count(*)::int from slots where booked > capacity) as oversold,
    (select count(*)::int from slots s where s.booked <> (select count(*) from bookings b where b.slot_id = s.id and b.status = 'active')) as mismatched`)) as unknown as [{ oversold: number; mismatched: number }];
const booked = outcomes.get("booked") ?? 0;
const { p50, p95, max } = percentiles(times);
console.log(
  `bookSlot with ${CLIENTS} clients for ${SECONDS} s on PostgreSQL: ${(booked / elapsed).toFixed(0)} bookings/s (${(times.length / elapsed).toFixed(0)} attempts/s), p50 ${p50} ms, p95 ${p95} ms, max ${max} ms; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; oversold slots ${check.oversold}, counters out of step ${check.mismatched} (target ≥ 500/s, p95 < 50 ms, 0 oversold)`,
);
await bench.drop();

/**
 * Free-slot search on a generated large centre: 300 providers, 2,000 offers, a year of weekly rules
 * materialised into slots, 200,000 existing bookings.
 * Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/slots.ts
 * It creates (and afterwards drops) a database `cus_bench_slots`. Prints how long materialising took and
 * p50/p95/max of computeFreeSlots() for a 4-week search across the centre with a mix of filters.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { availabilityRules, centreGminas, centreProviders, centres, locations, offerRevisions, offers, providerOrganisations, residents } from "../db/schema";
import { providerLegalForms } from "../app/modules/directory/areas";
import { computeFreeSlots, materialiseOfferSlots, type SlotQuery } from "../app/modules/capacity/slots.server";
import { normaliseSearchText } from "../app/modules/kernel/search-text";
import { createBenchDatabase, percentiles, seededRandom } from "./bench-database";

const bench = await createBenchDatabase("cus_bench_slots");
const db = bench.db;
const { random, pick } = seededRandom(7);
const words = ["opieka", "psycholog", "rehabilitacja", "transport", "klub seniora", "asystent", "terapia", "poradnictwo", "teleopieka", "wytchnieniowa"];
const gminas = Array.from({ length: 12 }, (_, i) => `Gmina ${String.fromCharCode(65 + i)}`);

const started = performance.now();
const [centre] = await db.insert(centres).values({ name: "CUS Bench", shortName: "CUS Bench", email: "bench@example.test", city: "Toruń" }).returning();
const cusId = centre!.id;
await db.insert(centreGminas).values(gminas.map((g, i) => ({ cusId, terytCode: String(2000000 + i), name: g })));
const providerRows = await db
  .insert(providerOrganisations)
  .values(Array.from({ length: 300 }, (_, i) => ({ name: `Usługodawca ${i}`, legalForm: pick(providerLegalForms), city: "Toruń", email: `s${i}@example.test` })))
  .returning({ id: providerOrganisations.id });
await db.insert(centreProviders).values(providerRows.map((p) => ({ cusId, providerId: p.id, status: "verified" as const })));
const locationRows = await db
  .insert(locations)
  .values(providerRows.map((p, i) => ({ providerId: p.id, name: `Miejsce ${i}`, street: "ul. Testowa 1", postalCode: "87-100", city: "Toruń", gminaName: pick(gminas), accessibility: [] })))
  .returning({ id: locations.id, providerId: locations.providerId });
const placeOf = new Map(locationRows.map((l) => [l.providerId!, l.id]));

const offerIds: string[] = [];
for (let batch = 0; batch < 4; batch += 1) {
  const offerRows = await db.insert(offers).values(Array.from({ length: 500 }, () => ({ cusId, providerId: pick(providerRows).id }))).returning();
  const revisions = await db
    .insert(offerRevisions)
    .values(
      offerRows.map((o, i) => {
        const name = `${pick(words)} ${batch * 500 + i}`;
        const mode = random() < 0.5 ? "home" : "place";
        return {
          offerId: o.id, number: 1, status: "published" as const, name, description: `${pick(words)} – opis`, area: 1 + Math.floor(random() * 14),
          targetGroups: ["seniors"], deliveryModes: [mode], languages: ["pl"], unit: "session" as const,
          locationIds: mode === "place" ? [placeOf.get(o.providerId!)!] : [], searchText: normaliseSearchText(name),
        };
      }),
    )
    .returning({ id: offerRevisions.id, offerId: offerRevisions.offerId });
  await db.execute(sql`update offers set published_revision_id = r.id from (select unnest(${sql.raw(`array[${revisions.map((r) => `'${r.id}'`).join(",")}]`)}::uuid[]) as id, unnest(${sql.raw(`array[${revisions.map((r) => `'${r.offerId}'`).join(",")}]`)}::uuid[]) as offer_id) r where offers.id = r.offer_id`);
  offerIds.push(...offerRows.map((o) => o.id));
}

// A year of weekly rules: two or three days a week, 8–10 slots a week per offer, some group classes.
const today = new Date().toISOString().slice(0, 10);
const allOffers = await db.select({ id: offers.id, providerId: offers.providerId }).from(offers);
await db.insert(availabilityRules).values(
  allOffers.map((o) => {
    const group = random() < 0.2;
    return {
      cusId, offerId: o.id, providerId: o.providerId, locationId: placeOf.get(o.providerId!) ?? null,
      weekdays: random() < 0.5 ? [1, 3] : [2, 4, 5], startTime: group ? "10:00" : "09:00", endTime: group ? "11:30" : "13:00",
      validFrom: today, kind: "slots" as const, slotMinutes: group ? 90 : 50, bufferMinutes: 10, seats: group ? 12 : 1, minNoticeHours: 24, horizonDays: 365,
    };
  }),
);
const materialiseStarted = performance.now();
for (const offerId of offerIds) await db.transaction((tx) => materialiseOfferSlots(tx, offerId));
const materialiseSeconds = (performance.now() - materialiseStarted) / 1000;
const [{ count: slotCount }] = (await db.execute(sql`select count(*)::int as count from slots`)) as unknown as [{ count: number }];

// 200,000 bookings on random slots (one seat each), with the slots' counters in step.
const residentRows = await db
  .insert(residents)
  .values(Array.from({ length: 5000 }, (_, i) => ({ cusId, firstName: "Osoba", lastName: `Testowa ${i}` })))
  .returning({ id: residents.id });
await db.execute(sql`create temporary table bench_resident as select id, row_number() over () as n from residents`);
await db.execute(sql`
  insert into bookings (cus_id, slot_id, offer_id, provider_id, resident_id, starts_at, ends_at)
  select s.cus_id, s.id, s.offer_id, s.provider_id, r.id, s.starts_at, s.ends_at
  from (select *, row_number() over () as n from (select * from slots order by md5(id::text) limit 200000) x) s
  join bench_resident r on r.n = (s.n % ${residentRows.length}) + 1`);
await db.execute(sql`update slots set booked = 1 where id in (select slot_id from bookings)`);
await db.execute(sql`analyze`);
console.log(
  `Generated 300 providers, 2,000 offers, ${slotCount.toLocaleString("en")} slots (a year; materialised in ${materialiseSeconds.toFixed(1)} s), 200,000 bookings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const from = new Date(Date.now() + 86_400_000);
const to = new Date(from.getTime() + 28 * 86_400_000);
const searches: Omit<SlotQuery, "scope" | "from" | "to">[] = [
  { filter: { q: "psycholog" }, bookableOnly: true },
  { filter: { q: "opieka", mode: "home" }, bookableOnly: true },
  { filter: { area: 5, gmina: pick(gminas) }, bookableOnly: true },
  { filter: { mode: "place", gmina: pick(gminas) }, bookableOnly: true },
  { providerId: pick(providerRows).id },
  { offerId: pick(offerIds), bookableOnly: true },
  { bookableOnly: true, limit: 500 },
];
for (let i = 0; i < 20; i += 1) await computeFreeSlots({ scope: { cusId }, from, to, ...pick(searches) }); // warm-up
const times: number[] = [];
let rowsSeen = 0;
for (let i = 0; i < 300; i += 1) {
  const search = { ...pick(searches) };
  if (search.providerId) search.providerId = pick(providerRows).id;
  if (search.offerId) search.offerId = pick(offerIds);
  const t0 = performance.now();
  const rows = await computeFreeSlots({ scope: { cusId }, from, to, ...search });
  times.push(performance.now() - t0);
  rowsSeen += rows.length;
}
const { p50, p95, max } = percentiles(times);
console.log(`free-slot search, 4 weeks across the centre, 300 queries on PostgreSQL: p50 ${p50} ms, p95 ${p95} ms, max ${max} ms (avg ${Math.round(rowsSeen / 300)} slots returned; target p95 < 50 ms)`);
await bench.drop();

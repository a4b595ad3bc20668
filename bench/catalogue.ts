/**
 * Catalogue search speed on a generated large centre (300 providers, 2,000 published offers).
 * Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/catalogue.ts
 * It creates (and afterwards drops) a database `cus_bench_catalogue` next to the one named.
 * Prints p50/p95/max server time of searchCatalogue() for a mix of filtered searches;
 * add `--by-filter` for a line per filter shape.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { centreGminas, centreProviders, centres, locations, offerRevisions, offers, providerOrganisations } from "../db/schema";
import { providerLegalForms } from "../app/modules/directory/areas";
import { searchCatalogue, type CatalogueFilter } from "../app/modules/directory/catalogue.server";
import { normaliseSearchText } from "../app/modules/kernel/search-text";
import { createBenchDatabase, percentiles, seededRandom } from "./bench-database";

const bench = await createBenchDatabase("cus_bench_catalogue");
const db = bench.db;
const { random, pick } = seededRandom();
const words = ["opieka", "psycholog", "rehabilitacja", "złota rączka", "transport", "klub seniora", "asystent", "terapia", "warsztaty", "poradnictwo", "teleopieka", "wytchnieniowa", "kultura", "sport", "doradztwo"];
const gminas = Array.from({ length: 12 }, (_, i) => `Gmina ${String.fromCharCode(65 + i)}`);

const [centre] = await db.insert(centres).values({ name: "CUS Bench", shortName: "CUS Bench", email: "bench@example.test", city: "Toruń" }).returning();
await db.insert(centreGminas).values(gminas.map((g, i) => ({ cusId: centre!.id, terytCode: String(1000000 + i), name: g })));
const providerRows = await db
  .insert(providerOrganisations)
  .values(Array.from({ length: 300 }, (_, i) => ({ name: `Usługodawca ${i}`, legalForm: pick(providerLegalForms), city: "Toruń", email: `p${i}@example.test` })))
  .returning({ id: providerOrganisations.id });
await db.insert(centreProviders).values(providerRows.map((p, i) => ({ cusId: centre!.id, providerId: p.id, status: i % 10 === 0 ? ("pending" as const) : ("verified" as const) })));
const locationRows = await db
  .insert(locations)
  .values(providerRows.map((p, i) => ({ providerId: p.id, name: `Miejsce ${i}`, street: "ul. Testowa 1", postalCode: "87-100", city: "Toruń", gminaName: pick(gminas), accessibility: random() < 0.5 ? ["step_free"] : [] })))
  .returning({ id: locations.id, providerId: locations.providerId });

const started = performance.now();
for (let batch = 0; batch < 4; batch += 1) {
  const offerRows = await db
    .insert(offers)
    .values(Array.from({ length: 500 }, () => ({ cusId: centre!.id, providerId: pick(providerRows).id })))
    .returning();
  const revisions = await db
    .insert(offerRevisions)
    .values(
      offerRows.map((o, i) => {
        const title = `${pick(words)} ${batch * 500 + i}`;
        const description = `${pick(words)} ${pick(words)} dla mieszkańców – opis usługi numer ${i}.`;
        const modes = random() < 0.5 ? ["home"] : ["place"];
        return {
          offerId: o.id,
          number: 1,
          status: "published" as const,
          name: title,
          description,
          area: 1 + Math.floor(random() * 14),
          targetGroups: [pick(["seniors", "families", "disabled", "adults"])],
          deliveryModes: modes,
          languages: ["pl"],
          unit: "session" as const,
          feeLabel: pick(["free", "partly_paid", "paid"] as const),
          locationIds: modes[0] === "place" ? [locationRows.find((l) => l.providerId === o.providerId)!.id] : [],
          searchText: normaliseSearchText(`${title} ${description}`),
        };
      }),
    )
    .returning({ id: offerRevisions.id, offerId: offerRevisions.offerId });
  for (const r of revisions) await db.update(offers).set({ publishedRevisionId: r.id }).where(eqOffer(r.offerId));
}
await db.execute(sql`analyze`);
console.log(`Generated 300 providers, 2,000 offers in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function eqOffer(id: string) {
  return sql`${offers.id} = ${id}`;
}

const filters: CatalogueFilter[] = [
  { q: "opieka" },
  { q: "zlota raczka", gmina: pick(gminas) },
  { area: 4, mode: "home" },
  { area: 5, fee: "free", sort: "newest" },
  { q: "psycholog", target: "seniors", page: 2 },
  { gmina: pick(gminas), accessibility: "step_free" },
  { providerKind: "foundation", area: 6 },
  {},
];
for (let i = 0; i < 20; i += 1) await searchCatalogue(pick(filters)); // warm-up
const times: number[] = [];
const byShape = new Map<string, number[]>();
for (let i = 0; i < 400; i += 1) {
  const filter = { ...pick(filters), gmina: random() < 0.3 ? pick(gminas) : undefined };
  const t0 = performance.now();
  await searchCatalogue(filter);
  const ms = performance.now() - t0;
  times.push(ms);
  const shape = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k]) => k).join("+") || "(no filter)";
  byShape.set(shape, [...(byShape.get(shape) ?? []), ms]);
}
if (process.argv.includes("--by-filter")) {
  for (const [shape, list] of [...byShape].sort()) {
    list.sort((a, b) => a - b);
    console.log(`  ${shape.padEnd(32)} n=${String(list.length).padStart(3)}  p50 ${list[Math.floor(list.length / 2)]!.toFixed(2)} ms  max ${list[list.length - 1]!.toFixed(2)} ms`);
  }
}
const overall = percentiles(times);
console.log(`catalogue search, 400 filtered queries on PostgreSQL: p50 ${overall.p50} ms, p95 ${overall.p95} ms, max ${overall.max} ms (target p95 < 30 ms)`);
await bench.drop();

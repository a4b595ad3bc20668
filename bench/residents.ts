/**
 * Finding a resident on a large centre's coordinator desk: 20,000 residents (Polish names with diacritics,
 * PESELs, phones, a few document numbers) in one centre and 20,000 in another. Prints p50/p95/max of
 * listResidents() for each kind of search a coordinator types — part of a surname, first and last name in
 * either order, without diacritics, a PESEL, a phone number, a document number — and checks that each finds
 * the person it was made from. Target: p95 under 50 ms on PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/residents.ts     # BENCH_RESIDENTS=20000 BENCH_RUNS=200
 *
 * Creates (and afterwards drops, unless BENCH_KEEP=1) the database `cus_bench_residents`.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { centres, residents } from "../db/schema";
import { makePesel } from "../app/modules/plans/pesel";
import { listResidents } from "../app/modules/plans/residents.server";
import { normaliseSearchText } from "../app/modules/kernel/search-text";
import { createBenchDatabase, percentiles, seededRandom } from "./bench-database";

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGET_MS = 50;

const firstNames = ["Marian", "Stanisława", "Józef", "Zofia", "Łucja", "Wiesław", "Teresa", "Kazimierz", "Halina", "Grażyna", "Andrzej", "Bożena", "Ryszard", "Jadwiga", "Zdzisław", "Olena", "Mykoła"];
const lastNames = ["Woźniak", "Kowalczyk", "Szymańska", "Jabłońska", "Kozłowska", "Wójcik", "Kamińska", "Lewandowski", "Zieliński", "Dąbrowska", "Żółtowska", "Pawłowski", "Michalska", "Król", "Wieczorek", "Jaworski", "Śliwa", "Ćwik", "Grabowski", "Nowakowska"];

process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
const bench = await createBenchDatabase("cus_bench_residents");
const db = bench.db;
const { random, pick } = seededRandom(7);

const [centre] = await db.insert(centres).values({ name: "CUS Bench", shortName: "CUS Bench", email: "bench@example.test", city: "Toruń" }).returning();
const [other] = await db.insert(centres).values({ name: "CUS Inny", shortName: "CUS Inny", email: "inny@example.test", city: "Toruń" }).returning();
type Person = { cusId: string; firstName: string; lastName: string; pesel: string | null; phone: string | null; documentNumber: string | null };
const people: Person[] = [];
for (const cusId of [centre!.id, other!.id]) {
  for (let i = 0; i < RESIDENTS; i++) {
    const year = 1930 + Math.floor(random() * 80);
    const day = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    const refugee = i % 50 === 0;
    people.push({
      cusId,
      firstName: pick(firstNames),
      // Numbered surnames make most names unique, as in a real centre's register.
      lastName: `${pick(lastNames)}${i % 3 === 0 ? "" : `-${pick(lastNames)}`}`,
      pesel: refugee ? null : makePesel(day, i % 10_000, i % 2 ? "male" : "female"),
      phone: i % 4 === 0 ? null : `+48 ${500 + Math.floor(random() * 300)} ${String(Math.floor(random() * 1000)).padStart(3, "0")} ${String(i % 1000).padStart(3, "0")}`,
      documentNumber: refugee ? `FA${String(1_000_000 + i).slice(-7)}` : null,
    });
  }
}
for (let i = 0; i < people.length; i += 5_000) {
  await db.insert(residents).values(people.slice(i, i + 5_000)).onConflictDoNothing();
}
await db.execute(sql`analyze residents`);
const stored = await db.select().from(residents).where(sql`${residents.cusId} = ${centre!.id}`);
console.log(`Resident search on ${stored.length.toLocaleString("en")} residents of one centre (and ${RESIDENTS.toLocaleString("en")} of another), ${RUNS} searches of each kind`);

const kinds: [string, (p: (typeof stored)[number]) => string | null][] = [
  ["part of the surname (\"woz\")", (p) => normaliseSearchText(p.lastName).slice(0, 3)],
  ["first and last name, no diacritics", (p) => normaliseSearchText(`${p.firstName} ${p.lastName}`)],
  ["last name then first name", (p) => `${p.lastName} ${p.firstName}`],
  ["PESEL", (p) => p.pesel],
  ["phone, as typed", (p) => (p.phone ? p.phone.replace("+48 ", "") : null)],
  ["document number", (p) => p.documentNumber],
];
let failures = 0;
let worstP95 = 0;
for (const [label, typedFor] of kinds) {
  const sample = stored.filter((p) => typedFor(p) !== null);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const person = sample[Math.floor(random() * sample.length)]!;
    const typed = typedFor(person)!;
    const started = performance.now();
    const rows = await listResidents(centre!.id, { search: typed }, db);
    times.push(performance.now() - started);
    // A short prefix can match more than a page; the page is then "the first 50", not a miss.
    if (!rows.some((r) => r.id === person.id) && rows.length < 50) failures++;
  }
  const p = percentiles(times);
  worstP95 = Math.max(worstP95, Number(p.p95));
  console.log(`  ${label.padEnd(36)} p50 ${p.p50} ms, p95 ${p.p95} ms, max ${p.max} ms`);
}
console.log(`  worst p95 ${worstP95.toFixed(2)} ms (target: under ${TARGET_MS} ms — ${worstP95 < TARGET_MS ? "met" : "NOT met"}); searches that missed their person: ${failures}`);
if (process.env.BENCH_KEEP !== "1") await bench.drop();
process.exit(failures === 0 ? 0 : 1);

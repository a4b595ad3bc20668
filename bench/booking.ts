/**
 * Booking throughput through the booking module on a generated large centre (300 providers, 2,000 offers,
 * eight weeks of weekday slots, 20,000 residents), with 16 concurrent clients, measured beside pgbench's TPC-B
 * (16 clients) on the same server in the same run, since absolute figures follow the machine.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/booking.ts      # BENCH_SECONDS=15
 *
 * It creates (and afterwards drops) the databases `cus_bench_booking` and `cus_bench_pgbench`. Prints
 * bookings per second, p50/p95 of bookSlot(), the outcomes, pgbench's tps and the ratio, and checks that no
 * slot is oversold and every slot's counter equals its active bookings.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { centreProviders, centres, offerRevisions, offers, providerOrganisations, slots, users } from "../db/schema";
import { bookSlot } from "../app/modules/booking/seats.server";
import { createBenchDatabase, percentiles, seededRandom } from "./bench-database";

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
// One connection per client, as pgbench has.
process.env.DATABASE_POOL_SIZE = String(CLIENTS);
const bench = await createBenchDatabase("cus_bench_booking");
const db = bench.db;
const { pick } = seededRandom(11);

const generating = performance.now();
const [centre] = await db.insert(centres).values({ name: "CUS Bench", shortName: "CUS Bench", email: "bench@example.test", city: "Toruń" }).returning();
const cusId = centre!.id;
const providerRows = await db
  .insert(providerOrganisations)
  .values(Array.from({ length: 300 }, (_, i) => ({ name: `Usługodawca ${i}`, legalForm: "foundation" as const, city: "Toruń", email: `b${i}@example.test` })))
  .returning({ id: providerOrganisations.id });
await db.insert(centreProviders).values(providerRows.map((p) => ({ cusId, providerId: p.id, status: "verified" as const })));
const offerRows = await db.insert(offers).values(Array.from({ length: 2000 }, () => ({ cusId, providerId: pick(providerRows).id }))).returning();
await db
  .insert(offerRevisions)
  .values(offerRows.map((o, i) => ({ offerId: o.id, number: 1, status: "published" as const, name: `Usługa ${i}`, description: "opis", area: 4, unit: "session" as const, deliveryModes: ["home"] })));
// Set-based, as a migration would: every offer's revision published, eight weeks of weekday slots 8:00–16:00
// (one in five offers a group of 8, the rest two seats), 20,000 residents.
await db.execute(sql`update ${offers} set published_revision_id = r.id from ${offerRevisions} r where r.offer_id = ${offers.id}`);
await db.execute(sql`
  insert into ${slots} (cus_id, offer_id, provider_id, source_key, starts_at, ends_at, capacity, min_notice_minutes)
  select o.cus_id, o.id, o.provider_id, 'rule:' || o.id, start, start + interval '1 hour',
         case when abs(hashtext(o.id::text)) % 5 = 0 then 8 else 2 end, 0
  from ${offers} o
  cross join generate_series(current_date, current_date + 55, interval '1 day') as day
  cross join generate_series(8, 15) as hour
  cross join lateral (select (day::date + make_time(hour, 0, 0)) at time zone 'Europe/Warsaw' as start) s
  where extract(isodow from day) < 6 and start > now()`);
const [coordinator] = await db.insert(users).values({ email: "bench-coordinator@example.test", name: "Koordynator", passwordHash: "x" }).returning();
const residentIds = (
  (await db.execute(sql`insert into residents (cus_id, first_name, last_name) select ${cusId}, 'Osoba', 'Nr ' || n from generate_series(1, 20000) n returning id`)) as unknown as { id: string }[]
).map((r) => r.id);
// Bookings concentrate on the coming two weeks, as in a real centre, so many attempts meet full slots.
const slotIds = (await db.select({ id: slots.id }).from(slots).where(sql`${slots.startsAt} < now() + interval '14 days'`)).map((s) => s.id);
await db.execute(sql`analyze`);
const [{ total }] = (await db.execute(sql`select count(*)::int as total from ${slots}`)) as unknown as [{ total: number }];
console.log(`Generated 300 providers, 2,000 offers, ${total.toLocaleString("en")} slots (${slotIds.length.toLocaleString("en")} in the next two weeks), 20,000 residents in ${((performance.now() - generating) / 1000).toFixed(1)} s`);

/** pgbench's TPC-B-like transaction with as many clients, on the same server, just before the booking load. */
function pgbenchTps(): number {
  const url = new URL(process.env.DATABASE_URL!);
  const name = "cus_bench_pgbench";
  const args = ["-h", url.searchParams.get("host") ?? url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username || "postgres")];
  const admin = (statement: string) => execFileSync("psql", [...args, "-d", url.pathname.slice(1) || "postgres", "-qc", statement], { stdio: "pipe" });
  admin(`drop database if exists ${name} with (force)`);
  admin(`create database ${name}`);
  try {
    execFileSync("pgbench", [...args, "-i", "-q", "-s", String(CLIENTS), name], { stdio: "pipe" });
    const out = execFileSync("pgbench", [...args, "-c", String(CLIENTS), "-j", "2", "-T", String(SECONDS), "-n", name], { encoding: "utf8" });
    const tps = /tps = ([\d.]+)/.exec(out);
    if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
    return Number(tps[1]);
  } finally {
    admin(`drop database if exists ${name} with (force)`);
  }
}

const referenceTps = pgbenchTps();

const actor = { userId: coordinator!.id, email: coordinator!.email, name: coordinator!.name, ip: "127.0.0.1" };
const times: number[] = [];
const outcomes = new Map<string, number>();
const deadline = performance.now() + SECONDS * 1000;
// BENCH_PROFILE=<file>: a CPU profile of this process during the load (open it in Chrome's DevTools).
const profiler = process.env.BENCH_PROFILE ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const benchStart = performance.now();
const cpuStart = process.cpuUsage();
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
const cpu = process.cpuUsage(cpuStart);
if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.post("Profiler.stop")).profile));
const [check] = (await db.execute(sql`
  select
    (select count(*)::int from slots where booked > capacity) as oversold,
    (select count(*)::int from slots s where s.booked <> (select count(*) from bookings b where b.slot_id = s.id and b.status = 'active')) as mismatched`)) as unknown as [{ oversold: number; mismatched: number }];
const booked = outcomes.get("booked") ?? 0;
const attempts = times.length / elapsed;
const { p50, p95, max } = percentiles(times);
console.log(`bookSlot with ${CLIENTS} clients for ${SECONDS} s on PostgreSQL: ${(booked / elapsed).toFixed(0)} bookings/s (${attempts.toFixed(0)} attempts/s), p50 ${p50} ms, p95 ${p95} ms, max ${max} ms`);
console.log(`this process (the portal's code and driver) used ${(((cpu.user + cpu.system) / 1e6 / elapsed) * 100).toFixed(0)} % of one core`);
console.log(`outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; oversold slots ${check.oversold}, counters out of step ${check.mismatched}`);
console.log(
  `pgbench TPC-B, ${CLIENTS} clients, same server, same run: ${referenceTps.toFixed(0)} tps → bookings/s at ${(booked / elapsed / referenceTps).toFixed(2)} of it, attempts/s at ${(attempts / referenceTps).toFixed(2)} (target ≥ 0.33, p95 < 50 ms, 0 oversold)`,
);
if (!process.env.BENCH_KEEP) await bench.drop();

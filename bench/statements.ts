/**
 * Issuing a month's statements for a large centre: 10,000 residents with 10 delivered visits each (100,000
 * charges, each with its journal entry), issued by issueStatements() in one transaction, as finance does on
 * the 1st. Target: under 5 s on PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/statements.ts     # BENCH_RESIDENTS=10000
 *
 * Creates (and afterwards drops) the database `cus_bench_statements`. Prints the time to generate the data, the
 * time to issue, the statements, lines and journal entries written, and checks that the journal balances and
 * every statement's total equals the sum of its lines.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { centres, offerRevisions, offers, providerOrganisations } from "../db/schema";
import { issueStatements } from "../app/modules/billing/statements.server";
import { journalHealth } from "../app/modules/ledger/journal.server";
import { rowsOf } from "../app/modules/kernel/rows.server";
import { createBenchDatabase } from "./bench-database";

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 10_000);
const VISITS = 10;
const MONTH = "2026-03-01";

const bench = await createBenchDatabase("cus_bench_statements");
const db = bench.db;

const generating = performance.now();
const [centre] = await db.insert(centres).values({ name: "CUS Bench", shortName: "CUS Bench", email: "bench@example.test", city: "Toruń" }).returning();
const cusId = centre!.id;
const [provider] = await db.insert(providerOrganisations).values({ name: "Usługodawca", legalForm: "foundation", city: "Toruń", email: "p@example.test" }).returning();
const [offer] = await db.insert(offers).values({ cusId, providerId: provider!.id }).returning();
const [revision] = await db.insert(offerRevisions).values({ offerId: offer!.id, number: 1, status: "published", name: "Usługi opiekuńcze w domu", description: "opis", area: 4, unit: "hour", priceGrosze: 4_500 }).returning();
await db.execute(sql`update offers set published_revision_id = ${revision!.id} where id = ${offer!.id}`);
// Set-based: residents, one slot and a delivered booking per visit, a charge per booking (15 % of 45 zł × 1–2 h),
// and each charge's journal entry with its two lines, as accrueCharge would have written them.
await db.execute(sql`insert into residents (cus_id, first_name, last_name) select ${cusId}, 'Osoba', 'Nr ' || n from generate_series(1, ${RESIDENTS}) n`);
await db.execute(sql`
  insert into slots (cus_id, offer_id, provider_id, source_key, starts_at, ends_at, capacity, booked, min_notice_minutes)
  select ${cusId}, ${offer!.id}, ${provider!.id}, 'bench:' || r.id || ':' || v, t, t + interval '1 hour', 1, 1, 0
  from residents r cross join generate_series(1, ${VISITS}) v
  cross join lateral (select (${MONTH}::date + (v * 2) + time '09:00') at time zone 'Europe/Warsaw' as t) s`);
await db.execute(sql`
  insert into bookings (cus_id, slot_id, offer_id, provider_id, resident_id, starts_at, ends_at, offer_revision_id, unit_price_grosze, attendance, delivered_units, attendance_recorded_at)
  select s.cus_id, s.id, s.offer_id, s.provider_id, split_part(s.source_key, ':', 2)::uuid, s.starts_at, s.ends_at, ${revision!.id}, 4500, 'delivered', 1 + (abs(hashtext(s.id::text)) % 2), s.ends_at
  from slots s where s.source_key like 'bench:%'`);
await db.execute(sql`
  insert into copay_charges (cus_id, booking_id, resident_id, payer_id, kind, reason, description, service_date, units_hundredths, unit_price_grosze, amount_grosze, explanation, gmina)
  select b.cus_id, b.id, b.resident_id, b.resident_id, 'charge', 'delivered', 'Usługi opiekuńcze w domu', (b.starts_at at time zone 'Europe/Warsaw')::date,
         (b.delivered_units * 100)::int, 4500, round(4500 * b.delivered_units * 0.15)::int, '[]', '0601011'
  from bookings b where b.cus_id = ${cusId}`);
await db.execute(sql`
  with entries as (
    insert into journal_entries (cus_id, kind, source_key, memo, occurred_at)
    select c.cus_id, 'charge', 'charge:' || c.id, c.description, c.created_at from copay_charges c where c.cus_id = ${cusId}
    returning id, cus_id, source_key
  )
  insert into journal_lines (entry_id, cus_id, account, amount_grosze)
  select e.id, e.cus_id, l.account, l.amount
  from entries e join copay_charges c on 'charge:' || c.id = e.source_key
  cross join lateral (values ('resident_unbilled:' || c.payer_id, c.amount_grosze::bigint), ('copay_income:' || c.gmina, -c.amount_grosze::bigint)) as l(account, amount)`);
await db.execute(sql`analyze`);
const generated = (performance.now() - generating) / 1000;

const started = performance.now();
const result = await issueStatements({ cusId, month: MONTH, issuedOn: "2026-04-01", actor: null, now: new Date("2026-04-01T06:00:00Z") });
const seconds = (performance.now() - started) / 1000;
if (!result.ok) throw new Error(`issueStatements refused: ${result.reason}`);

const [counts] = await rowsOf<{ statements: number; lines: number; entries: number; mismatched: number }>(
  db,
  sql`select (select count(*)::int from statements) as statements, (select count(*)::int from statement_lines) as lines,
             (select count(*)::int from journal_entries where kind = 'statement_issued') as entries,
             (select count(*)::int from statements s where s.total_grosze <> (select coalesce(sum(l.amount_grosze), 0) from statement_lines l where l.statement_id = s.id)) as mismatched`,
);
const health = await journalHealth(db);
console.log(`Statements for ${RESIDENTS.toLocaleString("en")} residents × ${VISITS} delivered visits (data generated in ${generated.toFixed(1)} s)`);
console.log(`  issueStatements: ${seconds.toFixed(2)} s — ${counts!.statements.toLocaleString("en")} statements, ${counts!.lines.toLocaleString("en")} lines, ${counts!.entries.toLocaleString("en")} journal entries, total ${(result.totalGrosze / 100).toFixed(2)} zł`);
console.log(`  checks: statements whose total ≠ sum of lines: ${counts!.mismatched}; journal total ${health.total}, unbalanced entries ${health.unbalancedEntries.length}`);
console.log(`  target: under 5 s — ${seconds < 5 ? "met" : "NOT met"}`);
await bench.drop();
process.exit(counts!.mismatched === 0 && health.total === 0 && health.unbalancedEntries.length === 0 ? 0 : 1);

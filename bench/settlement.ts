/**
 * Opening a month's settlement run for a large centre: 300 verified providers, each with one published offer
 * and one contract (tariff 60–120 zł per hour) paid 60 % by an EU project (with a monthly ceiling the dearer
 * providers reach, so the rest spills to the next source), 25 % by a government programme and 15 % by the
 * gmina's budget line 852/85295/4300; 100,000 visits delivered in the month (1.00–2.00 h each, every tenth
 * with a resident's co-payment) and not yet accrued. Two figures: the catch-up pass that accrues and allocates
 * them all at once (in the portal each visit is accrued and allocated in the transaction that confirms it, so this
 * is the worst case: a month's confirmations arriving together), then openSettlementRun() over the accrued month,
 * which builds one draft statement per provider with its lines. Target: under 2 s each on PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/settlement.ts     # BENCH_VISITS=100000 BENCH_PROVIDERS=300
 *
 * Creates (and afterwards drops, unless BENCH_KEEP=1) the database `cus_bench_settlement`. Prints the rows
 * generated, the time of openSettlementRun, and checks that everything delivered was accrued and allocated to
 * the grosz, that no ceiling was overrun, and that the statements' totals are what the ledger owes the providers.
 */
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { centres, memberships, users } from "../db/schema";
import { journalHealth } from "../app/modules/ledger/journal.server";
import { rowsOf } from "../app/modules/kernel/rows.server";
import { accrueDeliveries } from "../app/modules/settlements/accruals.server";
import { openSettlementRun } from "../app/modules/settlements/runs.server";
import { createBenchDatabase } from "./bench-database";

const VISITS = Number(process.env.BENCH_VISITS ?? 100_000);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 300);
const RESIDENTS = 10_000;
const MONTH = "2026-10-01";
/** The EU project's monthly ceiling per contract: reached by providers whose tariff is above ~83 zł. */
const EU_CEILING_GROSZE = 2_500_000;
const TARGET_MS = 2_000;
const zl = (grosze: number) => `${(grosze / 100).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} zł`;
const n = (x: number) => x.toLocaleString("en");

process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
const bench = await createBenchDatabase("cus_bench_settlement");
const db = bench.db;

const generating = performance.now();
const [centre] = await db.insert(centres).values({ name: "CUS Bench", shortName: "CUS Bench", email: "bench@example.test", city: "Toruń" }).returning();
const cusId = centre!.id;
const [finance] = await db.insert(users).values({ email: "bench-finance@example.test", name: "Księgowa", passwordHash: "x" }).returning();
await db.insert(memberships).values({ userId: finance!.id, role: "finance", cusId });
const actor = { userId: finance!.id, email: finance!.email, name: finance!.name, ip: "192.0.2.1" };

// Providers (numbered by their KRS), verified in the centre, each with one published offer.
await db.execute(sql`
  insert into provider_organisations (name, legal_form, city, email, krs)
  select 'Usługodawca ' || n, 'foundation', 'Toruń', 'p' || n || '@example.test', lpad(n::text, 10, '0') from generate_series(1, ${PROVIDERS}) n`);
await db.execute(sql`insert into centre_providers (cus_id, provider_id, status, reviewed_at) select ${cusId}, id, 'verified', now() from provider_organisations`);
await db.execute(sql`insert into offers (cus_id, provider_id) select ${cusId}, id from provider_organisations`);
await db.execute(sql`
  insert into offer_revisions (offer_id, number, status, name, description, area, unit, price_grosze, fee_label)
  select o.id, 1, 'published', 'Usługi opiekuńcze ' || p.krs::int, 'opis', 4, 'hour', 6000 + (p.krs::int * 17 % 61) * 100, 'partly_paid'
  from offers o join provider_organisations p on p.id = o.provider_id`);
await db.execute(sql`update offers o set published_revision_id = r.id from offer_revisions r where r.offer_id = o.id`);

// The centre's three funding sources, and per provider a contract for the year with its tariff and split.
await db.execute(sql`
  insert into funding_sources (cus_id, kind, name, dzial, rozdzial, paragraf, programme, project_number, eligible_from, eligible_to)
  values (${cusId}, 'eu_project', 'Usługi społeczne w Toruniu (FERS)', null, null, null, 'FERS', 'FERS.03.01-IP.01-0042/26', '2026-01-01', '2028-12-31'),
         (${cusId}, 'government_programme', 'Program „Opieka 75+”', null, null, null, null, null, '2026-01-01', '2026-12-31'),
         (${cusId}, 'gmina_budget', 'Budżet gminy — usługi opiekuńcze', '852', '85295', '4300', null, null, null, null)`);
await db.execute(sql`
  insert into contracts (cus_id, provider_id, number, mode, signed_on, valid_from, valid_to)
  select ${cusId}, p.id, 'KO/' || p.krs::int || '/2026', 'open_call_support', '2025-12-15', '2026-01-01', '2026-12-31' from provider_organisations p`);
await db.execute(sql`
  insert into contract_tariffs (contract_id, offer_id, unit_price_grosze, valid_from)
  select c.id, o.id, r.price_grosze, '2026-01-01'
  from contracts c join offers o on o.provider_id = c.provider_id join offer_revisions r on r.id = o.published_revision_id`);
await db.execute(sql`
  insert into contract_funding_splits (contract_id, source_id, valid_from, position, share_bp, ceiling_grosze, ceiling_period)
  select c.id, f.id, '2026-01-01', x.position, x.share_bp, x.ceiling, x.period
  from contracts c cross join funding_sources f
  join (values ('eu_project', 1, 6000, ${EU_CEILING_GROSZE}::int, 'month'), ('government_programme', 2, 2500, null, null), ('gmina_budget', 3, 1500, null, null))
    as x(kind, position, share_bp, ceiling, period) on x.kind = f.kind`);

// Residents; one slot per visit over the month's days (8:00–17:00), each booked by one resident under the
// provider's contract and delivered (1.00–2.00 h) — nothing accrued yet; every tenth visit with a co-payment.
await db.execute(sql`insert into residents (cus_id, first_name, last_name) select ${cusId}, 'Osoba', 'Nr ' || n from generate_series(1, ${RESIDENTS}) n`);
await db.execute(sql`
  insert into slots (cus_id, offer_id, provider_id, source_key, starts_at, ends_at, capacity, booked, min_notice_minutes)
  select ${cusId}, o.id, o.provider_id, 'bench:' || n, t, t + interval '2 hours', 1, 1, 0
  from generate_series(1, ${VISITS}) n
  join provider_organisations p on p.krs::int = 1 + n % ${PROVIDERS}
  join offers o on o.provider_id = p.id
  cross join lateral (select (${MONTH}::date + (n % 31) + time '08:00' + ((n / 31) % 10) * interval '1 hour') at time zone 'Europe/Warsaw' as t) s`);
await db.execute(sql`
  insert into bookings (cus_id, slot_id, offer_id, provider_id, resident_id, status, starts_at, ends_at, offer_revision_id, unit_price_grosze, contract_id, contract_price_grosze,
                        attendance, delivered_units, attendance_recorded_at)
  select s.cus_id, s.id, s.offer_id, s.provider_id, r.ids[1 + split_part(s.source_key, ':', 2)::int % ${RESIDENTS}], 'active', s.starts_at, s.ends_at,
         o.published_revision_id, t.unit_price_grosze, c.id, t.unit_price_grosze, 'delivered', 1 + (abs(hashtext(s.source_key)) % 101) / 100.0, s.ends_at
  from slots s join offers o on o.id = s.offer_id join contracts c on c.provider_id = s.provider_id join contract_tariffs t on t.contract_id = c.id
  cross join (select array_agg(id order by id) as ids from residents) r
  where s.source_key like 'bench:%'`);
await db.execute(sql`
  insert into copay_charges (cus_id, booking_id, resident_id, payer_id, kind, reason, description, service_date, units_hundredths, unit_price_grosze, amount_grosze, explanation, gmina)
  select b.cus_id, b.id, b.resident_id, b.resident_id, 'charge', 'delivered', 'Usługi opiekuńcze', (b.starts_at at time zone 'Europe/Warsaw')::date,
         round(b.delivered_units * 100)::int, 1000, round(1000 * b.delivered_units)::int, '[]', '0463011'
  from bookings b where b.cus_id = ${cusId} and split_part((select s.source_key from slots s where s.id = b.slot_id), ':', 2)::int % 10 = 0`);
await db.execute(sql`analyze`);
const generatedMs = performance.now() - generating;
const [generated] = await rowsOf<Record<string, number>>(
  db,
  sql`select (select count(*)::int from provider_organisations) as providers, (select count(*)::int from contracts) as contracts,
             (select count(*)::int from contract_funding_splits) as splits, (select count(*)::int from residents) as residents,
             (select count(*)::int from slots) as slots, (select count(*)::int from bookings) as bookings,
             (select count(*)::int from copay_charges) as copays, (select coalesce(sum(round(delivered_units * 100)), 0)::int from bookings) as units`,
);

console.log(`Settlement run for ${n(generated!.providers!)} providers × 3 funding sources, ${n(generated!.bookings!)} visits delivered in ${MONTH.slice(0, 7)} (${n(generated!.units! / 100)} units)`);
console.log(
  `  generated in ${(generatedMs / 1000).toFixed(1)} s: ${n(generated!.providers!)} providers, ${n(generated!.contracts!)} contracts, ${n(generated!.splits!)} split lines, ${n(generated!.residents!)} residents, ${n(generated!.slots!)} slots, ${n(generated!.bookings!)} bookings, ${n(generated!.copays!)} co-payments`,
);

console.log(`  machine: ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} before the run (absolute figures follow the machine)`);

// Deliveries are accrued and allocated when they are confirmed: a month's worth in one catch-up pass first.
const accruing = performance.now();
const caughtUp = await db.transaction((tx) => accrueDeliveries(tx, { cusId, before: "2026-11-01" }, finance!.id, new Date("2026-11-01T07:00:00Z")));
const accrualMs = performance.now() - accruing;
console.log(`  accrual and allocation of the month in one pass: ${accrualMs.toFixed(0)} ms for ${n(caughtUp.accrued)} visits (target: under ${n(TARGET_MS)} ms — ${accrualMs < TARGET_MS ? "met" : "NOT met"})`);

const started = performance.now();
let opened: Awaited<ReturnType<typeof openSettlementRun>>;
try {
  opened = await openSettlementRun({ cusId, month: MONTH, actor, now: new Date("2026-11-02T07:00:00Z") }, db);
} catch (error) {
  // The driver's error carries the whole failed statement; its cause says what went wrong.
  const cause = (error as { cause?: Error }).cause ?? (error as Error);
  console.log(`  openSettlementRun FAILED after ${(performance.now() - started).toFixed(0)} ms (target: under ${n(TARGET_MS)} ms): ${cause.message}`);
  console.log(`    ${(error as Error).stack?.split("\n").find((l) => l.includes("/app/modules/"))?.trim() ?? ""}`);
  if (process.env.BENCH_KEEP !== "1") await bench.drop();
  process.exit(1);
}
const runMs = performance.now() - started;
if (!opened.ok) throw new Error(`openSettlementRun refused: ${opened.reason}`);

const [c] = await rowsOf<{
  accruals: number;
  accrued: number;
  expected: number;
  allocations: number;
  allocated: number;
  copayment: number;
  copays: number;
  unfunded: number;
  statements: number;
  lines: number;
  totals: number;
  payable: number;
  expense: number;
  mismatched: number;
  unsettled: number;
  atCeiling: number;
  overCeiling: number;
  spilled: number;
}>(
  db,
  sql`select
        (select count(*)::int from service_accruals) as accruals,
        (select coalesce(sum(amount_grosze), 0)::float8 from service_accruals) as accrued,
        (select coalesce(sum(round(b.contract_price_grosze * b.delivered_units)), 0)::float8 from bookings b) as expected,
        (select count(*)::int from funding_allocations) as allocations,
        (select coalesce(sum(amount_grosze), 0)::float8 from funding_allocations) as allocated,
        (select coalesce(sum(amount_grosze), 0)::float8 from funding_allocations where part = 'copayment') as copayment,
        (select coalesce(sum(amount_grosze), 0)::float8 from copay_charges) as copays,
        (select coalesce(sum(amount_grosze), 0)::float8 from funding_allocations where part = 'unfunded') as unfunded,
        (select count(*)::int from provider_statements where run_id = ${opened.runId}) as statements,
        (select count(*)::int from provider_statement_lines) as lines,
        (select coalesce(sum(total_grosze), 0)::float8 from provider_statements where run_id = ${opened.runId}) as totals,
        (select coalesce(sum(amount_grosze), 0)::float8 from journal_lines where account like 'provider_payable:%') as payable,
        (select coalesce(sum(amount_grosze), 0)::float8 from journal_lines where account like 'funding_expense:%') as expense,
        (select count(*)::int from provider_statements s where s.total_grosze <> (select coalesce(sum(l.amount_grosze), 0) from provider_statement_lines l where l.statement_id = s.id)) as mismatched,
        (select count(*)::int from service_accruals where statement_line_id is null) as unsettled,
        (select count(*)::int from (select f.contract_id from funding_allocations f join funding_sources s on s.id = f.source_id where s.kind = 'eu_project' group by 1 having sum(f.amount_grosze) = ${EU_CEILING_GROSZE}) x) as "atCeiling",
        (select count(*)::int from (select f.contract_id from funding_allocations f join funding_sources s on s.id = f.source_id where s.kind = 'eu_project' group by 1 having sum(f.amount_grosze) > ${EU_CEILING_GROSZE}) x) as "overCeiling",
        (select count(*)::int from (select a.id from service_accruals a join funding_allocations f on f.accrual_id = a.id left join funding_sources s on s.id = f.source_id
                                     group by a.id, a.amount_grosze
                                     having coalesce(sum(f.amount_grosze) filter (where s.kind = 'eu_project'), 0)
                                            < round((a.amount_grosze - coalesce(sum(f.amount_grosze) filter (where f.part = 'copayment'), 0)) * 0.6) - 1) x) as spilled`,
);
const health = await journalHealth(db);
console.log(`  openSettlementRun: ${runMs.toFixed(0)} ms (target: under ${n(TARGET_MS)} ms — ${runMs < TARGET_MS ? "met" : "NOT met"})`);
console.log(`  accruals: ${n(c!.accruals)}, total ${zl(c!.accrued)} (tariff × delivered units: ${zl(c!.expected)})`);
console.log(`  allocations: ${n(c!.allocations)}, total ${zl(c!.allocated)} (co-payment ${zl(c!.copayment)} of ${zl(c!.copays)} charged; unfunded ${zl(c!.unfunded)})`);
console.log(`  EU ceiling ${zl(EU_CEILING_GROSZE)} a month: reached by ${n(c!.atCeiling)} contracts, overrun by ${n(c!.overCeiling)}; ${n(c!.spilled)} visits spilled past it`);
console.log(`  statements: ${n(c!.statements)}, lines: ${n(c!.lines)}, accruals left off a line: ${n(c!.unsettled)}, statements whose total ≠ sum of lines: ${n(c!.mismatched)}`);
console.log(`  statement totals ${zl(c!.totals)} vs provider_payable balance ${zl(c!.payable)}; funding_expense balance ${zl(c!.expense)}`);
console.log(`  journal total ${health.total}, unbalanced entries ${health.unbalancedEntries.length}, entries without lines ${health.entriesWithoutLines.length}`);

const correct =
  c!.accruals === generated!.bookings &&
  c!.accrued === c!.expected &&
  c!.allocated === c!.accrued &&
  c!.unfunded === 0 &&
  c!.copayment === c!.copays &&
  c!.statements === generated!.providers &&
  c!.unsettled === 0 &&
  c!.mismatched === 0 &&
  c!.totals === c!.accrued &&
  c!.totals + c!.payable === 0 &&
  c!.expense === c!.allocated &&
  c!.overCeiling === 0 &&
  health.total === 0 &&
  health.unbalancedEntries.length === 0 &&
  health.entriesWithoutLines.length === 0;
console.log(`  checks: ${correct ? "all hold" : "FAILED"}`);
if (process.env.BENCH_KEEP !== "1") await bench.drop();
process.exit(correct ? 0 : 1);

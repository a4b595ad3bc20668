import { randomUUID } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { contractFundingSplits, contracts, contractTariffs, type AllocationPart } from "@db/schema";
import { mulDivRound } from "~/modules/billing/copay-engine";
import { allocateUnit, type SplitLine } from "~/modules/funding/allocation";
import { accounts } from "~/modules/ledger/accounts";
import { postJournalEntries } from "~/modules/ledger/bulk.server";
import { rowsOf } from "~/modules/kernel/rows.server";

/*
 * Accruing what the centre owes providers for delivered units. A pass compares each visit's delivered units
 * with what was accrued for it before and writes the difference: priced at the tariff in force on the visit's
 * day under the contract that covers it, allocated to the funding sources (co-payment first, then the split,
 * with each source's ceiling for its period), and posted to the ledger — expense per source against
 * provider_payable:<provider>, one entry per provider and pass. The same pass serves one visit (in the
 * transaction that records its attendance) and a whole month (when a settlement run is opened), so the two can
 * never disagree. A visit no contract covers is kept flagged for finance, with no price, until one does.
 */

type Candidate = {
  bookingId: string;
  providerId: string;
  offerId: string;
  bookedContractId: string | null;
  day: string;
  targetUnits: number;
  pricedUnits: number;
  pricedAmount: number;
  pricedContractId: string | null;
  flagged: boolean;
  copayGrosze: number;
};

type ContractTerms = {
  id: string;
  providerId: string;
  validFrom: string;
  validTo: string;
  tariffs: { offerId: string; validFrom: string; unitPriceGrosze: number }[];
  splits: (typeof contractFundingSplits.$inferSelect)[];
};

export type AccrualPassResult = { accrued: number; flagged: number; amountGrosze: number };

/** Takes the centre's accrual lock: ceilings are counted from what was allocated before, one pass at a time. */
async function lockAccruals(tx: Database, cusId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('accruals:' || ${cusId}))`);
}

/** Accrues every difference for the given visits, or for all of the centre's visits before `before` (a day, exclusive). */
export async function accrueDeliveries(tx: Database, scope: { cusId: string; bookingIds?: string[]; before?: string }, recordedBy: string | null, now: Date): Promise<AccrualPassResult> {
  await lockAccruals(tx, scope.cusId);
  // A month's pass reads what the same transaction wrote; the planner's estimates would be wrong and JIT slow.
  if (!scope.bookingIds) await tx.execute(sql`set local jit = off`);
  const candidates = await findCandidates(tx, scope);
  if (candidates.length === 0) return { accrued: 0, flagged: 0, amountGrosze: 0 };
  const terms = await loadTerms(tx, scope.cusId);
  const pricedBefore = candidates.filter((c) => c.pricedContractId !== null).map((c) => c.bookingId);
  const allocatedBefore = await allocationsOf(tx, pricedBefore);
  const room = await ceilingUsage(tx, scope.cusId, terms);

  const accrualRows: AccrualRow[] = [];
  const allocationRows: AllocationRow[] = [];
  const byProvider = new Map<string, Map<string, number>>();
  let flagged = 0;
  let total = 0;

  for (const c of candidates) {
    const contract = c.pricedContractId ? terms.get(c.pricedContractId) : coveringContract(terms, c);
    const tariff = contract ? tariffOn(contract, c.offerId, c.day) : null;
    if (!contract || tariff === null) {
      if (c.targetUnits > 0 && !c.flagged) {
        accrualRows.push({ id: randomUUID(), cusId: scope.cusId, providerId: c.providerId, bookingId: c.bookingId, offerId: c.offerId, contractId: null, kind: "delivery", serviceDate: c.day, unitsHundredths: c.targetUnits, unitPriceGrosze: null, amountGrosze: 0, noContract: true, recordedBy, createdAt: now });
        flagged++;
      }
      continue;
    }
    const cost = mulDivRound(tariff, c.targetUnits, 100);
    const unitsDelta = c.targetUnits - c.pricedUnits;
    const amountDelta = cost - c.pricedAmount;
    if (unitsDelta === 0 && amountDelta === 0) continue;

    // The visit's own earlier allocations are given back to the room before its whole cost is allocated anew.
    const before = allocatedBefore.get(c.bookingId) ?? new Map<string, number>();
    const split = splitOn(contract, c.day);
    const lines: SplitLine[] = split.map((s) => ({
      sourceId: s.sourceId,
      shareBp: s.shareBp ?? undefined,
      fixedPerUnitGrosze: s.fixedPerUnitGrosze ?? undefined,
      roomGrosze: s.ceilingGrosze === null ? null : s.ceilingGrosze - room.used(contract, s, c.day) + (before.get(`source:${s.sourceId}`) ?? 0),
    }));
    const target = allocateUnit({ costGrosze: cost, unitsHundredths: c.targetUnits, copayGrosze: c.copayGrosze, split: lines });
    const wanted = new Map<string, number>([["copayment", target.copayGrosze], ["unfunded", target.unfundedGrosze]]);
    for (const b of target.bySource) wanted.set(`source:${b.sourceId}`, b.amountGrosze);

    const accrualId = randomUUID();
    accrualRows.push({
      id: accrualId,
      cusId: scope.cusId,
      providerId: c.providerId,
      bookingId: c.bookingId,
      offerId: c.offerId,
      contractId: contract.id,
      kind: c.pricedContractId ? "correction" : "delivery",
      serviceDate: c.day,
      unitsHundredths: unitsDelta,
      unitPriceGrosze: tariff,
      amountGrosze: amountDelta,
      noContract: false,
      recordedBy,
      createdAt: now,
    });
    const ledger = byProvider.get(c.providerId) ?? new Map<string, number>();
    byProvider.set(c.providerId, ledger);
    for (const key of new Set([...wanted.keys(), ...before.keys()])) {
      const delta = (wanted.get(key) ?? 0) - (before.get(key) ?? 0);
      if (delta === 0) continue;
      const [part, sourceId] = key.split(":") as [AllocationPart, string | undefined];
      allocationRows.push({ accrualId, cusId: scope.cusId, contractId: contract.id, part, sourceId: sourceId ?? null, serviceDate: c.day, amountGrosze: delta });
      if (sourceId) room.add(contract.id, sourceId, c.day, delta);
      const account = accounts.fundingExpense(sourceId ?? part);
      ledger.set(account, (ledger.get(account) ?? 0) + delta);
    }
    const payable = accounts.providerPayable(c.providerId);
    ledger.set(payable, (ledger.get(payable) ?? 0) - amountDelta);
    total += amountDelta;
  }

  await insertRows(tx, accrualRows, allocationRows);
  const pass = randomUUID();
  await postJournalEntries(
    tx,
    [...byProvider].map(([providerId, lines]) => ({
      id: randomUUID(),
      cusId: scope.cusId,
      kind: "service_accrual" as const,
      sourceKey: `service_accrual:${pass}:${providerId}`,
      memo: `Usługi zrealizowane (${providerId})`,
      occurredAt: now,
      recordedBy,
      lines: [...lines].map(([account, amountGrosze]) => ({ account, amountGrosze })),
    })),
  );
  return { accrued: accrualRows.length - flagged, flagged, amountGrosze: total };
}

/** Visits whose delivered units differ from what is accrued for them (or flagged ones a contract may now cover). */
async function findCandidates(tx: Database, scope: { cusId: string; bookingIds?: string[]; before?: string }): Promise<Candidate[]> {
  if (scope.bookingIds && scope.bookingIds.length === 0) return [];
  const only = scope.bookingIds ? sql`and b.id = any(${`{${scope.bookingIds.join(",")}}`}::uuid[])` : sql``;
  const before = scope.before ? sql`and b.starts_at < (${scope.before}::date::timestamp at time zone 'Europe/Warsaw')` : sql``;
  const accruedOnly = scope.bookingIds ? sql`and a.booking_id = any(${`{${scope.bookingIds.join(",")}}`}::uuid[])` : sql``;
  return rowsOf<Candidate>(
    tx,
    sql`with accrued as (
          select a.booking_id,
            coalesce(sum(a.units_hundredths) filter (where not a.no_contract), 0)::int as units,
            coalesce(sum(a.amount_grosze) filter (where not a.no_contract), 0)::int as amount,
            (array_agg(a.contract_id) filter (where not a.no_contract))[1] as contract_id,
            bool_or(a.no_contract) as flagged
          from service_accruals a where a.cus_id = ${scope.cusId} ${accruedOnly} group by a.booking_id
        ), visits as (
          select b.id, b.provider_id, b.offer_id, b.contract_id, b.starts_at,
            case when b.status = 'active' and b.attendance = 'delivered' then round(b.delivered_units * 100)::int else 0 end as target
          from bookings b
          where b.cus_id = ${scope.cusId} and b.provider_id is not null ${only} ${before}
            and ((b.status = 'active' and b.attendance = 'delivered') or exists (select 1 from accrued a where a.booking_id = b.id))
        ), copay as (
          select c.booking_id, sum(c.amount_grosze)::int as amount from copay_charges c
          where c.cus_id = ${scope.cusId} and c.booking_id in (select id from visits) group by c.booking_id
        )
        select v.id as "bookingId", v.provider_id as "providerId", v.offer_id as "offerId", v.contract_id as "bookedContractId",
          to_char((v.starts_at at time zone 'Europe/Warsaw')::date, 'YYYY-MM-DD') as day, v.target as "targetUnits",
          coalesce(a.units, 0) as "pricedUnits", coalesce(a.amount, 0) as "pricedAmount", a.contract_id as "pricedContractId",
          coalesce(a.flagged, false) as flagged, coalesce(cp.amount, 0) as "copayGrosze"
        from visits v left join accrued a on a.booking_id = v.id left join copay cp on cp.booking_id = v.id
        where v.target <> coalesce(a.units, 0) or (a.contract_id is null and v.target > 0)
        order by v.starts_at, v.id`,
  );
}

async function loadTerms(tx: Database, cusId: string): Promise<Map<string, ContractTerms>> {
  const rows = await tx.select().from(contracts).where(eq(contracts.cusId, cusId));
  const ids = rows.map((r) => r.id);
  const tariffs = ids.length ? await tx.select().from(contractTariffs).where(inArray(contractTariffs.contractId, ids)).orderBy(asc(contractTariffs.validFrom)) : [];
  const splits = ids.length ? await tx.select().from(contractFundingSplits).where(inArray(contractFundingSplits.contractId, ids)).orderBy(asc(contractFundingSplits.validFrom), asc(contractFundingSplits.position)) : [];
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, providerId: r.providerId, validFrom: r.validFrom, validTo: r.validTo, tariffs: tariffs.filter((t) => t.contractId === r.id), splits: splits.filter((s) => s.contractId === r.id) },
    ]),
  );
}

/** The contract a visit is paid under: the one it was booked under if it covers the day, else any that covers it. */
function coveringContract(terms: Map<string, ContractTerms>, c: Candidate): ContractTerms | null {
  const covers = (t: ContractTerms | undefined) => t && t.providerId === c.providerId && t.validFrom <= c.day && t.validTo >= c.day && tariffOn(t, c.offerId, c.day) !== null;
  const booked = c.bookedContractId ? terms.get(c.bookedContractId) : undefined;
  if (covers(booked)) return booked!;
  for (const t of terms.values()) if (covers(t)) return t;
  return null;
}

function tariffOn(contract: ContractTerms, offerId: string, day: string): number | null {
  let price: number | null = null;
  for (const t of contract.tariffs) if (t.offerId === offerId && t.validFrom <= day) price = t.unitPriceGrosze;
  return price;
}

function splitOn(contract: ContractTerms, day: string) {
  const from = contract.splits.filter((s) => s.validFrom <= day).at(-1)?.validFrom;
  return from ? contract.splits.filter((s) => s.validFrom === from) : [];
}

/** Each visit's allocations so far, by part ("copayment", "unfunded", "source:<id>"). */
async function allocationsOf(tx: Database, bookingIds: string[]) {
  const result = new Map<string, Map<string, number>>();
  if (bookingIds.length === 0) return result;
  const rows = await rowsOf<{ bookingId: string; key: string; amount: number }>(
    tx,
    sql`select a.booking_id as "bookingId", case when f.part = 'source' then 'source:' || f.source_id else f.part end as key, sum(f.amount_grosze)::int as amount
        from funding_allocations f join service_accruals a on a.id = f.accrual_id
        where a.booking_id = any(${`{${bookingIds.join(",")}}`}::uuid[]) group by 1, 2`,
  );
  for (const r of rows) {
    const m = result.get(r.bookingId) ?? new Map<string, number>();
    m.set(r.key, r.amount);
    result.set(r.bookingId, m);
  }
  return result;
}

/**
 * What each source has taken under each contract, per month, per year and over the contract, to count the room
 * left under its ceiling: one lookup a visit, kept up to date as the pass allocates.
 */
async function ceilingUsage(tx: Database, cusId: string, terms: Map<string, ContractTerms>) {
  const ceilinged = [...terms.values()].filter((t) => t.splits.some((s) => s.ceilingGrosze !== null)).map((t) => t.id);
  const taken = new Map<string, number>();
  const keys = (contractId: string, sourceId: string, day: string) => [`${contractId}|${sourceId}|month|${day.slice(0, 7)}`, `${contractId}|${sourceId}|year|${day.slice(0, 4)}`, `${contractId}|${sourceId}|contract|`];
  const add = (contractId: string, sourceId: string, day: string, amount: number) => {
    for (const k of keys(contractId, sourceId, day)) taken.set(k, (taken.get(k) ?? 0) + amount);
  };
  if (ceilinged.length) {
    const rows = await rowsOf<{ contractId: string; sourceId: string; month: string; amount: number }>(
      tx,
      sql`select contract_id as "contractId", source_id as "sourceId", to_char(service_date, 'YYYY-MM-01') as month, sum(amount_grosze)::int as amount
          from funding_allocations where cus_id = ${cusId} and part = 'source' and contract_id = any(${`{${ceilinged.join(",")}}`}::uuid[]) group by 1, 2, 3`,
    );
    for (const r of rows) add(r.contractId, r.sourceId, r.month, r.amount);
  }
  const periods = { month: 0, year: 1, contract: 2 } as const;
  return {
    used(contract: ContractTerms, line: { sourceId: string; ceilingPeriod: string | null }, day: string) {
      return taken.get(keys(contract.id, line.sourceId, day)[periods[(line.ceilingPeriod ?? "contract") as keyof typeof periods]]!) ?? 0;
    },
    add,
  };
}

type AccrualRow = { id: string; cusId: string; providerId: string; bookingId: string; offerId: string; contractId: string | null; kind: "delivery" | "correction"; serviceDate: string; unitsHundredths: number; unitPriceGrosze: number | null; amountGrosze: number; noContract: boolean; recordedBy: string | null; createdAt: Date };
type AllocationRow = { accrualId: string; cusId: string; contractId: string; part: AllocationPart; sourceId: string | null; serviceDate: string; amountGrosze: number };

/**
 * Writes a pass's rows as JSON, one parameter a statement: a month's pass has 100,000 visits, far past the
 * driver's 65,534 parameters, and building a multi-row insert of that size costs more than the insert.
 */
async function insertRows(tx: Database, accrualRows: AccrualRow[], allocationRows: AllocationRow[]) {
  for (const chunk of chunks(accrualRows, 25_000)) {
    await tx.execute(sql`insert into service_accruals (id, cus_id, provider_id, booking_id, offer_id, contract_id, kind, service_date, units_hundredths, unit_price_grosze, amount_grosze, no_contract, recorded_by, created_at)
      select id, "cusId", "providerId", "bookingId", "offerId", "contractId", kind, "serviceDate", "unitsHundredths", "unitPriceGrosze", "amountGrosze", "noContract", "recordedBy", "createdAt"
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id uuid, "cusId" uuid, "providerId" uuid, "bookingId" uuid, "offerId" uuid, "contractId" uuid, kind text, "serviceDate" date,
        "unitsHundredths" int, "unitPriceGrosze" int, "amountGrosze" int, "noContract" boolean, "recordedBy" uuid, "createdAt" timestamptz)`);
  }
  for (const chunk of chunks(allocationRows, 50_000)) {
    await tx.execute(sql`insert into funding_allocations (accrual_id, cus_id, contract_id, part, source_id, service_date, amount_grosze)
      select "accrualId", "cusId", "contractId", part, "sourceId", "serviceDate", "amountGrosze"
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x("accrualId" uuid, "cusId" uuid, "contractId" uuid, part text, "sourceId" uuid, "serviceDate" date, "amountGrosze" int)`);
  }
}

function* chunks<T>(rows: T[], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Delivered visits no contract covers, for finance: never paid or lost quietly. */
export async function unitsWithoutContract(cusId: string, db: Database = getDb()) {
  return rowsOf<{ bookingId: string; providerName: string; offerName: string; day: string; unitsHundredths: number }>(
    db,
    sql`select a.booking_id as "bookingId", p.name as "providerName", r.name as "offerName", to_char(a.service_date, 'YYYY-MM-DD') as day, a.units_hundredths as "unitsHundredths"
        from service_accruals a
        join provider_organisations p on p.id = a.provider_id
        join offers o on o.id = a.offer_id left join offer_revisions r on r.id = o.published_revision_id
        where a.cus_id = ${cusId} and a.no_contract
          and not exists (select 1 from service_accruals x where x.booking_id = a.booking_id and not x.no_contract)
        order by a.service_date`,
  );
}


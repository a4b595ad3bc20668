import { and, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centreProviders, contracts, contractTariffs, offers } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isUuid } from "~/modules/kernel/ids";
import { rowsOf } from "~/modules/kernel/rows.server";
import { parsePlnToGrosze } from "~/utils/money";
import { pricedOffers, type ContractFormInput } from "./contract-form";

/*
 * Contracts: who delivers which offers for the centre, at what price per unit, up to what volume, when. The tariff
 * in force on a visit's day is what the provider is paid for it; the pool is drawn down by bookings (committed) and
 * deliveries (used). A delivered unit with no contract in force is flagged for finance, never paid or lost quietly.
 */

export type ContractRefusal = "provider" | "offers" | "number_taken";

export async function createContract(input: { cusId: string; contract: ContractFormInput; actor: Actor }, db: Database = getDb()): Promise<{ ok: true; contractId: string } | { ok: false; reason: ContractRefusal }> {
  const c = input.contract;
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(centreProviders).where(and(eq(centreProviders.cusId, input.cusId), eq(centreProviders.providerId, c.providerId), eq(centreProviders.status, "verified")));
    if (!partner) return { ok: false as const, reason: "provider" as const };
    const priced = pricedOffers(c);
    const own = await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.cusId, input.cusId), eq(offers.providerId, c.providerId), inArray(offers.id, priced.map((p) => p.offerId))));
    if (own.length !== new Set(priced.map((p) => p.offerId)).size) return { ok: false as const, reason: "offers" as const };
    const [taken] = await tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.cusId, input.cusId), eq(contracts.number, c.number)));
    if (taken) return { ok: false as const, reason: "number_taken" as const };
    const [row] = await tx
      .insert(contracts)
      .values({
        cusId: input.cusId,
        providerId: c.providerId,
        number: c.number,
        mode: c.mode,
        signedOn: c.signedOn,
        validFrom: c.validFrom,
        validTo: c.validTo,
        poolUnitsHundredths: c.poolUnits,
        poolGrosze: c.poolAmount > 0 ? c.poolAmount : null,
        createdBy: input.actor.userId,
      })
      .returning({ id: contracts.id });
    const tariffs = priced.map((p) => ({ contractId: row!.id, offerId: p.offerId, unitPriceGrosze: parsePlnToGrosze(p.tariff)!, validFrom: c.validFrom }));
    await tx.insert(contractTariffs).values(tariffs);
    // Visits already booked of the covered offers, in the period and under no contract, draw on this one's pool.
    await tx.execute(sql`update bookings b set contract_id = ${row!.id}, contract_price_grosze = t.unit_price_grosze
      from contract_tariffs t
      where t.contract_id = ${row!.id} and t.offer_id = b.offer_id and b.cus_id = ${input.cusId} and b.provider_id = ${c.providerId}
        and b.contract_id is null and b.status = 'active' and b.attendance is null
        and (b.starts_at at time zone 'Europe/Warsaw')::date between ${c.validFrom}::date and ${c.validTo}::date`);
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "contract.created", entityType: "contract", entityId: row!.id, after: { number: c.number, mode: c.mode, providerId: c.providerId, validFrom: c.validFrom, validTo: c.validTo, poolUnits: c.poolUnits, poolGrosze: c.poolAmount, tariffs } });
    return { ok: true as const, contractId: row!.id };
  });
}

/** A dated change of a tariff: from that day visits are paid at the new price; earlier ones keep theirs. */
export async function changeTariff(input: { cusId: string; contractId: string; offerId: string; unitPriceGrosze: number; validFrom: string; actor: Actor }, db: Database = getDb()) {
  if (!isUuid(input.contractId) || !isUuid(input.offerId) || !(input.unitPriceGrosze > 0)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction(async (tx) => {
    const [contract] = await tx.select().from(contracts).where(and(eq(contracts.id, input.contractId), eq(contracts.cusId, input.cusId)));
    if (!contract) return { ok: false as const, reason: "not_found" as const };
    if (input.validFrom < contract.validFrom || input.validFrom > contract.validTo) return { ok: false as const, reason: "outside_period" as const };
    await tx
      .insert(contractTariffs)
      .values({ contractId: contract.id, offerId: input.offerId, unitPriceGrosze: input.unitPriceGrosze, validFrom: input.validFrom })
      .onConflictDoUpdate({ target: [contractTariffs.contractId, contractTariffs.offerId, contractTariffs.validFrom], set: { unitPriceGrosze: input.unitPriceGrosze } });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "contract.tariff_changed", entityType: "contract", entityId: contract.id, after: { offerId: input.offerId, unitPriceGrosze: input.unitPriceGrosze, validFrom: input.validFrom } });
    return { ok: true as const };
  });
}

/** The contract and tariff in force for an offer on a day, or null (a unit to flag for finance). */
export async function contractInForce(cusId: string, offerId: string, day: string, db: Database = getDb()) {
  const [row] = await db
    .select({ contractId: contracts.id, number: contracts.number, providerId: contracts.providerId, unitPriceGrosze: contractTariffs.unitPriceGrosze, tariffFrom: contractTariffs.validFrom })
    .from(contractTariffs)
    .innerJoin(contracts, eq(contracts.id, contractTariffs.contractId))
    .where(and(eq(contracts.cusId, cusId), eq(contractTariffs.offerId, offerId), lte(contracts.validFrom, day), gte(contracts.validTo, day), lte(contractTariffs.validFrom, day)))
    .orderBy(desc(contractTariffs.validFrom))
    .limit(1);
  return row ?? null;
}

/**
 * How much of a contract's pool is taken: visits booked under it and not yet recorded (committed, one unit each at
 * the tariff they were booked at), and units delivered and accrued under it (used). Warnings at 80 % and 100 %.
 */
export async function poolUsage(cusId: string, contractId: string, db: Database = getDb()) {
  if (!isUuid(contractId)) return null;
  const [contract] = await db.select().from(contracts).where(and(eq(contracts.id, contractId), eq(contracts.cusId, cusId)));
  if (!contract) return null;
  const [taken] = await rowsOf<PoolTaken>(db, sql`select * from (${poolTakenSql(sql`${contract.id}::uuid`)}) t`);
  return { contract, ...taken!, poolHundredths: contract.poolUnitsHundredths, poolGrosze: contract.poolGrosze, level: poolLevel(contract, taken!) } as const;
}

type PoolTaken = { committedHundredths: number; usedHundredths: number; committedGrosze: number; usedGrosze: number };

/** What a contract's pool has taken, as one row (the booking statement checks the same figures). */
export function poolTakenSql(contractId: SQL) {
  return sql`select
      (select count(*) * 100 from bookings b where b.contract_id = ${contractId} and b.status = 'active' and b.attendance is null)::int as "committedHundredths",
      (select coalesce(sum(b.contract_price_grosze), 0) from bookings b where b.contract_id = ${contractId} and b.status = 'active' and b.attendance is null)::int as "committedGrosze",
      (select coalesce(sum(a.units_hundredths), 0) from service_accruals a where a.contract_id = ${contractId})::int as "usedHundredths",
      (select coalesce(sum(a.amount_grosze), 0) from service_accruals a where a.contract_id = ${contractId})::int as "usedGrosze"`;
}

function poolLevel(contract: { poolUnitsHundredths: number | null; poolGrosze: number | null }, t: PoolTaken): "none" | "ok" | "warning" | "full" {
  const shares = [
    contract.poolUnitsHundredths ? [t.committedHundredths + t.usedHundredths, contract.poolUnitsHundredths] : null,
    contract.poolGrosze ? [t.committedGrosze + t.usedGrosze, contract.poolGrosze] : null,
  ].filter((x): x is number[] => x !== null);
  if (shares.length === 0) return "none";
  // Compared in whole numbers: taken ≥ pool is full, taken ≥ 80 % of it a warning.
  if (shares.some(([taken, pool]) => taken! >= pool!)) return "full";
  if (shares.some(([taken, pool]) => taken! * 10 >= pool! * 8)) return "warning";
  return "ok";
}

/** Every contract of the centre with its pool use (the organiser's desk), or one provider's (the provider's view). */
export async function contractsWithPools(cusId: string | null, filter: { providerId?: string; offerId?: string; day?: string } = {}, db: Database = getDb()) {
  const rows = await rowsOf<typeof contracts.$inferSelect & PoolTaken & { providerName: string; offers: string[] }>(
    db,
    sql`select c.id, c.number, c.mode, c.provider_id as "providerId", p.name as "providerName", to_char(c.signed_on, 'YYYY-MM-DD') as "signedOn",
          to_char(c.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(c.valid_to, 'YYYY-MM-DD') as "validTo", c.pool_units_hundredths as "poolUnitsHundredths",
          c.pool_grosze as "poolGrosze", c.overrun_allowed as "overrunAllowed", t.*,
          array(select distinct coalesce(r.name, '') from contract_tariffs ct join offers o on o.id = ct.offer_id left join offer_revisions r on r.id = o.published_revision_id where ct.contract_id = c.id) as offers
        from contracts c join provider_organisations p on p.id = c.provider_id cross join lateral (${poolTakenSql(sql`c.id`)}) t
        where ${cusId ? sql`c.cus_id = ${cusId}` : sql`true`} ${filter.providerId ? sql`and c.provider_id = ${filter.providerId}` : sql``}
          ${filter.offerId ? sql`and exists (select 1 from contract_tariffs ct where ct.contract_id = c.id and ct.offer_id = ${filter.offerId})` : sql``}
          ${filter.day ? sql`and ${filter.day}::date between c.valid_from and c.valid_to` : sql``}
        order by c.valid_to desc, c.number`,
  );
  return rows.map((r) => ({ ...r, level: poolLevel(r, r) }));
}

/** The organiser's permission to book past a contract's pool (or its withdrawal), audited. */
export async function setOverrun(input: { cusId: string; contractId: string; allowed: boolean; actor: Actor }, db: Database = getDb()) {
  if (!isUuid(input.contractId)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction(async (tx) => {
    const [row] = await tx.update(contracts).set({ overrunAllowed: input.allowed }).where(and(eq(contracts.id, input.contractId), eq(contracts.cusId, input.cusId))).returning({ id: contracts.id });
    if (!row) return { ok: false as const, reason: "not_found" as const };
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: input.allowed ? "contract.overrun_allowed" : "contract.overrun_withdrawn", entityType: "contract", entityId: row.id, after: { overrunAllowed: input.allowed } });
    return { ok: true as const };
  });
}

/**
 * Before a booking: the contract in force for the slot's day whose pool could refuse it, locked so that two
 * bookings at the pool's edge are decided one after the other (the booking statement then reads what is taken
 * after the lock). Null when no pool can refuse the slot.
 */
export async function lockPoolForSlot(tx: Database, cusId: string, slotId: string) {
  const [row] = await rowsOf<{ id: string }>(tx, sql`${poolForSlotSql(cusId, slotId)} for update of c`);
  return row?.id ?? null;
}

function poolForSlotSql(cusId: string, slotId: string) {
  return sql`select c.id from slots s
        join contract_tariffs t on t.offer_id = s.offer_id and t.valid_from <= (s.starts_at at time zone 'Europe/Warsaw')::date
        join contracts c on c.id = t.contract_id and c.cus_id = s.cus_id and c.provider_id = s.provider_id
          and (s.starts_at at time zone 'Europe/Warsaw')::date between c.valid_from and c.valid_to
        where s.id = ${slotId} and s.cus_id = ${cusId} and not c.overrun_allowed and (c.pool_units_hundredths is not null or c.pool_grosze is not null)
        order by c.valid_from desc limit 1`;
}

/** Whether a pool could refuse a booking of the slot (read without a lock: the booking then locks and checks). */
export async function hasPool(db: Database, cusId: string, slotId: string) {
  const [row] = await rowsOf<{ id: string }>(db, poolForSlotSql(cusId, slotId));
  return row !== undefined;
}

/** The contract and tariff in force for a slot's offer on its day, for the booking statement (a lateral subquery). */
export function contractForSlotSql(slot: { offerId: SQL; providerId: SQL; cusId: SQL; day: SQL }) {
  return sql`select c.id, c.pool_units_hundredths, c.pool_grosze, c.overrun_allowed, t.unit_price_grosze
    from contract_tariffs t join contracts c on c.id = t.contract_id
    where t.offer_id = ${slot.offerId} and c.cus_id = ${slot.cusId} and c.provider_id = ${slot.providerId}
      and t.valid_from <= ${slot.day} and ${slot.day} between c.valid_from and c.valid_to
    order by c.valid_from desc, t.valid_from desc limit 1`;
}

export async function listContracts(cusId: string, db: Database = getDb()) {
  return db.select().from(contracts).where(eq(contracts.cusId, cusId)).orderBy(desc(contracts.validFrom));
}

/** What the contract form offers: the centre's verified providers with their published offers and list prices. */
export async function contractChoices(cusId: string, db: Database = getDb()) {
  const rows = await rowsOf<{ providerId: string; providerName: string; offerId: string | null; offerName: string | null; listPriceGrosze: number | null }>(
    db,
    sql`select p.id as "providerId", p.name as "providerName", o.id as "offerId", r.name as "offerName", r.price_grosze as "listPriceGrosze"
        from centre_providers cp join provider_organisations p on p.id = cp.provider_id
        left join offers o on o.provider_id = p.id and o.cus_id = cp.cus_id and o.published_revision_id is not null
        left join offer_revisions r on r.id = o.published_revision_id
        where cp.cus_id = ${cusId} and cp.status = 'verified' order by p.name, r.name`,
  );
  const providers = new Map<string, { id: string; name: string; offers: { id: string; name: string; listPriceGrosze: number | null }[] }>();
  for (const r of rows) {
    const p = providers.get(r.providerId) ?? { id: r.providerId, name: r.providerName, offers: [] };
    if (r.offerId) p.offers.push({ id: r.offerId, name: r.offerName ?? "", listPriceGrosze: r.listPriceGrosze });
    providers.set(r.providerId, p);
  }
  return [...providers.values()];
}

/** One contract with its tariffs, splits and pool use (the organiser's page). */
export async function getContract(cusId: string, contractId: string, db: Database = getDb()) {
  const usage = await poolUsage(cusId, contractId, db);
  if (!usage) return null;
  const tariffs = await rowsOf<{ offerId: string; offerName: string; validFrom: string; unitPriceGrosze: number }>(
    db,
    sql`select t.offer_id as "offerId", coalesce(r.name, '') as "offerName", to_char(t.valid_from, 'YYYY-MM-DD') as "validFrom", t.unit_price_grosze as "unitPriceGrosze"
        from contract_tariffs t join offers o on o.id = t.offer_id left join offer_revisions r on r.id = o.published_revision_id
        where t.contract_id = ${contractId} order by r.name, t.valid_from`,
  );
  const splits = await rowsOf<{ validFrom: string; position: number; sourceId: string; sourceName: string; shareBp: number | null; fixedPerUnitGrosze: number | null; ceilingGrosze: number | null; ceilingPeriod: string | null }>(
    db,
    sql`select to_char(s.valid_from, 'YYYY-MM-DD') as "validFrom", s.position, s.source_id as "sourceId", f.name as "sourceName", s.share_bp as "shareBp",
          s.fixed_per_unit_grosze as "fixedPerUnitGrosze", s.ceiling_grosze as "ceilingGrosze", s.ceiling_period as "ceilingPeriod"
        from contract_funding_splits s join funding_sources f on f.id = s.source_id where s.contract_id = ${contractId} order by s.valid_from desc, s.position`,
  );
  const [provider] = await rowsOf<{ name: string }>(db, sql`select name from provider_organisations where id = ${usage.contract.providerId}`);
  return { ...usage, providerName: provider?.name ?? "", tariffs, splits };
}

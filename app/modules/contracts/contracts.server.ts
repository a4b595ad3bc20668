import { and, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centreProviders, contracts, contractTariffs, offers } from "@db/schema";
import { offerUnitsInPeriod } from "~/modules/booking/queries.server";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isUuid } from "~/modules/kernel/ids";
import { parsePlnToGrosze } from "~/utils/money";
import type { ContractFormInput } from "./contract-form";

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
    const own = await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.cusId, input.cusId), eq(offers.providerId, c.providerId), inArray(offers.id, c.offerId)));
    if (own.length !== new Set(c.offerId).size) return { ok: false as const, reason: "offers" as const };
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
    const tariffs = c.offerId.map((offerId, i) => ({ contractId: row!.id, offerId, unitPriceGrosze: parsePlnToGrosze(c.tariff[i] ?? "")!, validFrom: c.validFrom }));
    await tx.insert(contractTariffs).values(tariffs);
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

/** How much of a contract's pool is taken: units booked and not yet delivered (committed), and delivered (used). */
export async function poolUsage(cusId: string, contractId: string, db: Database = getDb()) {
  if (!isUuid(contractId)) return null;
  const [contract] = await db.select().from(contracts).where(and(eq(contracts.id, contractId), eq(contracts.cusId, cusId)));
  if (!contract) return null;
  const offerIds = [...new Set((await db.select({ offerId: contractTariffs.offerId }).from(contractTariffs).where(eq(contractTariffs.contractId, contract.id))).map((t) => t.offerId))];
  const { committedHundredths: committed, usedHundredths: used } = await offerUnitsInPeriod({ cusId, providerId: contract.providerId, offerIds, from: contract.validFrom, to: contract.validTo }, db);
  const pool = contract.poolUnitsHundredths;
  const taken = committed + used;
  // Warnings at 80 % and 100 % of the pool, compared in whole numbers.
  const level = pool === null ? "none" : taken >= pool ? "full" : taken * 10 >= pool * 8 ? "warning" : "ok";
  return { contract, committedHundredths: committed, usedHundredths: used, poolHundredths: pool, level } as const;
}

export async function listContracts(cusId: string, db: Database = getDb()) {
  return db.select().from(contracts).where(eq(contracts.cusId, cusId)).orderBy(desc(contracts.validFrom));
}

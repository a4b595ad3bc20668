import { and, asc, desc, eq, lte } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { contractFundingSplits, contracts, fundingSources, type FundingKind } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isUuid } from "~/modules/kernel/ids";

/*
 * Funding sources and each contract's split. A split's shares add up to exactly 100 % (fixed amounts per unit
 * come first and are not part of it); a change of the split is a new one from a day, so allocations already made
 * stay as they were.
 */

export type SourceInput = { kind: FundingKind; name: string; dzial?: string | null; rozdzial?: string | null; paragraf?: string | null; programme?: string | null; projectNumber?: string | null; eligibleFrom?: string | null; eligibleTo?: string | null; budgetGrosze?: number | null };

export async function createFundingSource(input: { cusId: string; source: SourceInput; actor: Actor }, db: Database = getDb()) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(fundingSources).values({ cusId: input.cusId, ...input.source, createdBy: input.actor.userId }).returning();
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "funding_source.created", entityType: "funding_source", entityId: row!.id, after: input.source });
    return row!;
  });
}

export async function listFundingSources(cusId: string, db: Database = getDb()) {
  return db.select().from(fundingSources).where(eq(fundingSources.cusId, cusId)).orderBy(asc(fundingSources.kind), asc(fundingSources.name));
}

export type SplitLineInput = { sourceId: string; shareBp: number | null; fixedPerUnitGrosze: number | null; ceilingGrosze: number | null; ceilingPeriod: "month" | "year" | "contract" | null };
export type SplitRefusal = "not_found" | "shares_not_100" | "empty" | "source" | "line";

/** Checks a split without the database: every line a share or a fixed amount, shares summing to 100 %. */
export function checkSplit(lines: SplitLineInput[]): SplitRefusal | null {
  if (lines.length === 0) return "empty";
  for (const l of lines) {
    if ((l.shareBp === null) === (l.fixedPerUnitGrosze === null)) return "line";
    if (l.shareBp !== null && !(l.shareBp > 0 && l.shareBp <= 10_000)) return "line";
    if (l.fixedPerUnitGrosze !== null && !(l.fixedPerUnitGrosze > 0)) return "line";
    if ((l.ceilingGrosze === null) !== (l.ceilingPeriod === null)) return "line";
  }
  const shares = lines.filter((l) => l.shareBp !== null);
  if (shares.length > 0 && shares.reduce((s, l) => s + l.shareBp!, 0) !== 10_000) return "shares_not_100";
  return null;
}

export async function setContractSplit(input: { cusId: string; contractId: string; validFrom: string; lines: SplitLineInput[]; actor: Actor }, db: Database = getDb()): Promise<{ ok: true } | { ok: false; reason: SplitRefusal }> {
  if (!isUuid(input.contractId)) return { ok: false, reason: "not_found" };
  const problem = checkSplit(input.lines);
  if (problem) return { ok: false, reason: problem };
  return db.transaction(async (tx) => {
    const [contract] = await tx.select().from(contracts).where(and(eq(contracts.id, input.contractId), eq(contracts.cusId, input.cusId)));
    if (!contract) return { ok: false as const, reason: "not_found" as const };
    const ours = await tx.select({ id: fundingSources.id }).from(fundingSources).where(eq(fundingSources.cusId, input.cusId));
    if (!input.lines.every((l) => ours.some((o) => o.id === l.sourceId))) return { ok: false as const, reason: "source" as const };
    await tx.delete(contractFundingSplits).where(and(eq(contractFundingSplits.contractId, contract.id), eq(contractFundingSplits.validFrom, input.validFrom)));
    await tx.insert(contractFundingSplits).values(input.lines.map((l, position) => ({ contractId: contract.id, validFrom: input.validFrom, position, ...l })));
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "contract.split_set", entityType: "contract", entityId: contract.id, after: { validFrom: input.validFrom, lines: input.lines } });
    return { ok: true as const };
  });
}

/** The split in force for a contract on a day, in its order. */
export async function splitInForce(contractId: string, day: string, db: Database = getDb()) {
  const [latest] = await db
    .select({ validFrom: contractFundingSplits.validFrom })
    .from(contractFundingSplits)
    .where(and(eq(contractFundingSplits.contractId, contractId), lte(contractFundingSplits.validFrom, day)))
    .orderBy(desc(contractFundingSplits.validFrom))
    .limit(1);
  if (!latest) return [];
  return db
    .select()
    .from(contractFundingSplits)
    .where(and(eq(contractFundingSplits.contractId, contractId), eq(contractFundingSplits.validFrom, latest.validFrom)))
    .orderBy(asc(contractFundingSplits.position));
}

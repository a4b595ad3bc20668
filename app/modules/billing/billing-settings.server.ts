import { eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { billingSettings } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";

/** Days a resident has to pay a statement, unless the centre chose otherwise. */
export const DEFAULT_DUE_DAYS = 14;

/** How a centre bills; a centre that never chose has finance issue by hand, due in 14 days. */
export async function getBillingSettings(cusId: string, db: Database = getDb()) {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.cusId, cusId));
  return { autoIssue: row?.autoIssue ?? false, dueDays: row?.dueDays ?? DEFAULT_DUE_DAYS };
}

export async function saveBillingSettings(input: { cusId: string; autoIssue: boolean; dueDays: number; actor: Actor; now: Date }, db: Database = getDb()) {
  await db.transaction(async (tx) => {
    const before = await getBillingSettings(input.cusId, tx);
    const values = { autoIssue: input.autoIssue, dueDays: input.dueDays, updatedBy: input.actor.userId, updatedAt: input.now };
    await tx.insert(billingSettings).values({ cusId: input.cusId, ...values }).onConflictDoUpdate({ target: billingSettings.cusId, set: values });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "billing.settings_changed", entityType: "billing_settings", entityId: input.cusId, before, after: { autoIssue: input.autoIssue, dueDays: input.dueDays } });
  });
}

/** Centres whose statements the worker issues on the 1st. */
export async function centresIssuingAutomatically(db: Database = getDb()) {
  return db.select({ cusId: billingSettings.cusId, dueDays: billingSettings.dueDays }).from(billingSettings).where(eq(billingSettings.autoIssue, true));
}

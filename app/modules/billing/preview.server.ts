import { eq, inArray } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { copayRuleVersions, offerRevisions, offers } from "@db/schema";
import { computeCharge } from "./copay-engine";
import { findRuleVersionId, reliefsOnDay, termsOf } from "./rules.server";

/*
 * What a plan will cost the resident a month, before anything is delivered: for the plan editor before approval,
 * the printed plan and the resident's page. Each item's units are spread evenly over its months and charged under
 * the rule in force on the day, with the resident's reliefs; quotas per plan count over the whole item; a monthly
 * cap holds per rule. An estimate, said to be one: what is charged follows what is delivered.
 */

export type PreviewItem = { offerId: string; offerName: string; units: number; validFrom: string; validTo: string };
export type CopayPreview = { monthlyGrosze: number; items: { offerName: string; monthlyGrosze: number }[] };

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) + (td >= fd ? 1 : 0);
  return Math.max(1, months);
}

export async function previewCopay(input: { cusId: string; residentId: string; items: PreviewItem[]; day: string }, db: Database = getDb()): Promise<CopayPreview> {
  if (input.items.length === 0) return { monthlyGrosze: 0, items: [] };
  const reliefs = await reliefsOnDay(input.residentId, input.day, db);
  const prices = new Map(
    (
      await db
        .select({ id: offers.id, price: offerRevisions.priceGrosze })
        .from(offers)
        .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
        .where(inArray(offers.id, [...new Set(input.items.map((i) => i.offerId))]))
    ).map((o) => [o.id, o.price]),
  );
  const perRule = new Map<string, number>();
  const caps = new Map<string, number | null>();
  const rows: { offerName: string; monthlyGrosze: number; ruleId: string | null }[] = [];
  for (const item of input.items) {
    const versionId = await findRuleVersionId(input.cusId, item.offerId, input.day, db);
    const [version] = versionId ? await db.select().from(copayRuleVersions).where(eq(copayRuleVersions.id, versionId)) : [];
    const months = monthsBetween(item.validFrom, item.validTo);
    const terms = version ? { ...termsOf(version), monthlyCapGrosze: null } : null;
    const price = prices.get(item.offerId) ?? 0;
    let monthly: number;
    if (terms?.freeUnitsPer === "plan") {
      const whole = computeCharge({ terms, unitPriceGrosze: price, unitsHundredths: item.units * 100, reason: "delivered", unitsUsedBefore: 0, chargedThisMonthGrosze: 0, reliefs });
      monthly = Math.round(whole.amountGrosze / months);
    } else {
      monthly = computeCharge({ terms, unitPriceGrosze: price, unitsHundredths: Math.round((item.units * 100) / months), reason: "delivered", unitsUsedBefore: 0, chargedThisMonthGrosze: 0, reliefs }).amountGrosze;
    }
    const ruleId = version?.ruleId ?? null;
    if (ruleId) {
      perRule.set(ruleId, (perRule.get(ruleId) ?? 0) + monthly);
      caps.set(ruleId, version?.monthlyCapGrosze ?? null);
    }
    rows.push({ offerName: item.offerName, monthlyGrosze: monthly, ruleId });
  }
  // The cap of a rule covers all its items together; what it takes off comes off that rule's items in order.
  for (const [ruleId, sum] of perRule) {
    const cap = caps.get(ruleId);
    if (cap === null || cap === undefined || sum <= cap) continue;
    let over = sum - cap;
    for (const row of rows.filter((r) => r.ruleId === ruleId).reverse()) {
      const cut = Math.min(over, row.monthlyGrosze);
      row.monthlyGrosze -= cut;
      over -= cut;
    }
  }
  return { monthlyGrosze: rows.reduce((s, r) => s + r.monthlyGrosze, 0), items: rows.map(({ offerName, monthlyGrosze }) => ({ offerName, monthlyGrosze })) };
}

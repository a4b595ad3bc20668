import { addDays, addMonths, formatISO, parseISO } from "date-fns";
import { z } from "zod";
import { isUuid } from "~/utils/ids";

const isoDate = (message: string) => z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine((v) => !Number.isNaN(Date.parse(v)), message);
const iso = (d: Date) => formatISO(d, { representation: "date" });

/** The shortest and longest plan the CUS Act allows: 3 to 12 months. */
export function planPeriodLimits(validFrom: string) {
  const start = parseISO(validFrom);
  return { earliestEnd: iso(addDays(addMonths(start, 3), -1)), latestEnd: iso(addMonths(start, 12)) };
}

/** The first review is due three months after the plan starts. */
export function firstReviewDate(validFrom: string) {
  return iso(addMonths(parseISO(validFrom), 3));
}

/** A plan's frame: for whom, the period (3–12 months), goals. Messages are i18n keys. */
export const planFormSchema = z
  .object({
    validFrom: isoDate("plans.errors.date"),
    validTo: isoDate("plans.errors.date"),
    isFamilyPlan: z.string().optional().transform((v) => v === "on" || v === "true"),
    previousPlanId: z.string().trim().transform((v) => (v === "" ? null : v)).refine((v) => v === null || isUuid(v), "plans.errors.previous"),
  })
  .superRefine((v, ctx) => {
    const { earliestEnd, latestEnd } = planPeriodLimits(v.validFrom);
    if (v.validTo < earliestEnd || v.validTo > latestEnd) ctx.addIssue({ code: "custom", path: ["validTo"], message: "plans.errors.period" });
  });
export type PlanInput = z.infer<typeof planFormSchema>;

export const goalSchema = z.object({
  description: z.string().trim().min(5, "plans.errors.goal").max(1000),
  criteria: z.string().trim().min(5, "plans.errors.criteria").max(1000),
});
export type GoalInput = z.infer<typeof goalSchema>;

export const planItemSchema = z
  .object({
    offerId: z.string().uuid("plans.errors.offer"),
    locationId: z.string().trim().transform((v) => (v === "" ? null : v)),
    units: z.coerce.number({ error: "plans.errors.units" }).int("plans.errors.units").min(1, "plans.errors.units").max(10_000, "plans.errors.units"),
    frequency: z.string().trim().min(2, "plans.errors.frequency").max(200),
    validFrom: isoDate("plans.errors.date"),
    validTo: isoDate("plans.errors.date"),
  })
  .superRefine((v, ctx) => {
    if (v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "plans.errors.itemDates" });
  });
export type PlanItemInput = z.infer<typeof planItemSchema>;

/**
 * The most units an offer's per-resident limit allows over an item's dates: e.g. 15 sessions in 6 months
 * allows 15 for a 4-month item and 30 for a 12-month one. Null when the offer has no limit.
 */
export function maxUnitsUnderLimit(limit: { limitUnits: number | null; limitPeriodMonths: number | null }, validFrom: string, validTo: string): number | null {
  if (limit.limitUnits === null || limit.limitPeriodMonths === null) return null;
  let periods = 0;
  let start = parseISO(validFrom);
  const end = parseISO(validTo);
  while (start <= end) {
    periods += 1;
    start = addMonths(start, limit.limitPeriodMonths);
  }
  return limit.limitUnits * periods;
}

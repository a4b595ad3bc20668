import { addMonths as addMonthsToDate, parseISO } from "date-fns";
import { z } from "zod";
import { addDays, addMonths } from "~/modules/kernel/dates";
import { checkbox, crossCheck, date, id, int, optionalId, text } from "~/modules/kernel/input";

/** Plans are made for now and the coming years; a date far outside that is a typing mistake. */
const PLAN_DAY = { min: "2000-01-01", max: "2100-12-31", message: "plans.errors.date" } as const;

/** The shortest and longest plan the CUS Act allows: 3 to 12 months. */
export function planPeriodLimits(validFrom: string) {
  return { earliestEnd: addDays(addMonths(validFrom, 3), -1), latestEnd: addMonths(validFrom, 12) };
}

/** The first review is due three months after the plan starts. */
export function firstReviewDate(validFrom: string) {
  return addMonths(validFrom, 3);
}

/** A plan's frame: for whom, the period (3–12 months), goals. Messages are i18n keys. */
export const planFormSchema = crossCheck(
  z.object({
    validFrom: date(PLAN_DAY),
    validTo: date(PLAN_DAY),
    isFamilyPlan: checkbox(),
    previousPlanId: optionalId({ message: "plans.errors.previous" }),
  }),
  (v, ctx) => {
    const { earliestEnd, latestEnd } = planPeriodLimits(v.validFrom);
    if (v.validTo < earliestEnd || v.validTo > latestEnd) ctx.addIssue({ code: "custom", path: ["validTo"], message: "plans.errors.period" });
  },
);
export type PlanInput = z.infer<typeof planFormSchema>;

export const goalSchema = z.object({
  description: text({ min: 5, max: 1000, message: "plans.errors.goal" }),
  criteria: text({ min: 5, max: 1000, message: "plans.errors.criteria" }),
});
export type GoalInput = z.infer<typeof goalSchema>;

export const planItemSchema = crossCheck(
  z.object({
    offerId: id({ message: "plans.errors.offer" }),
    locationId: optionalId(),
    units: int({ min: 1, max: 10_000, message: "plans.errors.units" }),
    frequency: text({ min: 2, max: 200, message: "plans.errors.frequency" }),
    validFrom: date(PLAN_DAY),
    validTo: date(PLAN_DAY),
  }),
  (v, ctx) => {
    if (v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "plans.errors.itemDates" });
  },
);
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
    start = addMonthsToDate(start, limit.limitPeriodMonths);
  }
  return limit.limitUnits * periods;
}

import { firstReviewDate, maxUnitsUnderLimit, planFormSchema, planPeriodLimits } from "~/modules/plans/plan-form";

describe("plan rules", () => {
  it("a plan lasts 3 to 12 months", () => {
    expect(planPeriodLimits("2026-01-15")).toEqual({ earliestEnd: "2026-04-14", latestEnd: "2027-01-15" });
    const ok = (validTo: string) => planFormSchema.safeParse({ validFrom: "2026-01-15", validTo, previousPlanId: "" }).success;
    expect(ok("2026-04-13")).toBe(false);
    expect(ok("2026-04-14")).toBe(true);
    expect(ok("2027-01-15")).toBe(true);
    expect(ok("2027-01-16")).toBe(false);
    const tooShort = planFormSchema.safeParse({ validFrom: "2026-01-15", validTo: "2026-02-15", previousPlanId: "" });
    expect(tooShort.error?.issues[0]).toMatchObject({ path: ["validTo"], message: "plans.errors.period" });
  });

  it("the first review is due three months after the start", () => {
    expect(firstReviewDate("2026-11-30")).toBe("2027-02-28");
  });

  it("checks plan items against the offer's per-resident limit", () => {
    const limit = { limitUnits: 15, limitPeriodMonths: 6 };
    expect(maxUnitsUnderLimit(limit, "2026-01-01", "2026-04-30")).toBe(15);
    expect(maxUnitsUnderLimit(limit, "2026-01-01", "2026-12-31")).toBe(30);
    expect(maxUnitsUnderLimit({ limitUnits: null, limitPeriodMonths: null }, "2026-01-01", "2026-12-31")).toBeNull();
  });
});

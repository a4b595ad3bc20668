import { computeCharge, mulDivRound, parseUnits, type ChargeInput, type RuleTerms } from "~/modules/billing/copay-engine";
import { composeStatement, statementEntryLines } from "~/modules/billing/statement-composition";

const base: RuleTerms = { method: "free", flatGrosze: null, percentBp: null, freeUnits: null, freeUnitsPer: null, monthlyCapGrosze: null, chargeNoShow: false, chargeLateCancellation: false, reliefs: {} };
const visit: Omit<ChargeInput, "terms"> = { unitPriceGrosze: 15_000, unitsHundredths: 100, reason: "delivered", unitsUsedBefore: 0, chargedThisMonthGrosze: 0, reliefs: [] };

describe("the co-payment rule engine", () => {
  const cases: Array<[string, RuleTerms | null, Partial<ChargeInput>, number]> = [
    ["no rule covers the offer: free", null, {}, 0],
    ["a free rule", base, {}, 0],
    ["flat 20 zł per visit", { ...base, method: "flat", flatGrosze: 2_000 }, {}, 2_000],
    ["flat 20 zł per hour, 1.5 hours delivered", { ...base, method: "flat", flatGrosze: 2_000 }, { unitsHundredths: 150 }, 3_000],
    ["15 % of 150 zł", { ...base, method: "percent", percentBp: 1_500 }, {}, 2_250],
    ["15 % of 33.33 zł rounds half up to the grosz (4.9995 → 5.00)", { ...base, method: "percent", percentBp: 1_500 }, { unitPriceGrosze: 3_333 }, 500],
    ["15 % of 45.50 zł × 0.75 h (5.11875 → 5.12)", { ...base, method: "percent", percentBp: 1_500 }, { unitPriceGrosze: 4_550, unitsHundredths: 75 }, 512],
    ["8 free sessions, the 3rd is free", { ...base, method: "flat", flatGrosze: 2_000, freeUnits: 8, freeUnitsPer: "plan" }, { unitsUsedBefore: 200 }, 0],
    ["8 free sessions, the 9th costs 20 zł", { ...base, method: "flat", flatGrosze: 2_000, freeUnits: 8, freeUnitsPer: "plan" }, { unitsUsedBefore: 800 }, 2_000],
    ["quota ends inside a visit: 0.5 h of 1.5 h free", { ...base, method: "flat", flatGrosze: 2_000, freeUnits: 4, freeUnitsPer: "month" }, { unitsUsedBefore: 350, unitsHundredths: 150 }, 2_000],
    ["monthly cap 60 zł, 50 zł already charged: 10 zł", { ...base, method: "percent", percentBp: 1_500, monthlyCapGrosze: 6_000 }, { chargedThisMonthGrosze: 5_000 }, 1_000],
    ["monthly cap reached: nothing more", { ...base, method: "percent", percentBp: 1_500, monthlyCapGrosze: 6_000 }, { chargedThisMonthGrosze: 6_000 }, 0],
    ["senior card 50 % off", { ...base, method: "flat", flatGrosze: 2_000, reliefs: { senior_card: 5_000 } }, { reliefs: ["senior_card"] }, 1_000],
    ["the best relief wins: severe disability exempts over KDR 50 %", { ...base, method: "flat", flatGrosze: 2_000, reliefs: { large_family_card: 5_000, disability_severe: 10_000 } }, { reliefs: ["large_family_card", "disability_severe"] }, 0],
    ["a relief the rule does not name changes nothing", { ...base, method: "flat", flatGrosze: 2_000, reliefs: { senior_card: 5_000 } }, { reliefs: ["low_income"] }, 2_000],
    ["relief before the cap: 50 % of 22.50 zł = 11.25 zł, cap room 10 zł", { ...base, method: "percent", percentBp: 1_500, monthlyCapGrosze: 6_000, reliefs: { senior_card: 5_000 } }, { reliefs: ["senior_card"], chargedThisMonthGrosze: 5_000 }, 1_000],
    ["a no-show not charged", { ...base, method: "flat", flatGrosze: 2_000 }, { reason: "no_show" }, 0],
    ["a no-show charged", { ...base, method: "flat", flatGrosze: 2_000, chargeNoShow: true }, { reason: "no_show" }, 2_000],
    ["a late cancellation not charged", { ...base, method: "flat", flatGrosze: 2_000, chargeNoShow: true }, { reason: "late_cancellation" }, 0],
    ["a late cancellation charged", { ...base, method: "flat", flatGrosze: 2_000, chargeLateCancellation: true }, { reason: "late_cancellation" }, 2_000],
  ];
  it.each(cases)("%s", (_name, terms, overrides, expected) => {
    expect(computeCharge({ ...visit, ...overrides, terms }).amountGrosze).toBe(expected);
  });

  it("says why: the quota, the relief and the cap each appear in the explanation", () => {
    const result = computeCharge({ ...visit, terms: { ...base, method: "flat", flatGrosze: 2_000, freeUnits: 1, freeUnitsPer: "month", monthlyCapGrosze: 1_200, reliefs: { senior_card: 2_500 } }, unitsHundredths: 200, reliefs: ["senior_card"] });
    expect(result.amountGrosze).toBe(1_200);
    expect(result.explanation.map((e) => e.k)).toEqual(["quota", "flat", "relief", "cap"]);
  });

  it("a correction of units is the difference between the two computations, to the grosz", () => {
    const terms: RuleTerms = { ...base, method: "percent", percentBp: 1_500 };
    const booked = computeCharge({ ...visit, terms, unitPriceGrosze: 4_550, unitsHundredths: 150 }).amountGrosze; // 10.2375 → 10.24
    const corrected = computeCharge({ ...visit, terms, unitPriceGrosze: 4_550, unitsHundredths: 100 }).amountGrosze; // 6.825 → 6.83
    expect([booked, corrected, corrected - booked]).toEqual([1_024, 683, -341]);
  });

  it("reads units exactly and rounds half up without floats", () => {
    expect([parseUnits("1,5"), parseUnits("1.50"), parseUnits("2"), parseUnits("0.05"), parseUnits("1.005"), parseUnits("-1"), parseUnits("abc")]).toEqual([150, 150, 200, 5, null, null, null]);
    expect([mulDivRound(1, 1, 2), mulDivRound(3, 1, 2), mulDivRound(-3, 1, 2), mulDivRound(5, 1, 10), mulDivRound(4, 1, 10), mulDivRound(9_007_199_254_740_991, 3, 3)]).toEqual([1, 2, -2, 1, 0, 9_007_199_254_740_991]);
  });
});

describe("composing a month's statement", () => {
  const compose = (chargesGrosze: number, carriedGrosze = 0, creditGrosze = 0) => composeStatement({ chargesGrosze, carriedGrosze, creditGrosze });
  const accounts = { unbilled: "u", carried: "c", credit: "cr", receivable: "r" };
  const sum = (lines: { amountGrosze: number }[]) => lines.reduce((s, l) => s + l.amountGrosze, 0);

  it("under 2.00 zł is carried to the next statement, which collects it with its own charges", () => {
    const march = compose(150);
    expect([march.totalGrosze, march.outcome]).toEqual([150, "carry"]);
    const april = compose(100, march.totalGrosze);
    expect([april.totalGrosze, april.outcome]).toEqual([250, "collect"]);
    // March moves 1.50 zł from unbilled to carried; April takes it from carried to what is owed.
    expect(statementEntryLines(march, accounts)).toEqual(expect.arrayContaining([{ account: "u", amountGrosze: -150 }, { account: "c", amountGrosze: 150 }]));
    expect(statementEntryLines(april, accounts)).toEqual(expect.arrayContaining([{ account: "c", amountGrosze: -150 }, { account: "r", amountGrosze: 250 }]));
  });

  it("exactly 2.00 zł is collected; nothing owed is nothing", () => {
    expect(compose(200).outcome).toBe("collect");
    expect(compose(0).outcome).toBe("nothing");
  });

  it("credit from an overpayment pays what it can and the rest waits for the next month", () => {
    const s = compose(1_000, 0, 1_500);
    expect([s.totalGrosze, s.creditUsedGrosze, s.creditLeftGrosze, s.outcome]).toEqual([0, 1_000, 500, "nothing"]);
  });

  it("a correction below the month's charges becomes credit, never a negative statement", () => {
    const s = compose(500 - 2_000);
    expect([s.totalGrosze, s.creditLeftGrosze, s.outcome]).toEqual([0, 1_500, "nothing"]);
  });

  it("every composition's journal lines sum to zero, to the grosz", () => {
    for (const [charges, carried, credit] of [[2_400, 0, 0], [150, 0, 0], [100, 150, 0], [1_000, 0, 1_500], [-1_500, 0, 0], [-300, 199, 50], [1, 1, 1]] as const) {
      expect(sum(statementEntryLines(compose(charges, carried, credit), accounts))).toBe(0);
    }
  });
});

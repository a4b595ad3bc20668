import type { CopayMethod, ReliefKind } from "@db/schema/billing";

/*
 * The co-payment rule engine: what one visit costs the resident under one rule version. Pure and exact: money
 * in integer grosze, units in hundredths (1.5 hours = 150), every division rounded half up once, at the end of
 * each step, so a sum of lines never drifts from what the rule says.
 */

export type RuleTerms = {
  method: CopayMethod;
  flatGrosze: number | null;
  percentBp: number | null;
  freeUnits: number | null;
  freeUnitsPer: "month" | "plan" | null;
  monthlyCapGrosze: number | null;
  chargeNoShow: boolean;
  chargeLateCancellation: boolean;
  reliefs: Partial<Record<ReliefKind, number>>;
};

export type ChargeReason = "delivered" | "no_show" | "late_cancellation";

export type ChargeInput = {
  /** Null when no rule covers the offer: the service is free. */
  terms: RuleTerms | null;
  unitPriceGrosze: number;
  unitsHundredths: number;
  reason: ChargeReason;
  /** Units (hundredths) already charged under this rule in the quota's period (the month, or the plan). */
  unitsUsedBefore: number;
  /** Grosze already charged to this resident under this rule in the visit's month (for the cap). */
  chargedThisMonthGrosze: number;
  /** Reliefs the resident holds on the visit's day. */
  reliefs: readonly ReliefKind[];
};

/** Why the amount is what it is, in parts a statement can print in the reader's language. */
export type Explanation =
  | { k: "no_rule" }
  | { k: "free" }
  | { k: "not_charged"; reason: "no_show" | "late_cancellation" }
  | { k: "flat"; flatGrosze: number; units: number }
  | { k: "percent"; percentBp: number; unitPriceGrosze: number; units: number }
  | { k: "quota"; freeUnits: number; per: "month" | "plan"; freeNow: number }
  | { k: "relief"; kind: ReliefKind; bp: number }
  | { k: "cap"; capGrosze: number };

export type ChargeResult = { amountGrosze: number; explanation: Explanation[] };

/** a × b / c rounded half up, exactly (BigInt: no float ever touches money). */
export function mulDivRound(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const sign = n < 0n ? -1n : 1n;
  const abs = n < 0n ? -n : n;
  return Number(sign * ((abs * 2n + d) / (2n * d)));
}

/** The best relief among those the resident holds, as the rule values them. */
export function bestRelief(terms: RuleTerms, held: readonly ReliefKind[]): { kind: ReliefKind; bp: number } | null {
  let best: { kind: ReliefKind; bp: number } | null = null;
  for (const kind of held) {
    const bp = terms.reliefs[kind];
    if (bp && bp > 0 && (!best || bp > best.bp)) best = { kind, bp: Math.min(bp, 10_000) };
  }
  return best;
}

export function computeCharge(input: ChargeInput): ChargeResult {
  const { terms } = input;
  if (!terms) return { amountGrosze: 0, explanation: [{ k: "no_rule" }] };
  if (input.reason === "no_show" && !terms.chargeNoShow) return { amountGrosze: 0, explanation: [{ k: "not_charged", reason: "no_show" }] };
  if (input.reason === "late_cancellation" && !terms.chargeLateCancellation) return { amountGrosze: 0, explanation: [{ k: "not_charged", reason: "late_cancellation" }] };
  if (terms.method === "free") return { amountGrosze: 0, explanation: [{ k: "free" }] };

  const explanation: Explanation[] = [];
  let chargeable = input.unitsHundredths;
  if (terms.freeUnits && terms.freeUnitsPer) {
    const freeLeft = Math.max(0, terms.freeUnits * 100 - input.unitsUsedBefore);
    const freeNow = Math.min(freeLeft, chargeable);
    chargeable -= freeNow;
    explanation.push({ k: "quota", freeUnits: terms.freeUnits, per: terms.freeUnitsPer, freeNow });
  }
  let amount: number;
  if (terms.method === "flat") {
    amount = mulDivRound(terms.flatGrosze ?? 0, chargeable, 100);
    explanation.push({ k: "flat", flatGrosze: terms.flatGrosze ?? 0, units: chargeable });
  } else {
    amount = mulDivRound(input.unitPriceGrosze * chargeable, terms.percentBp ?? 0, 100 * 10_000);
    explanation.push({ k: "percent", percentBp: terms.percentBp ?? 0, unitPriceGrosze: input.unitPriceGrosze, units: chargeable });
  }
  const relief = bestRelief(terms, input.reliefs);
  if (relief && amount > 0) {
    amount = mulDivRound(amount, 10_000 - relief.bp, 10_000);
    explanation.push({ k: "relief", kind: relief.kind, bp: relief.bp });
  }
  if (terms.monthlyCapGrosze !== null) {
    const room = Math.max(0, terms.monthlyCapGrosze - input.chargedThisMonthGrosze);
    if (amount > room) {
      amount = room;
      explanation.push({ k: "cap", capGrosze: terms.monthlyCapGrosze });
    }
  }
  return { amountGrosze: amount, explanation };
}

/** Stripe's smallest charge in PLN: a statement under it is carried to the next month. */
export const STRIPE_MINIMUM_GROSZE = 200;

/** Whether a statement total is collected now or carried to the next statement. */
export function collectOrCarry(totalGrosze: number): "collect" | "carry" | "nothing" {
  if (totalGrosze <= 0) return "nothing";
  return totalGrosze < STRIPE_MINIMUM_GROSZE ? "carry" : "collect";
}

/** "1,5" / "1.50" / "2" → hundredths, exactly; null when it is not a number with at most two decimals. */
export function parseUnits(text: string): number | null {
  const m = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

/** Hundredths → the numeric text PostgreSQL stores ("1.50"). */
export function unitsText(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

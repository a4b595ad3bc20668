import { z } from "zod";
import { copayMethods, copayScopes, reliefKinds } from "@db/schema/billing";
import { checkbox, choice, crossCheck, date, id, intents, money, optionalDate, optionalId, optionalInt, percent, text } from "~/modules/kernel/input";

/*
 * The form of a co-payment rule version as finance or the organiser fills it in: what it applies to, the
 * council's resolution it comes from, from when, and the method. Percentages are typed as people say them
 * ("15" or "12,5") and kept in basis points.
 */

export const reliefFields = Object.fromEntries(reliefKinds.map((k) => [`relief_${k}`, percent({ message: "copay.percentInvalid" })])) as Record<`relief_${(typeof reliefKinds)[number]}`, ReturnType<typeof percent>>;

export const ruleVersionFields = {
  resolutionNumber: text({ min: 3, max: 80, message: "copay.resolutionRequired" }),
  resolutionDate: date({ message: "copay.resolutionDateInvalid" }),
  validFrom: date({ min: "2020-01-01", message: "copay.validFromInvalid" }),
  method: choice(copayMethods),
  flat: money({ message: "copay.amountInvalid" }),
  percent: percent({ message: "copay.percentInvalid" }),
  freeUnits: optionalInt({ min: 1, max: 1000 }),
  freeUnitsPer: choice(["none", "month", "plan"]),
  monthlyCap: money({ message: "copay.amountInvalid" }),
  chargeNoShow: checkbox(),
  chargeLateCancellation: checkbox(),
  ...reliefFields,
};

function checkVersion(v: { method: string; flat: number; percent: number | null; freeUnits: number | null; freeUnitsPer: string; resolutionDate: string; validFrom: string }, ctx: z.RefinementCtx) {
  if (v.method === "flat" && v.flat <= 0) ctx.addIssue({ code: "custom", path: ["flat"], message: "copay.flatRequired" });
  if (v.method === "percent" && !(v.percent && v.percent > 0)) ctx.addIssue({ code: "custom", path: ["percent"], message: "copay.percentRequired" });
  if ((v.freeUnits === null) !== (v.freeUnitsPer === "none")) ctx.addIssue({ code: "custom", path: ["freeUnits"], message: "copay.quotaIncomplete" });
  if (v.resolutionDate > v.validFrom) ctx.addIssue({ code: "custom", path: ["validFrom"], message: "copay.validBeforeResolution" });
}

const ruleFields = {
  name: text({ min: 3, max: 200, message: "copay.nameRequired" }),
  scope: choice(copayScopes),
  offerId: optionalId(),
  packageId: optionalId(),
  area: optionalInt({ min: 1, max: 14 }),
  ...ruleVersionFields,
};

function checkRule(v: z.output<z.ZodObject<typeof ruleFields>>, ctx: z.RefinementCtx) {
  if (v.scope === "offer" && !v.offerId) ctx.addIssue({ code: "custom", path: ["offerId"], message: "copay.offerRequired" });
  if (v.scope === "package" && !v.packageId) ctx.addIssue({ code: "custom", path: ["packageId"], message: "copay.packageRequired" });
  if (v.scope === "area" && !v.area) ctx.addIssue({ code: "custom", path: ["area"], message: "copay.areaRequired" });
  checkVersion(v, ctx);
}

export const newRuleSchema = crossCheck(z.object(ruleFields), checkRule);

export const newVersionSchema = crossCheck(z.object({ ruleId: id(), ...ruleVersionFields }), (v, ctx) => checkVersion(v, ctx));

/** The rules page's form: a new rule, or a new version of one. */
export const ruleActionSchema = intents([
  crossCheck(z.object({ intent: z.literal("create"), ...ruleFields }), checkRule),
  crossCheck(z.object({ intent: z.literal("version"), ruleId: id(), ...ruleVersionFields }), (v, ctx) => checkVersion(v, ctx)),
]);

export type NewRuleInput = z.output<typeof newRuleSchema>;
export type RuleVersionInput = z.output<typeof newVersionSchema>;

/** The reliefs a version grants, in basis points, from the form's fields. */
export function reliefsOf(v: Record<string, unknown>): Partial<Record<(typeof reliefKinds)[number], number>> {
  const out: Partial<Record<(typeof reliefKinds)[number], number>> = {};
  for (const k of reliefKinds) {
    const bp = v[`relief_${k}`];
    if (typeof bp === "number" && bp > 0) out[k] = bp;
  }
  return out;
}

export const reliefFormSchema = z.object({
  residentId: id(),
  kind: choice(reliefKinds),
  evidence: text({ min: 3, max: 300, message: "relief.evidenceRequired" }),
  validFrom: date(),
  validUntil: optionalDate(),
});

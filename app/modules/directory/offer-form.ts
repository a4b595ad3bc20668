import { z } from "zod";
import { feeLabels, offerUnits } from "@db/schema/directory";
import { choice, crossCheck, id, int, many, money, optionalInt, optionalText, text } from "~/modules/kernel/input";
import { groszeToInput } from "~/utils/money";
import { deliveryModes, groupModes, offerLanguages, targetGroups } from "./areas";

const optionalCount = (message: string) => optionalInt({ min: 1, max: 100_000, message });

/** What a provider fills in for an offer. Messages are i18n keys. */
export const offerFormSchema = crossCheck(
  z.object({
    name: text({ min: 3, max: 200, message: "offer.errors.name" }),
    description: text({ min: 20, max: 4000, message: "offer.errors.description" }),
    area: int({ min: 1, max: 14, message: "offer.errors.area" }),
    category: optionalText({ max: 4000 }),
    targetGroups: many(choice(targetGroups)).refine((l) => l.length > 0, "offer.errors.targetGroups"),
    eligibility: optionalText({ max: 4000 }),
    requiredDocuments: optionalText({ max: 4000 }),
    howToApply: optionalText({ max: 4000 }),
    deliveryModes: many(choice(deliveryModes)).refine((l) => l.length > 0, "offer.errors.deliveryModes"),
    groupMode: choice(groupModes),
    languages: many(choice(offerLanguages)).refine((l) => l.length > 0, "offer.errors.languages"),
    unit: choice(offerUnits, { message: "offer.errors.unit" }),
    typicalDurationMinutes: optionalCount("offer.errors.duration"),
    limitUnits: optionalCount("offer.errors.limit"),
    limitPeriodMonths: optionalCount("offer.errors.limit"),
    price: money({ message: "offer.errors.price" }),
    feeLabel: choice(feeLabels),
    locationIds: many(id({ message: "offer.errors.place" })),
  }),
  (v, ctx) => {
    if ((v.limitUnits === null) !== (v.limitPeriodMonths === null)) {
      ctx.addIssue({ code: "custom", path: ["limitUnits"], message: "offer.errors.limitPair" });
    }
    if (v.deliveryModes.includes("place") && v.locationIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["locationIds"], message: "offer.errors.place" });
    }
  },
);

export type OfferFormInput = z.infer<typeof offerFormSchema>;


/** A stored revision as form values (the inverse of the schema's parsing). */
export function revisionToFormValues(r: {
  name: string; description: string; area: number; category: string | null; targetGroups: string[]; eligibility: string | null;
  requiredDocuments: string | null; howToApply: string | null; deliveryModes: string[]; groupMode: string; languages: string[]; unit: string;
  typicalDurationMinutes: number | null; limitUnits: number | null; limitPeriodMonths: number | null; priceGrosze: number; feeLabel: string; locationIds: string[];
}): Record<string, string | string[]> {
  const str = (v: number | string | null) => (v === null ? "" : String(v));
  return {
    name: r.name, description: r.description, area: String(r.area), category: str(r.category), targetGroups: r.targetGroups,
    eligibility: str(r.eligibility), requiredDocuments: str(r.requiredDocuments), howToApply: str(r.howToApply), deliveryModes: r.deliveryModes,
    groupMode: r.groupMode, languages: r.languages, unit: r.unit, typicalDurationMinutes: str(r.typicalDurationMinutes), limitUnits: str(r.limitUnits),
    limitPeriodMonths: str(r.limitPeriodMonths), price: groszeToInput(r.priceGrosze), feeLabel: r.feeLabel, locationIds: r.locationIds,
  };
}

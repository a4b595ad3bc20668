import { z } from "zod";
import { feeLabels, offerUnits } from "@db/schema/directory";
import { groszeToInput, parsePlnToGrosze } from "~/utils/money";
import { deliveryModes, groupModes, offerLanguages, targetGroups } from "./areas";

const optionalText = z
  .string()
  .trim()
  .max(4000)
  .transform((v) => (v === "" ? null : v));

const optionalPositiveInt = (message: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0 || n > 100_000) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    });

/** What a provider fills in for an offer. Messages are i18n keys. */
export const offerFormSchema = z
  .object({
    name: z.string().trim().min(3, "offer.errors.name").max(200),
    description: z.string().trim().min(20, "offer.errors.description").max(4000),
    area: z.coerce.number({ error: "offer.errors.area" }).int().min(1, "offer.errors.area").max(14, "offer.errors.area"),
    category: optionalText,
    targetGroups: z.array(z.enum(targetGroups)).min(1, "offer.errors.targetGroups"),
    eligibility: optionalText,
    requiredDocuments: optionalText,
    howToApply: optionalText,
    deliveryModes: z.array(z.enum(deliveryModes)).min(1, "offer.errors.deliveryModes"),
    groupMode: z.enum(groupModes),
    languages: z.array(z.enum(offerLanguages)).min(1, "offer.errors.languages"),
    unit: z.enum(offerUnits, { error: "offer.errors.unit" }),
    typicalDurationMinutes: optionalPositiveInt("offer.errors.duration"),
    limitUnits: optionalPositiveInt("offer.errors.limit"),
    limitPeriodMonths: optionalPositiveInt("offer.errors.limit"),
    price: z.string().transform((v, ctx) => {
      const grosze = parsePlnToGrosze(v === "" ? "0" : v);
      if (grosze === null) {
        ctx.addIssue({ code: "custom", message: "offer.errors.price" });
        return z.NEVER;
      }
      return grosze;
    }),
    feeLabel: z.enum(feeLabels),
    locationIds: z.array(z.string().uuid()),
  })
  .superRefine((v, ctx) => {
    if ((v.limitUnits === null) !== (v.limitPeriodMonths === null)) {
      ctx.addIssue({ code: "custom", path: ["limitUnits"], message: "offer.errors.limitPair" });
    }
    if (v.deliveryModes.includes("place") && v.locationIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["locationIds"], message: "offer.errors.place" });
    }
  });

export type OfferFormInput = z.infer<typeof offerFormSchema>;

const listFields = ["targetGroups", "deliveryModes", "languages", "locationIds"] as const;

/** Reads the offer form (checkbox groups become arrays). */
export function readOfferForm(formData: FormData) {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(offerFormSchema.shape)) {
    raw[key] = (listFields as readonly string[]).includes(key)
      ? formData.getAll(key).map(String)
      : String(formData.get(key) ?? "");
  }
  return raw;
}

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

import { z } from "zod";
import { crossCheck, date, id, many, optionalText, text } from "~/modules/kernel/input";

/** A council resolution and its programme: from the CUS Act (2019) on, for a few years at most. */
const PROGRAMME_DAY = { min: "2019-01-01", max: "2100-12-31", message: "programme.errors.date" } as const;

/** The centre's programme (PUS) as the council adopted it. Messages are i18n keys. */
export const programmeFormSchema = crossCheck(
  z.object({
    title: text({ min: 5, max: 300, message: "programme.errors.title" }),
    resolutionNumber: text({ min: 3, max: 100, message: "programme.errors.resolutionNumber" }),
    resolutionDate: date(PROGRAMME_DAY),
    validFrom: date(PROGRAMME_DAY),
    validTo: date(PROGRAMME_DAY),
  }),
  (v, ctx) => {
    if (v.validTo <= v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "programme.errors.period" });
  },
);
export type ProgrammeInput = z.infer<typeof programmeFormSchema>;

/** A package (e.g. Pakiet Senior): a named set of the centre's offers; an offer may be in several. */
export const packageFormSchema = z.object({
  name: text({ min: 3, max: 200, message: "programme.errors.packageName" }),
  description: optionalText({ max: 2000 }),
  offerIds: many(id({ message: "programme.errors.foreignOffer" }), { max: 1000 }),
});
export type PackageInput = z.infer<typeof packageFormSchema>;

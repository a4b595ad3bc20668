import { z } from "zod";

const isoDate = (message: string) => z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine((v) => !Number.isNaN(Date.parse(v)), message);

/** The centre's programme (PUS) as the council adopted it. Messages are i18n keys. */
export const programmeFormSchema = z
  .object({
    title: z.string().trim().min(5, "programme.errors.title").max(300),
    resolutionNumber: z.string().trim().min(3, "programme.errors.resolutionNumber").max(100),
    resolutionDate: isoDate("programme.errors.date"),
    validFrom: isoDate("programme.errors.date"),
    validTo: isoDate("programme.errors.date"),
  })
  .superRefine((v, ctx) => {
    if (v.validTo <= v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "programme.errors.period" });
  });
export type ProgrammeInput = z.infer<typeof programmeFormSchema>;

/** A package (e.g. Pakiet Senior): a named set of the centre's offers; an offer may be in several. */
export const packageFormSchema = z.object({
  name: z.string().trim().min(3, "programme.errors.packageName").max(200),
  description: z
    .string()
    .trim()
    .max(2000)
    .transform((v) => (v === "" ? null : v)),
  offerIds: z.array(z.string().uuid()),
});
export type PackageInput = z.infer<typeof packageFormSchema>;

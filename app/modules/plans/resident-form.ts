import { z } from "zod";
import { checkPesel } from "./pesel";

const optional = (max = 300) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v));

/** A resident's record as the coordinator fills it in. PESEL is optional when a document number is given. */
export const residentFormSchema = z
  .object({
    firstName: z.string().trim().min(2, "residents.errors.firstName").max(100),
    lastName: z.string().trim().min(2, "residents.errors.lastName").max(100),
    pesel: optional(11),
    documentNumber: optional(40),
    birthDate: optional(10),
    street: optional(),
    postalCode: optional(6).refine((v) => v === null || /^\d{2}-\d{3}$/.test(v), "provider.errors.postalCode"),
    city: optional(),
    gminaName: optional(),
    phone: optional(20).refine((v) => v === null || /^\+?[\d\s-]{9,20}$/.test(v), "provider.errors.phone"),
    email: optional(200).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "signIn.emailInvalid"),
    preferredLanguage: z.enum(["pl", "en", "uk"]),
    contactPreference: z.enum(["phone", "email", "letter", "do_not_contact"]),
    accessNeeds: optional(1000),
    disabilityLevel: z.enum(["", "light", "moderate", "severe"]).transform((v) => (v === "" ? null : v)),
    disabilityValidUntil: optional(10),
  })
  .superRefine((v, ctx) => {
    if (v.pesel !== null) {
      const check = checkPesel(v.pesel);
      if (!check.valid) ctx.addIssue({ code: "custom", path: ["pesel"], message: `residents.errors.pesel_${check.reason}` });
      else if (v.birthDate !== null && v.birthDate !== check.birthDate) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "residents.errors.birthDateMismatch" });
    } else if (v.documentNumber === null) {
      ctx.addIssue({ code: "custom", path: ["pesel"], message: "residents.errors.peselOrDocument" });
    }
    if (v.birthDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "plans.errors.date" });
  })
  .transform((v) => ({ ...v, birthDate: v.birthDate ?? (v.pesel ? (checkPesel(v.pesel) as { birthDate: string }).birthDate : null) }));
export type ResidentInput = z.infer<typeof residentFormSchema>;

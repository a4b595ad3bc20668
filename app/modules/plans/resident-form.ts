import { z } from "zod";
import { checkbox, choice, crossCheck, optionalDate, optionalText, text } from "~/modules/kernel/input";
import { checkPesel } from "./pesel";

const optional = (max = 300) => optionalText({ max });

/** A resident's record as the coordinator fills it in. PESEL is optional when a document number is given. */
export const residentFormSchema = crossCheck(
  z.object({
    firstName: text({ min: 2, max: 100, message: "residents.errors.firstName" }),
    lastName: text({ min: 2, max: 100, message: "residents.errors.lastName" }),
    pesel: optional(11),
    documentNumber: optional(40),
    // Nobody registering with the centre was born before 1900; a certificate valid until 2100 is a typing mistake.
    birthDate: optionalDate({ min: "1900-01-01", max: "2100-12-31", message: "residents.errors.birthDate" }),
    street: optional(),
    postalCode: optional(6).refine((v) => v === null || /^\d{2}-\d{3}$/.test(v), "provider.errors.postalCode"),
    city: optional(),
    gminaName: optional(),
    phone: optional(20).refine((v) => v === null || /^\+?[\d\s-]{9,20}$/.test(v), "provider.errors.phone"),
    email: optional(200).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "signIn.emailInvalid"),
    preferredLanguage: choice(["pl", "en", "uk"]),
    contactPreference: choice(["phone", "email", "letter", "do_not_contact"]),
    accessNeeds: optional(1000),
    disabilityLevel: choice(["", "light", "moderate", "severe"]).default("").transform((v) => (v === "" ? null : v)),
    disabilityValidUntil: optionalDate({ min: "1950-01-01", max: "2100-12-31", message: "residents.errors.validUntil" }),
    confirmDuplicate: checkbox(),
  }),
  (v, ctx) => {
    if (v.pesel !== null) {
      const check = checkPesel(v.pesel);
      if (!check.valid) ctx.addIssue({ code: "custom", path: ["pesel"], message: `residents.errors.pesel_${check.reason}` });
      else if (v.birthDate !== null && v.birthDate !== check.birthDate) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "residents.errors.birthDateMismatch" });
    } else if (v.documentNumber === null) {
      ctx.addIssue({ code: "custom", path: ["pesel"], message: "residents.errors.peselOrDocument" });
    }
  },
).transform((v) => ({ ...v, birthDate: v.birthDate ?? (v.pesel ? (checkPesel(v.pesel) as { birthDate: string }).birthDate : null) }));
export type ResidentInput = Omit<z.infer<typeof residentFormSchema>, "confirmDuplicate">;

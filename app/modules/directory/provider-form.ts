import { z } from "zod";
import { providerLegalForms } from "@db/schema/values";
import { crossCheck, email, id, text } from "~/modules/kernel/input";
import { MIN_PASSWORD_LENGTH } from "~/modules/identity/password-policy";
import { isValidKrs, isValidNip, isValidRegon, normaliseDigits } from "./identifiers";

/** Legal forms that are entered in the National Court Register (KRS) and must give its number. */
export const formsWithKrs = ["foundation", "association", "social_cooperative", "company"] as const;

const optionalText = z
  .string()
  .trim()
  .max(2000)
  .transform((v) => (v === "" ? null : v));

/**
 * The provider's profile. Messages are i18n keys. NIP and REGON are checked by checksum, KRS by
 * format, and KRS is required where the legal form is registered there.
 */
const providerProfileShape = {
    name: z.string().trim().min(3, "provider.errors.name").max(300),
    legalForm: z.enum(providerLegalForms, { error: "provider.errors.legalForm" }),
    subtype: optionalText,
    nip: z
      .string()
      .transform(normaliseDigits)
      .refine(isValidNip, "provider.errors.nip"),
    regon: z
      .string()
      .transform(normaliseDigits)
      .refine(isValidRegon, "provider.errors.regon"),
    krs: z
      .string()
      .transform(normaliseDigits)
      .refine((v) => v === "" || isValidKrs(v), "provider.errors.krs")
      .transform((v) => (v === "" ? null : v)),
    street: z.string().trim().min(2, "provider.errors.street").max(300),
    postalCode: z.string().trim().regex(/^\d{2}-\d{3}$/, "provider.errors.postalCode"),
    city: z.string().trim().min(2, "provider.errors.city").max(200),
    gminaName: z.string().trim().min(2, "provider.errors.gmina").max(200),
    contactPerson: z.string().trim().min(3, "provider.errors.contactPerson").max(200),
    phone: z.string().trim().regex(/^\+?[\d\s-]{9,20}$/, "provider.errors.phone"),
    email: z.string().trim().toLowerCase().pipe(z.email("signIn.emailInvalid")),
    website: z
      .string()
      .trim()
      .transform((v) => (v === "" ? null : /^https?:\/\//.test(v) ? v : `https://${v}`))
      .refine((v) => v === null || URL.canParse(v), "provider.errors.website"),
    description: optionalText,
    logoUrl: z
      .string()
      .trim()
      .transform((v) => (v === "" ? null : v))
      .refine((v) => v === null || (URL.canParse(v) && v.startsWith("https://")), "provider.errors.logoUrl"),
};

function krsWhereRegistered(value: { legalForm: string; krs: string | null }, ctx: z.RefinementCtx) {
  if ((formsWithKrs as readonly string[]).includes(value.legalForm) && !value.krs) {
    ctx.addIssue({ code: "custom", path: ["krs"], message: "provider.errors.krsRequired" });
  }
}

export const providerProfileSchema = crossCheck(z.object(providerProfileShape), krsWhereRegistered);

export type ProviderProfileInput = z.infer<typeof providerProfileSchema>;

export const providerProfileFields = [
  "name",
  "legalForm",
  "subtype",
  "nip",
  "regon",
  "krs",
  "street",
  "postalCode",
  "city",
  "gminaName",
  "contactPerson",
  "phone",
  "email",
  "website",
  "description",
  "logoUrl",
] as const;

/** A provider registering itself: the organisation, its first administrator's account, the centre it asks to work with. */
export const registrationSchema = crossCheck(
  z.object({
    ...providerProfileShape,
    accountName: text({ min: 3, max: 200, message: "invitation.nameRequired" }),
    accountEmail: email(),
    password: z.string({ error: `reset.tooShort:${MIN_PASSWORD_LENGTH}` }).min(MIN_PASSWORD_LENGTH, `reset.tooShort:${MIN_PASSWORD_LENGTH}`).max(1000, "input.tooLong:1000"),
    centreId: id({ message: "provider.errors.centre" }),
  }),
  krsWhereRegistered,
);

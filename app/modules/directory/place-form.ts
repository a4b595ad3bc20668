import { z } from "zod";
import { accessibilityFeatures } from "./areas";

/** A place where services are delivered (a provider's or the centre's own). Messages are i18n keys. */
export const placeFormSchema = z.object({
  name: z.string().trim().min(2, "provider.errors.name").max(200),
  street: z.string().trim().min(2, "provider.errors.street").max(300),
  postalCode: z.string().trim().regex(/^\d{2}-\d{3}$/, "provider.errors.postalCode"),
  city: z.string().trim().min(2, "provider.errors.city").max(200),
  gminaName: z.string().trim().min(2, "provider.errors.gmina").max(200),
  accessibility: z.array(z.enum(accessibilityFeatures)),
});
export type PlaceInput = z.infer<typeof placeFormSchema>;

export function readPlaceForm(formData: FormData) {
  const values: Record<string, string> = {};
  for (const key of ["name", "street", "postalCode", "city", "gminaName"]) values[key] = String(formData.get(key) ?? "");
  return { values, parsed: placeFormSchema.safeParse({ ...values, accessibility: formData.getAll("accessibility").map(String) }) };
}

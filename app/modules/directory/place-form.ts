import { z } from "zod";
import { choice, many, text } from "~/modules/kernel/input";
import { accessibilityFeatures } from "./areas";

/** A place where services are delivered (a provider's or the centre's own). Messages are i18n keys. */
export const placeFormSchema = z.object({
  name: text({ min: 2, max: 200, message: "provider.errors.name" }),
  street: text({ min: 2, max: 300, message: "provider.errors.street" }),
  postalCode: z.string({ error: "provider.errors.postalCode" }).trim().regex(/^\d{2}-\d{3}$/, "provider.errors.postalCode"),
  city: text({ min: 2, max: 200, message: "provider.errors.city" }),
  gminaName: text({ min: 2, max: 200, message: "provider.errors.gmina" }),
  accessibility: many(choice(accessibilityFeatures)),
});
export type PlaceInput = z.infer<typeof placeFormSchema>;

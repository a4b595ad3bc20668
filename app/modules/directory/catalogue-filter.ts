import { z } from "zod";
import { providerLegalForms } from "@db/schema/values";
import { choice, int, optionalId, page } from "~/modules/kernel/input";
import type { CatalogueFilter } from "./catalogue.server";
import { accessibilityFeatures, deliveryModes, offerLanguages, targetGroups } from "./areas";

/** A query parameter that is simply ignored when it does not parse ("not filtered"). */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The catalogue's filters as the URL carries them (also part of the shared calendar's query). */
export const catalogueQueryFields = {
  q: lenient(z.string().trim().max(200)),
  area: lenient(int({ min: 1, max: 14 })),
  package: lenient(optionalId()),
  gmina: lenient(z.string().trim().max(200)),
  mode: lenient(choice(deliveryModes)),
  target: lenient(choice(targetGroups)),
  kind: lenient(choice([...providerLegalForms, "centre"] as const)),
  fee: lenient(choice(["free", "paid"] as const)),
  access: lenient(choice(accessibilityFeatures)),
  lang: lenient(choice(offerLanguages)),
  sort: lenient(choice(["name", "newest"] as const)),
  page: page(),
};

type CatalogueQuery = z.output<z.ZodObject<typeof catalogueQueryFields>>;

export function toCatalogueFilter(q: CatalogueQuery): CatalogueFilter {
  return {
    q: q.q || undefined,
    area: q.area,
    packageId: q.package ?? undefined,
    gmina: q.gmina || undefined,
    mode: q.mode,
    target: q.target,
    providerKind: q.kind,
    fee: q.fee,
    accessibility: q.access,
    language: q.lang,
    sort: q.sort ?? "name",
    page: Math.min(1000, q.page),
  };
}

/** The public catalogue's query string: unknown or malformed values are ignored rather than failing the page. */
export const catalogueQuery = z.object(catalogueQueryFields).transform(toCatalogueFilter);

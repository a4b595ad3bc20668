import { providerLegalForms } from "@db/schema/directory";
import type { CatalogueFilter } from "./catalogue.server";
import { accessibilityFeatures, deliveryModes, offerLanguages, targetGroups } from "./areas";

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** Reads catalogue filters from a URL; unknown values are ignored rather than failing the page. */
export function parseCatalogueFilter(params: URLSearchParams): CatalogueFilter {
  const area = Number(params.get("area"));
  return {
    q: params.get("q")?.slice(0, 200) || undefined,
    area: Number.isInteger(area) && area >= 1 && area <= 14 ? area : undefined,
    packageId: params.get("package") || undefined,
    gmina: params.get("gmina")?.slice(0, 200) || undefined,
    mode: pick(params.get("mode"), deliveryModes),
    target: pick(params.get("target"), targetGroups),
    providerKind: pick(params.get("kind"), [...providerLegalForms, "centre"] as const),
    fee: pick(params.get("fee"), ["free", "paid"] as const),
    accessibility: pick(params.get("access"), accessibilityFeatures),
    language: pick(params.get("lang"), offerLanguages),
    sort: pick(params.get("sort"), ["name", "newest"] as const) ?? "name",
    page: Math.max(1, Math.min(1000, Number(params.get("page")) || 1)),
  };
}

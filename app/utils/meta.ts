import type { MetaArgs } from "@remix-run/node";
import { getT, toLocale } from "./i18n";

type Key = Parameters<ReturnType<typeof getT>>[0];

/** "<page> – Portal CUS" in the visitor's language (taken from the root loader). */
export function pageTitle(matches: MetaArgs["matches"], key: Key): { title: string }[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = getT(toLocale(root?.locale));
  return [{ title: `${t(key as "app.name")} – ${t("app.name")}` }];
}

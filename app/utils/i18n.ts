import i18next, { type TFunction } from "i18next";
import { en } from "~/locales/en";
import { pl, type Messages } from "~/locales/pl";
import { uk } from "~/locales/uk";
import { ukCatalogue } from "~/locales/uk-catalogue";

export const locales = ["pl", "en", "uk"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "pl";

/** A route that has its text in Ukrainian says so in its `handle` (see ADR 008). */
export type RouteHandle = { ukrainian?: boolean };
export const translatedForResidents: RouteHandle = { ukrainian: true };

/** Each language's name in itself, for the language switch. */
export const localeNames: Record<Locale, string> = { pl: "Polski", en: "English", uk: "Українська" };

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

const instance = i18next.createInstance();
void instance.init({
  resources: { pl: { translation: pl }, en: { translation: en }, uk: { translation: uk } },
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  initAsync: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);
// The catalogue's Ukrainian lives in its own file; merged deeply, as both add keys to e.g. `home`.
instance.addResourceBundle("uk", "translation", ukCatalogue, true, false);

export type T = TFunction<"translation", undefined>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

/** A translator fixed to one language; safe to share between requests. */
export function getT(locale: Locale): T {
  return instance.getFixedT(locale) as T;
}

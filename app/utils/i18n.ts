import i18next, { type TFunction } from "i18next";
import { en } from "~/locales/en";
import { pl, type Messages } from "~/locales/pl";

export const locales = ["pl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "pl";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

const instance = i18next.createInstance();
void instance.init({
  resources: { pl: { translation: pl }, en: { translation: en } },
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  initAsync: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

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

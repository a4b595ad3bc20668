import type { Locale } from "./i18n";

export const TIME_ZONE = "Europe/Warsaw";

const intlLocales: Record<Locale, string> = { pl: "pl-PL", en: "en-GB", uk: "uk-UA" };

/** The Intl locale for dates and numbers in a portal language. */
export const intlLocale = (locale: Locale) => intlLocales[locale];

/** Money is integer grosze end to end; this is the only place it becomes a string. */
export function formatMoney(grosze: number, locale: Locale = "pl"): string {
  if (!Number.isInteger(grosze)) throw new Error(`Money must be integer grosze, got ${grosze}`);
  return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency: "PLN" }).format(grosze / 100);
}

export function formatDateTime(value: Date | string, locale: Locale = "pl"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale = "pl"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, dateStyle: "long" }).format(new Date(value));
}

/** A billing month ("2026-03-01") as people say it: "marzec 2026". */
export function formatMonth(month: string, locale: Locale = "pl"): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, month: "long", year: "numeric" }).format(new Date(`${month.slice(0, 7)}-15T12:00:00Z`));
}

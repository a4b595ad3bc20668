import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, type Locale } from "./i18n";

/** The chosen language, remembered for a year (signed-in users also keep it on their account). */
export const localeCookie = createCookie("cus_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

export async function localeFromRequest(request: Request, userLocale?: string | null): Promise<Locale> {
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (isLocale(userLocale)) return userLocale;
  return defaultLocale;
}

import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setUserLocale } from "~/modules/identity/memberships.server";
import { getSessionContext } from "~/modules/identity/session.server";
import { readForm, sameOriginPath } from "~/modules/kernel/boundary.server";
import { locales } from "~/utils/i18n";
import { localeCookie } from "~/utils/locale.server";

export async function loader() {
  throw redirect("/");
}

const LanguageForm = z.object({
  locale: z.enum(locales).catch("pl"),
  redirectTo: z.string().max(2000).catch("/"),
});

/** Remembers the language in a cookie, and on the account so emails use it too. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, LanguageForm);
  const { locale, redirectTo } = form.ok ? form.data : { locale: "pl" as const, redirectTo: "/" };
  const session = await getSessionContext(request);
  if (session) await setUserLocale(session.user.id, locale);
  return redirect(sameOriginPath(redirectTo, request.url), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

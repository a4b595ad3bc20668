import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getSessionContext } from "~/modules/identity/session.server";
import { setUserLocale } from "~/modules/identity/memberships.server";
import { safeRedirectPath } from "~/utils/forms";
import { toLocale } from "~/utils/i18n";
import { localeCookie } from "~/utils/locale.server";

export async function loader() {
  throw redirect("/");
}

/** Remembers the language in a cookie, and on the account so emails use it too. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const locale = toLocale(formData.get("locale"));
  const session = await getSessionContext(request);
  if (session) await setUserLocale(session.user.id, locale);
  return redirect(safeRedirectPath(formData.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

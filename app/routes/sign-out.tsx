import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie, getSessionContext } from "~/modules/identity/session.server";
import { signOut } from "~/modules/identity/sign-in.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSessionContext(request);
  if (session) await signOut(session, context.ip);
  return redirect("/sign-in?notice=signed-out", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

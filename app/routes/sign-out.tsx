import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie, getSessionContext } from "~/modules/identity/session.server";
import { signOut } from "~/modules/identity/sign-in.server";
import { done } from "~/modules/kernel/feedback.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSessionContext(request);
  if (session) await signOut(session, context.ip);
  return done(request, { kind: "success", message: "signIn.signedOut" }, "/sign-in", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

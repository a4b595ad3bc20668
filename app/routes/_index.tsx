import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { roleHome } from "~/modules/identity/permissions";
import { getSessionContext } from "~/modules/identity/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSessionContext(request);
  if (!session) throw redirect("/sign-in");
  throw redirect(session.membership ? roleHome[session.membership.role] : "/account");
}

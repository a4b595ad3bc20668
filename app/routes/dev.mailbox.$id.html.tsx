import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMailboxMessage } from "~/modules/notifications/mailbox.server";
import { isProduction } from "~/utils/env.server";

/** The stored HTML as it would reach an inbox; server.ts gives this path its own narrow CSP. */
export async function loader({ params }: LoaderFunctionArgs) {
  if (isProduction()) throw new Response("Not found", { status: 404 });
  const message = await getMailboxMessage(params.id ?? "");
  if (!message) throw new Response("Not found", { status: 404 });
  return new Response(message.html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

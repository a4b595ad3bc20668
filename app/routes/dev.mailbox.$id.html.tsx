import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { getMailboxMessage, requireMailbox } from "~/modules/notifications/mailbox.server";

/** The stored HTML as it would reach an inbox; server.ts gives this path its own narrow CSP. */
const MessageParams = z.object({ id: id() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMailbox(request, context);
  const message = await getMailboxMessage(readParams(params, MessageParams).id);
  if (!message) throw notFound();
  return new Response(message.html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

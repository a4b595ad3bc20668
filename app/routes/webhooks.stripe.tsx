import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveStripeWebhook } from "~/modules/billing/webhook.server";
import { notFound } from "~/modules/kernel/boundary.server";

/** Stripe's events arrive here (POST only; the signature, not a session, says who sent them). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return notFound();
  return receiveStripeWebhook(request);
}

export function loader() {
  return notFound();
}

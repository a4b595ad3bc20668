import { readRawBody } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { verifyWebhook } from "~/modules/stripe/client.server";
import { processStripeEvent } from "./stripe-events.server";

/**
 * Stripe's webhook: the signature is checked on the raw body before anything is parsed; a forged or stale
 * signature is a 400 and changes nothing; a verified event is applied once and answered 200 (also when it was
 * seen before), so Stripe stops retrying. An error while applying is a 500, and Stripe retries later.
 */
export async function receiveStripeWebhook(request: Request): Promise<Response> {
  const raw = await readRawBody(request);
  const event = verifyWebhook(raw, request.headers.get("stripe-signature"));
  if (!event) return new Response("Invalid signature.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const outcome = await processStripeEvent(event, clock.now());
  return Response.json({ received: true, outcome });
}

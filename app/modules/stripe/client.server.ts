import Stripe from "stripe";

/*
 * The one place that imports the `stripe` SDK. With STRIPE_SECRET_KEY it talks to Stripe; without it, to the
 * local Stripe stand-in (stripe-standin/, started by server.ts and by the tests) through the same SDK, pointed at
 * it by host, port and protocol, so the same code runs offline and in production (docs/decisions/014).
 */

/** The webhook secret the stand-in signs with when no real one is configured. */
export const STANDIN_WEBHOOK_SECRET = "whsec_local_stand_in_0123456789abcdef";
const STANDIN_KEY = "sk_test_local_stand_in";

export type StripeMode = { kind: "stripe" } | { kind: "stand-in"; url: string };

export function stripeMode(): StripeMode {
  if (process.env.STRIPE_SECRET_KEY) return { kind: "stripe" };
  return { kind: "stand-in", url: process.env.STRIPE_STANDIN_URL ?? `http://127.0.0.1:${Number(process.env.PORT ?? 3000) + 2}` };
}

let cached: { key: string; client: Stripe } | undefined;

export function stripe(): Stripe {
  const mode = stripeMode();
  const key = mode.kind === "stripe" ? process.env.STRIPE_SECRET_KEY! : `${STANDIN_KEY}@${mode.url}`;
  if (cached?.key === key) return cached.client;
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: "cus-portal" } };
  if (mode.kind === "stand-in") {
    const url = new URL(mode.url);
    Object.assign(options, { host: url.hostname, port: Number(url.port || 80), protocol: url.protocol.replace(":", "") as "http" | "https" });
  }
  cached = { key, client: new Stripe(mode.kind === "stripe" ? process.env.STRIPE_SECRET_KEY! : STANDIN_KEY, options) };
  return cached.client;
}

export function webhookSecret(): string {
  return process.env.STRIPE_WEBHOOK_SECRET ?? (process.env.STRIPE_SECRET_KEY ? "" : STANDIN_WEBHOOK_SECRET);
}

/**
 * Verifies a webhook on its raw body (the exact bytes Stripe signed) and returns the event, or null when the
 * signature is missing, forged or older than five minutes.
 */
export function verifyWebhook(rawBody: string, signature: string | null): Stripe.Event | null {
  const secret = webhookSecret();
  if (!signature || !secret) return null;
  try {
    return stripe().webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return null;
  }
}

/** A signed header for a payload (tests send the portal events as Stripe would). */
export function signForTest(payload: string, secret = webhookSecret(), timestamp?: number): string {
  return stripe().webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
}

/** Stripe's error as a short reason for a log and a message. */
export function stripeErrorCode(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) return error.code ?? error.type;
  return "unknown";
}

export type { Stripe };

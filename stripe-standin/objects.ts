import { randomBytes } from "node:crypto";
import fixtures from "./fixtures.json" with { type: "json" };

/*
 * Objects shaped like Stripe's: each starts from Stripe's own published sample of its kind (fixtures.json, from
 * stripe/openapi, MIT) with every value emptied (null, false, [] or {}), so the portal meets every field it will
 * meet in production, and the stand-in fills in what it knows.
 */

export type StripeObject = Record<string, unknown> & { id: string; object: string };

type Kind = keyof typeof fixtures.resources;

function blank(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return [];
  if (value === null) return null;
  if (typeof value === "boolean") return false;
  if (typeof value === "object") {
    // Maps whose keys are data (metadata, options per method) start empty.
    if (key === "metadata" || key === "payment_method_options") return {};
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, blank(v, k)]));
  }
  return null;
}

const blanks = new Map<Kind, Record<string, unknown>>();

/** A new object of a kind: the sample's shape, emptied, with `fields` on top. */
export function makeObject(kind: Kind, fields: Record<string, unknown>): StripeObject {
  let shape = blanks.get(kind);
  if (!shape) {
    shape = blank(fixtures.resources[kind]) as Record<string, unknown>;
    blanks.set(kind, shape);
  }
  return { ...structuredClone(shape), livemode: false, object: kind, ...fields } as unknown as StripeObject;
}

/** Ids as Stripe writes them: a prefix and 24 letters and digits. */
export function stripeId(prefix: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(24);
  return `${prefix}_${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

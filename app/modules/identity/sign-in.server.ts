import { and, count, eq, gt, max, min } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { signInAttempts, users } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import { isDemoEmail } from "@db/demo-accounts";
import { isProduction } from "~/utils/env.server";
import { verifyPassword } from "./password.server";
import { createSession, revokeSession } from "./session.server";
import { clock } from "~/modules/kernel/clock.server";

/*
 * Guessing is slowed in three ways (OWASP's advice), none of which lets a stranger shut a person out for long:
 * - per account and address: 5 failures in 15 minutes close that address for that account (the stranger's own);
 * - per address: 50 failures over any accounts close the address (one password tried on many accounts);
 * - per account from anywhere: after 20 failures, every new address waits half a minute after the last
 *   failure, while an address the person has signed in from before is not slowed at all.
 * Refused attempts are not counted as failures, so hammering a closed door does not keep it closed.
 */
export const RATE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
export const MAX_FAILURES_PER_IP = 50;
export const MAX_FAILURES_PER_ACCOUNT = 20;
export const ACCOUNT_BACKOFF_MS = 30 * 1000;
/** An address with a successful sign-in to the account this recently is the person's own. */
const KNOWN_ADDRESS_MS = 90 * 24 * 3600 * 1000;

export type SignInResult =
  | { ok: true; token: string; userId: string; membershipId: string | null }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function failures(db: Database, since: Date, where: { email?: string; ip?: string }) {
  const conditions = [eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)];
  if (where.email) conditions.push(eq(signInAttempts.email, where.email));
  if (where.ip) conditions.push(eq(signInAttempts.ip, where.ip));
  const [row] = await db.select({ n: count(), first: min(signInAttempts.at), last: max(signInAttempts.at) }).from(signInAttempts).where(and(...conditions));
  return { n: row?.n ?? 0, first: row?.first ?? null, last: row?.last ?? null };
}

async function isKnownAddress(db: Database, email: string, ip: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, true), gt(signInAttempts.at, new Date(now.getTime() - KNOWN_ADDRESS_MS))));
  return (row?.n ?? 0) > 0;
}

/** How long this address must wait before trying this account again (ms), or 0. */
export async function waitBeforeAttempt(db: Database, email: string, ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const [pair, address, account] = await Promise.all([failures(db, since, { email, ip }), failures(db, since, { ip }), failures(db, since, { email })]);
  // A closed pair or address opens when its oldest failure in the window is older than the window.
  const windowWait = (f: { first: Date | null }) => (f.first ? f.first.getTime() + RATE_WINDOW_MS - now.getTime() : 0);
  if (pair.n >= MAX_FAILURES_PER_ACCOUNT_AND_IP) return Math.max(1, windowWait(pair));
  if (address.n >= MAX_FAILURES_PER_IP) return Math.max(1, windowWait(address));
  if (account.n >= MAX_FAILURES_PER_ACCOUNT && account.last && !(await isKnownAddress(db, email, ip, now))) {
    return Math.max(0, account.last.getTime() + ACCOUNT_BACKOFF_MS - now.getTime());
  }
  return 0;
}

/** Checks the password (argon2id) under the limits above. Every outcome is audited. */
export async function signIn(
  input: { email: string; password: string; ip: string; userAgent: string | null; now?: Date },
  db: Database = getDb(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const now = input.now ?? clock.now();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);

  const wait = await waitBeforeAttempt(db, email, input.ip, now);
  if (wait > 0) {
    await recordAudit(db, { userId: user?.id ?? null, email, ip: input.ip }, {
      action: "auth.sign_in_refused",
      entityType: "user",
      entityId: user?.id ?? null,
    });
    return { ok: false, reason: "rate_limited", retryAfterMinutes: Math.ceil(wait / 60_000) };
  }

  // Demo accounts have published passwords: never valid in production.
  const allowed = !!user && !user.disabledAt && !(isProduction() && isDemoEmail(email));
  const valid = (await verifyPassword(user?.passwordHash, input.password)) && allowed;
  if (!valid || !user) {
    await db.insert(signInAttempts).values({ email, ip: input.ip, succeeded: false, at: now });
    await recordAudit(db, { userId: user?.id ?? null, email, ip: input.ip }, {
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? null,
    });
    return { ok: false, reason: "invalid" };
  }

  return db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email, ip: input.ip, succeeded: true, at: now });
    const session = await createSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now });
    await recordAudit(tx, { userId: user.id, email: user.email, ip: input.ip }, {
      action: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
    });
    return { ok: true as const, token: session.token, userId: user.id, membershipId: session.membershipId };
  });
}

/** Ends the session for good: the old cookie no longer opens anything. */
export async function signOut(session: { sessionId: string; user: { id: string; email: string } }, ip: string, db: Database = getDb()) {
  await db.transaction(async (tx) => {
    await revokeSession(session.sessionId, tx);
    await recordAudit(tx, { userId: session.user.id, email: session.user.email, ip }, { action: "auth.sign_out", entityType: "user", entityId: session.user.id });
  });
}

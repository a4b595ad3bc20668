import { and, count, eq, gt } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { signInAttempts, users } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { isDemoEmail } from "@db/demo-accounts";
import { isProduction } from "~/utils/env.server";
import { verifyPassword } from "./password.server";
import { createSession, revokeSession } from "./session.server";

export const RATE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts allowed per account from one address in the window; the next one is refused. */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
/** Per account from any address: slows guessing spread over many addresses. */
export const MAX_FAILURES_PER_ACCOUNT = 20;
/** Per address over any accounts: slows trying one password on many accounts. */
export const MAX_FAILURES_PER_IP = 50;

export type SignInResult =
  | { ok: true; token: string; userId: string; membershipId: string | null }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function countFailures(db: Database, since: Date, where: { email?: string; ip?: string }): Promise<number> {
  const conditions = [eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)];
  if (where.email) conditions.push(eq(signInAttempts.email, where.email));
  if (where.ip) conditions.push(eq(signInAttempts.ip, where.ip));
  const [row] = await db.select({ n: count() }).from(signInAttempts).where(and(...conditions));
  return row?.n ?? 0;
}

export async function isRateLimited(db: Database, email: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const [pair, account, address] = await Promise.all([
    countFailures(db, since, { email, ip }),
    countFailures(db, since, { email }),
    countFailures(db, since, { ip }),
  ]);
  return pair >= MAX_FAILURES_PER_ACCOUNT_AND_IP || account >= MAX_FAILURES_PER_ACCOUNT || address >= MAX_FAILURES_PER_IP;
}

/**
 * Checks the password (argon2id) under a rate limit. A refused attempt counts as a failure too,
 * so hammering keeps the door shut. Every outcome is audited.
 */
export async function signIn(
  input: { email: string; password: string; ip: string; userAgent: string | null; now?: Date },
  db: Database = getDb(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const now = input.now ?? new Date();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);

  if (await isRateLimited(db, email, input.ip, now)) {
    await db.insert(signInAttempts).values({ email, ip: input.ip, succeeded: false, at: now });
    await recordAudit(db, {
      action: "auth.sign_in_refused",
      entityType: "user",
      entityId: user?.id ?? null,
      actorUserId: user?.id ?? null,
      actorEmail: email,
      ip: input.ip,
    });
    return { ok: false, reason: "rate_limited", retryAfterMinutes: Math.ceil(RATE_WINDOW_MS / 60_000) };
  }

  // Demo accounts have published passwords: never valid in production.
  const allowed = !!user && !user.disabledAt && !(isProduction() && isDemoEmail(email));
  const valid = (await verifyPassword(user?.passwordHash, input.password)) && allowed;
  if (!valid || !user) {
    await db.insert(signInAttempts).values({ email, ip: input.ip, succeeded: false, at: now });
    await recordAudit(db, {
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      actorUserId: user?.id ?? null,
      actorEmail: email,
      ip: input.ip,
    });
    return { ok: false, reason: "invalid" };
  }

  return db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email, ip: input.ip, succeeded: true, at: now });
    const session = await createSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now });
    await recordAudit(tx, {
      action: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
      actorUserId: user.id,
      actorEmail: user.email,
      ip: input.ip,
    });
    return { ok: true as const, token: session.token, userId: user.id, membershipId: session.membershipId };
  });
}

/** Ends the session for good: the old cookie no longer opens anything. */
export async function signOut(session: { sessionId: string; user: { id: string; email: string } }, ip: string, db: Database = getDb()) {
  await db.transaction(async (tx) => {
    await revokeSession(session.sessionId, tx);
    await recordAudit(tx, {
      action: "auth.sign_out",
      entityType: "user",
      entityId: session.user.id,
      actorUserId: session.user.id,
      actorEmail: session.user.email,
      ip,
    });
  });
}

import { and, count, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { passwordResetRequests, passwordResetTokens, users } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { toLocale } from "~/utils/i18n";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password.server";
import { listActiveMemberships, revokeAllSessions } from "./session.server";
import { normaliseEmail } from "./sign-in.server";
import { hashToken, randomToken } from "./tokens.server";
import { clock } from "~/modules/kernel/clock.server";

export const RESET_VALID_MINUTES = 60;
/** Reset requests counted over this window, whether or not the account exists (so the limit reveals nothing). */
export const RESET_WINDOW_MS = 15 * 60 * 1000;
export const MAX_RESET_REQUESTS_PER_EMAIL = 3;
export const MAX_RESET_REQUESTS_PER_IP = 10;

async function countRequests(db: Database, since: Date, where: { email: string } | { ip: string }) {
  const [row] = await db
    .select({ n: count() })
    .from(passwordResetRequests)
    .where(and(gt(passwordResetRequests.at, since), "email" in where ? eq(passwordResetRequests.email, where.email) : eq(passwordResetRequests.ip, where.ip)));
  return row?.n ?? 0;
}

export type ResetRequestResult = { ok: true } | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

/**
 * Emails a single-use link if the account exists. The caller shows the same answer either way, so the form
 * does not reveal who has an account. Throttled per address asked for and per address asking: a flood of
 * requests sends no flood of emails.
 */
export async function requestPasswordReset(
  input: { email: string; baseUrl: string; ip: string; now?: Date },
  db: Database = getDb(),
): Promise<ResetRequestResult> {
  const email = normaliseEmail(input.email);
  const now = input.now ?? clock.now();
  const since = new Date(now.getTime() - RESET_WINDOW_MS);
  const [forEmail, fromIp] = await Promise.all([countRequests(db, since, { email }), countRequests(db, since, { ip: input.ip })]);
  if (forEmail >= MAX_RESET_REQUESTS_PER_EMAIL || fromIp >= MAX_RESET_REQUESTS_PER_IP) {
    return { ok: false, reason: "rate_limited", retryAfterMinutes: Math.ceil(RESET_WINDOW_MS / 60_000) };
  }
  await db.insert(passwordResetRequests).values({ email, ip: input.ip, at: now });
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user || user.disabledAt) return { ok: true };
  const [firstMembership] = await listActiveMemberships(user.id, db);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + RESET_VALID_MINUTES * 60_000);
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({ id: hashToken(token), userId: user.id, createdAt: now, expiresAt });
    await enqueueEmail(tx, {
      to: user.email,
      template: "password-reset",
      props: {
        locale: toLocale(user.locale),
        centreName: firstMembership?.organisationName ?? "Portal CUS",
        email: user.email,
        resetUrl: `${input.baseUrl}/reset-password/${token}`,
        validMinutes: RESET_VALID_MINUTES,
      },
    });
    await recordAudit(tx, { userId: user.id, email: user.email, ip: input.ip }, {
      action: "auth.password_reset_requested",
      entityType: "user",
      entityId: user.id,
    });
  });
  return { ok: true };
}

async function findUsableToken(db: Database, token: string, now: Date) {
  const [row] = await db
    .select()
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.id, hashToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function isResetTokenUsable(token: string, db: Database = getDb(), now = clock.now()): Promise<boolean> {
  return (await findUsableToken(db, token, now)) !== null;
}

export type ResetResult = { ok: true } | { ok: false; reason: "invalid_link" | "too_short" };

/** Sets the new password, burns the link and every other one of the account, and ends its open sessions. */
export async function resetPassword(
  input: { token: string; password: string; ip: string; now?: Date },
  db: Database = getDb(),
): Promise<ResetResult> {
  const now = input.now ?? clock.now();
  if (input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: "too_short" };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Claiming the token with a conditional update makes the link single-use even under a double submit.
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.id, hashToken(input.token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning();
    if (!claimed) return { ok: false as const, reason: "invalid_link" as const };
    // The other links sent to this account stop working too: one reset ends them all.
    await tx.update(passwordResetTokens).set({ usedAt: now }).where(and(eq(passwordResetTokens.userId, claimed.userId), isNull(passwordResetTokens.usedAt)));
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId)).returning();
    await revokeAllSessions(claimed.userId, tx);
    await recordAudit(tx, { userId: claimed.userId, email: user?.email ?? null, ip: input.ip }, {
      action: "auth.password_reset",
      entityType: "user",
      entityId: claimed.userId,
    });
    return { ok: true as const };
  });
}

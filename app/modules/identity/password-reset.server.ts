import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { passwordResetTokens, users } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { toLocale } from "~/utils/i18n";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password.server";
import { listActiveMemberships, revokeAllSessions } from "./session.server";
import { normaliseEmail } from "./sign-in.server";
import { hashToken, randomToken } from "./tokens.server";

export const RESET_VALID_MINUTES = 60;

/**
 * Emails a single-use link if the account exists. The caller shows the same answer either way,
 * so the form does not reveal who has an account.
 */
export async function requestPasswordReset(
  input: { email: string; baseUrl: string; ip: string; now?: Date },
  db: Database = getDb(),
): Promise<void> {
  const email = normaliseEmail(input.email);
  const now = input.now ?? new Date();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user || user.disabledAt) return;
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
    await recordAudit(tx, {
      action: "auth.password_reset_requested",
      entityType: "user",
      entityId: user.id,
      actorUserId: user.id,
      actorEmail: user.email,
      ip: input.ip,
    });
  });
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

export async function isResetTokenUsable(token: string, db: Database = getDb(), now = new Date()): Promise<boolean> {
  return (await findUsableToken(db, token, now)) !== null;
}

export type ResetResult = { ok: true } | { ok: false; reason: "invalid_link" | "too_short" };

/** Sets the new password, burns the link, and ends every open session of the account. */
export async function resetPassword(
  input: { token: string; password: string; ip: string; now?: Date },
  db: Database = getDb(),
): Promise<ResetResult> {
  const now = input.now ?? new Date();
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
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId)).returning();
    await revokeAllSessions(claimed.userId, tx);
    await recordAudit(tx, {
      action: "auth.password_reset",
      entityType: "user",
      entityId: claimed.userId,
      actorUserId: claimed.userId,
      actorEmail: user?.email ?? null,
      ip: input.ip,
    });
    return { ok: true as const };
  });
}

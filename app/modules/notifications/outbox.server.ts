import { and, asc, eq, isNull, lte, or, lt, sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { outbox } from "@db/schema";
import type { EmailTemplateName, EmailTemplates } from "@emails/index";
import { clock } from "~/modules/kernel/clock.server";

export type EmailPayload<K extends EmailTemplateName = EmailTemplateName> = {
  to: string;
  template: K;
  props: EmailTemplates[K];
};

/**
 * Queue an email in the caller's transaction: it is sent only if the change that caused it commits,
 * and it is not lost if the process dies before sending.
 */
export async function enqueueEmail<K extends EmailTemplateName>(
  db: Database,
  payload: EmailPayload<K>,
  options: { cusId?: string | null } = {},
): Promise<string> {
  const [row] = await db
    .insert(outbox)
    .values({ kind: "email", payload, cusId: options.cusId ?? null, nextAttemptAt: clock.now() })
    .returning({ id: outbox.id });
  return row!.id;
}

export type OutboxMessage = typeof outbox.$inferSelect;

/** How long a claimed message stays invisible to other workers while it is being sent. */
export const CLAIM_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS = 8;

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/** Claim due messages; several workers can run at once thanks to SKIP LOCKED. */
export async function claimDue(db: Database, now: Date, limit = 10): Promise<OutboxMessage[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, "pending"),
          lte(outbox.nextAttemptAt, now),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: sql`${outbox.attempts} + 1` })
      .where(sql`${outbox.id} in ${due.map((d) => d.id)}`)
      .returning();
  });
}

export async function markSent(db: Database, id: string, now: Date): Promise<void> {
  await db.update(outbox).set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null }).where(eq(outbox.id, id));
}

export async function markFailed(db: Database, message: OutboxMessage, error: unknown, now: Date): Promise<void> {
  const dead = message.attempts >= MAX_ATTEMPTS;
  await db
    .update(outbox)
    .set({
      status: dead ? "dead" : "pending",
      lockedUntil: null,
      lastError: String(error instanceof Error ? error.message : error).slice(0, 2000),
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
    })
    .where(eq(outbox.id, message.id));
}
